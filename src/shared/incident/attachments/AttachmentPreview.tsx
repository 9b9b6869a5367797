import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { previewKind } from './previewKind';

/** A decrypted attachment: picture, player, or a link to save a copy (with what that means). */
export function AttachmentPreview({ name, type, url }: { name: string; type: string; url: string }) {
  const { t } = useTranslation('attachments');
  // Pictures the browser cannot draw (HEIC on most browsers) fall back to a saved copy.
  const [broken, setBroken] = useState(false);
  const kind = previewKind(type);

  if (kind === 'image' && !broken) {
    return <img className="attachment-thumb" src={url} alt={name} onError={() => setBroken(true)} />;
  }
  if (kind === 'audio') {
    return <audio className="attachment-media" controls preload="metadata" src={url} aria-label={t('list.audioLabel', { name })} />;
  }
  if (kind === 'video') {
    return (
      <video className="attachment-media" controls playsInline preload="metadata" src={url} aria-label={t('list.videoLabel', { name })} />
    );
  }
  return (
    <>
      {broken && <p>{t('list.cannotPreview')}</p>}
      <p>
        <a className="button" href={url} download={name}>
          {t('list.download', { name })}
        </a>
      </p>
      <p className="hint">{t('list.downloadWarning')}</p>
    </>
  );
}
