// How a decrypted file is offered on screen: a redrawn picture, a recording to play, or nothing
// inline; and, for every file, a saved copy of its exact bytes typed application/octet-stream
// under a safe name. No Blob made here carries a type a browser would render as a page (HTML,
// SVG, XML, ...), so no URL made from one can run script at Daybook's origin.
import { readBytes } from '../store/attachments/readBytes';
import { playableMedia, type MediaElement } from './media';
import { HEAD_BYTES, redrawPicture, type RedrawOptions } from './redrawPicture';
import { safeDownloadName } from './safeName';
import { extensionFor, sniffContent, type ContentFormat } from './sniff';

/** The type of every saved copy: a browser only ever downloads it. */
export const DOWNLOAD_TYPE = 'application/octet-stream';

/** A ZIP's list of files sits at its end: this much of the end is read to name office documents. */
const TAIL_BYTES = 256 * 1024;

export type NotShownReason =
  /** Declared or named as a picture, but not a raster picture Daybook shows (SVG, HEIC, a page). */
  | 'not-picture'
  /** Over the pixel cap: not decoded. */
  | 'picture-too-large'
  /** A picture by its first bytes that would not decode (damaged, or a form this browser lacks). */
  | 'picture-unreadable'
  /** Any other file: documents, archives, unknown data. */
  | 'not-shown';

export type FileView =
  | { kind: 'picture'; blob: Blob; width: number; height: number }
  | { kind: 'media'; element: MediaElement; blob: Blob }
  | { kind: 'none'; reason: NotShownReason };

export interface PreparedFile {
  /** What the bytes were recognised as (null: not recognised). */
  format: ContentFormat | null;
  view: FileView;
  /** The file's exact bytes, typed application/octet-stream. */
  download: Blob;
  /** The name the saved copy is offered under: cleaned, with the extension of its content. */
  downloadName: string;
}

const PICTURE_EXTENSIONS = /\.(png|jpe?g|jfif|gif|webp|avif|svgz?|heic|heif|bmp|ico|tiff?|jxl)$/i;

/** True when the file presents itself as a picture, by its declared type or its name. */
export function claimsToBePicture(declaredType: string, name: string): boolean {
  return declaredType.trim().toLowerCase().startsWith('image/') || PICTURE_EXTENSIONS.test(name.trim());
}

/**
 * Decides from the bytes alone how a file is shown; the declared type and name only choose
 * wording (and audio or video player for formats that may be either). Never throws for any
 * content; rejects only if the Blob itself cannot be read.
 */
export async function prepareFile(file: Blob, name: string, declaredType: string, options: RedrawOptions = {}): Promise<PreparedFile> {
  const head = await readBytes(file.slice(0, HEAD_BYTES));
  const tail = file.size > head.length ? await readBytes(file.slice(Math.max(0, file.size - TAIL_BYTES))) : head;
  const format = sniffContent(head, tail);
  const download = new Blob([file], { type: DOWNLOAD_TYPE });
  const downloadName = safeDownloadName(name, extensionFor(format));
  return { format, view: await viewOf(file, head, format, name, declaredType, options), download, downloadName };
}

async function viewOf(
  file: Blob,
  head: Uint8Array,
  format: ContentFormat | null,
  name: string,
  declaredType: string,
  options: RedrawOptions,
): Promise<FileView> {
  const media = playableMedia(format, declaredType);
  if (media) return { kind: 'media', element: media.element, blob: new Blob([file], { type: media.type }) };
  const redrawn = await redrawPicture(file, { ...options, head });
  switch (redrawn.status) {
    case 'redrawn':
      return { kind: 'picture', blob: redrawn.picture, width: redrawn.width, height: redrawn.height };
    case 'too-large':
      return { kind: 'none', reason: 'picture-too-large' };
    case 'unreadable':
      return { kind: 'none', reason: 'picture-unreadable' };
    case 'not-picture':
      return { kind: 'none', reason: claimsToBePicture(declaredType, name) || format === 'heic' ? 'not-picture' : 'not-shown' };
  }
}
