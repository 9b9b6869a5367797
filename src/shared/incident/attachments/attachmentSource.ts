import { createContext, useContext } from 'react';
import type { AttachmentRef } from '../../../core/model/incident';
import { useDiaryIfUnlocked } from '../../diary/useDiary';

/** Where shown files come from: the diary's encrypted store, or an opened evidence package. */
export interface AttachmentSource {
  open(ref: AttachmentRef): Promise<Blob>;
  /**
   * An opened package's pictures sent as copies redrawn without their metadata: the copy's own
   * SHA-256 (the ref's is the original's). Undefined for a file carried as it was.
   */
  redrawnCopy?(ref: AttachmentRef): { sha256: string } | undefined;
}

export const AttachmentSourceContext = createContext<AttachmentSource | null>(null);

/**
 * An opened package's files come from the package, whether or not a diary is unlocked (an
 * advocate may have none); otherwise from the unlocked diary's store.
 */
export function useAttachmentSource(): AttachmentSource {
  const override = useContext(AttachmentSourceContext);
  const store = useDiaryIfUnlocked()?.stores.attachments ?? null;
  const source = override ?? store;
  if (!source) throw new Error('Files can be shown only from an opened package or an unlocked diary');
  return source;
}

/** Whether the files shown are the person's own (their diary) or a package's someone sent. */
export function useAttachmentOrigin(): 'diary' | 'package' {
  return useContext(AttachmentSourceContext) ? 'package' : 'diary';
}
