import type { DraftStore } from '../../../core/store/draftStore';
import { useDiary } from '../../../shared/diary/useDiary';

/** The unlocked vault's draft store, from the diary context. */
export function useDraftStore(): DraftStore {
  return useDiary().stores.drafts;
}
