import { useState } from 'react';
import type { DraftStore } from '../../../core/store/draftStore';
import { appDrafts } from '../../../core/vault/featureStores';

/** The app's draft store, made once per screen (it is only reached while unlocked). */
export function useDraftStore(): DraftStore {
  const [store] = useState(appDrafts);
  return store;
}
