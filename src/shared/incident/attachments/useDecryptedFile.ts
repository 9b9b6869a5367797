import { useEffect, useState } from 'react';
import { prepareFile } from '../../../core/files';
import type { AttachmentRef } from '../../../core/model/incident';
import { useAttachmentSource } from './attachmentSource';
import { revokeShownFile, shownFileUrls, type ShownFile } from './shownFile';

export type DecryptedFile =
  { status: 'hidden' } | { status: 'opening' } | { status: 'shown'; file: ShownFile } | { status: 'failed'; error: unknown };

type Result = { generation: number; key: string } & ({ file: ShownFile } | { error: unknown });

/**
 * Decrypts one attachment only when asked (show) and prepares it from its bytes alone: a
 * redrawn picture, a recording, or nothing inline, with a saved copy offered as octet-stream
 * bytes (see core/files). Its object URLs are revoked when it is hidden, the attachment changes
 * or the component unmounts (and by the vault at lock).
 */
export function useDecryptedFile(attachment: AttachmentRef): { file: DecryptedFile; show: () => void; hide: () => void } {
  const store = useAttachmentSource();
  // Each "show" is a new generation, so a late result of an earlier one is never displayed.
  const [view, setView] = useState({ open: false, generation: 0 });
  const [result, setResult] = useState<Result | null>(null);
  const { id, name, type, size, sha256 } = attachment;
  const key = [id, name, type, size, sha256].join('\0');

  useEffect(() => {
    if (!view.open) return;
    const generation = view.generation;
    let cancelled = false;
    let shown: ShownFile | null = null;
    store
      .open({ id, name, type, size, sha256 })
      .then((blob) => prepareFile(blob, name, type))
      .then(
        (prepared) => {
          if (cancelled) return;
          shown = shownFileUrls(prepared);
          setResult({ generation, key, file: shown });
        },
        (error: unknown) => {
          if (!cancelled) setResult({ generation, key, error });
        },
      );
    return () => {
      cancelled = true;
      if (shown !== null) revokeShownFile(shown);
    };
  }, [view, store, id, name, type, size, sha256, key]);

  const current = view.open && result?.generation === view.generation && result.key === key ? result : null;
  let file: DecryptedFile;
  if (!view.open) file = { status: 'hidden' };
  else if (current === null) file = { status: 'opening' };
  else if ('file' in current) file = { status: 'shown', file: current.file };
  else file = { status: 'failed', error: current.error };

  return {
    file,
    show: () => setView((v) => ({ open: true, generation: v.generation + 1 })),
    hide: () => setView((v) => ({ open: false, generation: v.generation })),
  };
}
