import { useEffect, useState } from 'react';
import type { AttachmentRef } from '../../../core/model/incident';
import { createTrackedObjectUrl, revokeTrackedObjectUrl } from '../../../core/vault/objectUrls';
import { previewKind } from './previewKind';
import { useAttachmentSource } from './attachmentSource';

export type DecryptedFile =
  { status: 'hidden' } | { status: 'opening' } | { status: 'shown'; url: string } | { status: 'failed'; error: unknown };

type Result = { generation: number; key: string } & ({ url: string } | { error: unknown });

/**
 * Decrypts one attachment only when asked (show), as an object URL that is revoked when it is
 * hidden, the attachment changes or the component unmounts (and by the vault at lock).
 */
export function useDecryptedFile(attachment: AttachmentRef): { file: DecryptedFile; show: () => void; hide: () => void } {
  const store = useAttachmentSource();
  // Each "show" is a new generation, so a late result of an earlier one is never displayed.
  const [view, setView] = useState({ open: false, generation: 0 });
  const [result, setResult] = useState<Result | null>(null);
  const { id, name, type, size, sha256 } = attachment;
  const key = [id, type, size, sha256].join('\0');

  useEffect(() => {
    if (!view.open) return;
    const generation = view.generation;
    let cancelled = false;
    let url: string | null = null;
    store.open({ id, name, type, size, sha256 }).then(
      (blob) => {
        if (cancelled) return;
        // Files that are not shown inline are only ever saved, never rendered as a page of
        // this app's origin (an HTML or SVG file could otherwise run in it).
        url = createTrackedObjectUrl(previewKind(type) === 'file' ? new Blob([blob], { type: 'application/octet-stream' }) : blob);
        setResult({ generation, key, url });
      },
      (error: unknown) => {
        if (!cancelled) setResult({ generation, key, error });
      },
    );
    return () => {
      cancelled = true;
      if (url !== null) revokeTrackedObjectUrl(url);
    };
  }, [view, store, id, name, type, size, sha256, key]);

  const current = view.open && result?.generation === view.generation && result.key === key ? result : null;
  let file: DecryptedFile;
  if (!view.open) file = { status: 'hidden' };
  else if (current === null) file = { status: 'opening' };
  else if ('url' in current) file = { status: 'shown', url: current.url };
  else file = { status: 'failed', error: current.error };

  return {
    file,
    show: () => setView((v) => ({ open: true, generation: v.generation + 1 })),
    hide: () => setView((v) => ({ open: false, generation: v.generation })),
  };
}
