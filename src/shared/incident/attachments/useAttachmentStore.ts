import type { AttachmentStore } from '../../../core/store/attachmentStore';
import { useDiary } from '../../diary/useDiary';

/**
 * The unlocked vault's attachment store, from the diary context. Besides save/open it offers
 * remove(id) and removeAll(ids), e.g. to delete the bytes of a deleted incident's attachments.
 */
export function useAttachmentStore(): AttachmentStore {
  return useDiary().stores.attachments;
}
