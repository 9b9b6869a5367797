import { useState, type DragEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PICTURE_PIXELS } from '../../../core/files';
import { notShownKey } from './previewKind';
import type { ShownFile } from './shownFile';

/**
 * A decrypted attachment: its redrawn picture or its player when it has one, else why not; and
 * always a link to save a copy of its exact bytes (with what saving means). Reusable wherever a
 * file someone else made is shown (the diary, an opened evidence package).
 */
/**
 * Shown pictures and players offer no menu, no dragging and no picture-in-picture: a picture
 * opened in a tab of its own (long-press, right-click, a drag to the tab bar) would stay on
 * screen after Quick exit, which reaches only the app's own pages. "Save a copy" is the one way
 * out, and it saves rather than shows.
 */
const noMenu = {
  onContextMenu: (event: MouseEvent<HTMLElement>) => event.preventDefault(),
  onDragStart: (event: DragEvent<HTMLElement>) => event.preventDefault(),
  draggable: false,
} as const;

export function AttachmentPreview({ name, file }: { name: string; file: ShownFile }) {
  const { t } = useTranslation('attachments');
  // A redrawn picture or a recording the browser still cannot show falls back to a saved copy.
  const [broken, setBroken] = useState(false);
  const { view, download } = file;

  let shown = null;
  let message: string | null = null;
  if (view.kind === 'none') {
    message = t(notShownKey(view.reason), { limit: MAX_PICTURE_PIXELS / 1_000_000 });
  } else if (broken) {
    message = view.kind === 'picture' ? t('list.cannotPreview') : t('list.cannotPlay');
  } else if (view.kind === 'picture') {
    shown = (
      <img
        className="attachment-thumb"
        src={view.url}
        alt={name}
        width={view.width}
        height={view.height}
        onError={() => setBroken(true)}
        {...noMenu}
      />
    );
  } else if (view.element === 'audio') {
    shown = (
      <audio
        className="attachment-media"
        controls
        controlsList="nodownload"
        preload="metadata"
        src={view.url}
        aria-label={t('list.audioLabel', { name })}
        onError={() => setBroken(true)}
        {...noMenu}
      />
    );
  } else {
    shown = (
      <video
        className="attachment-media"
        controls
        controlsList="nodownload noremoteplayback"
        disablePictureInPicture
        playsInline
        preload="metadata"
        src={view.url}
        aria-label={t('list.videoLabel', { name })}
        onError={() => setBroken(true)}
        {...noMenu}
      />
    );
  }

  return (
    <>
      {shown}
      {message && <p>{message}</p>}
      <p>
        {/* Octet-stream bytes under a cleaned name: saved, never opened as a page of this app. */}
        <a className="button" href={download.url} download={download.name} type="application/octet-stream" rel="noopener">
          {t('list.download', { name: download.name })}
        </a>
      </p>
      <p className="hint">{t('list.downloadWarning')}</p>
    </>
  );
}
