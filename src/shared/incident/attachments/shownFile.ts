import type { MediaElement, NotShownReason, PreparedFile } from '../../../core/files';
import { createTrackedObjectUrl, revokeTrackedObjectUrl } from '../../../core/vault/objectUrls';

/**
 * A file ready to be shown, as object URLs: a redrawn picture (image/png or image/jpeg), a
 * recording typed from its bytes (audio/* or video/*), or nothing inline; and always the exact
 * bytes as application/octet-stream to save. None of these URLs opens as a page that can run
 * script, wherever it is opened (a new tab included).
 */
export interface ShownFile {
  view:
    | { kind: 'picture'; url: string; width: number; height: number }
    | { kind: 'media'; element: MediaElement; url: string }
    | { kind: 'none'; reason: NotShownReason };
  download: { url: string; name: string };
}

/** Object URLs for a prepared file, tracked so that locking the vault revokes them. */
export function shownFileUrls(prepared: PreparedFile): ShownFile {
  const download = { url: createTrackedObjectUrl(prepared.download), name: prepared.downloadName };
  const { view } = prepared;
  switch (view.kind) {
    case 'picture':
      return { view: { kind: 'picture', url: createTrackedObjectUrl(view.blob), width: view.width, height: view.height }, download };
    case 'media':
      return { view: { kind: 'media', element: view.element, url: createTrackedObjectUrl(view.blob) }, download };
    case 'none':
      return { view, download };
  }
}

/** Revokes every object URL of a shown file. */
export function revokeShownFile(file: ShownFile): void {
  revokeTrackedObjectUrl(file.download.url);
  if (file.view.kind !== 'none') revokeTrackedObjectUrl(file.view.url);
}
