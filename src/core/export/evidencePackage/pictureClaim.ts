// Whether a listed file is, or claims to be, a picture. Without "Include originals with their
// metadata", such a file leaves only as a redrawn copy or not at all, so the test is wide: a
// picture's bytes, TIFF's (DNG and camera raws are TIFF), or a declared picture type or name.

import type { ContentFormat } from '../../files/sniff';
import type { AttachmentRef } from '../../model/incident';

const PICTURE_FORMATS: ReadonlySet<ContentFormat> = new Set<ContentFormat>(['png', 'jpeg', 'gif', 'webp', 'avif', 'heic']);

/** Names picture files go by, raws included (most of them are TIFF inside). */
const PICTURE_EXTENSION =
  /\.(jpe?g|jpe|jfif|pjpeg|pjp|png|apng|gif|webp|avif|heic|heif|hif|tiff?|dng|bmp|dib|ico|cur|svgz?|jxl|jp2|j2k|jpf|jpx|psd|cr2|cr3|crw|nef|nrw|arw|srf|sr2|orf|rw2|raf|pef|srw|x3f|3fr|erf|kdc|mrw|raw|rwl|iiq)$/i;

/** The file's declared type or name claims a picture. */
export function claimsPicture(ref: Pick<AttachmentRef, 'name' | 'type'>): boolean {
  return /^\s*image\//i.test(ref.type) || PICTURE_EXTENSION.test(ref.name.trim());
}

/** The file's first bytes are a picture Daybook knows, or TIFF (which DNG and most raws are). */
export function looksLikePicture(format: ContentFormat | undefined | null, head: Uint8Array): boolean {
  if (format && PICTURE_FORMATS.has(format)) return true;
  const [a, b, c, d] = head;
  return (a === 0x49 && b === 0x49 && c === 0x2a && d === 0x00) || (a === 0x4d && b === 0x4d && c === 0x00 && d === 0x2a);
}

/**
 * A package may carry this listed file as a redrawn copy or leave it out: it claims to be a
 * picture, or declares no type at all (a picture with an unknown name is told by its bytes when
 * the package is made, and the reader has only the name and type).
 */
export function mayBeCopiedOrWithheld(ref: Pick<AttachmentRef, 'name' | 'type'>): boolean {
  const type = ref.type.trim().toLowerCase();
  return claimsPicture(ref) || type === '' || type === 'application/octet-stream';
}
