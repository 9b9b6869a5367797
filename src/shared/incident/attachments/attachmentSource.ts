import { createContext, useContext } from 'react';
import type { AttachmentRef } from '../../../core/model/incident';
import { useAttachmentStore } from './useAttachmentStore';

/** Where shown files come from: the diary's encrypted store, or an opened evidence package. */
export interface AttachmentSource {
  open(ref: AttachmentRef): Promise<Blob>;
}

export const AttachmentSourceContext = createContext<AttachmentSource | null>(null);

export function useAttachmentSource(): AttachmentSource {
  const override = useContext(AttachmentSourceContext);
  const store = useAttachmentStore();
  return override ?? store;
}
