import { useState } from 'react';
import type { AttachmentStore } from '../../../core/store/attachmentStore';
import { appAttachments } from '../../../core/vault/featureStores';

/**
 * The app's attachment store, created once per component. Besides save/open it offers
 * remove(id) and removeAll(ids), e.g. to delete the bytes of a deleted incident's attachments.
 */
export function useAttachmentStore(): AttachmentStore {
  const [store] = useState(appAttachments);
  return store;
}
