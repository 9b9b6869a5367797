// Pictures are never shown from their own bytes: they are decoded to a bitmap (only after their
// header's size is checked) and drawn again into a new PNG or JPEG. What is shown is then a plain
// raster picture with no metadata, whatever the file held besides.
import { readBytes } from '../store/attachments/readBytes';
import { MAX_PICTURE_PIXELS, pictureSize, withinPixelCap, type PictureSize } from './pictureSize';
import { PICTURE_TYPES, sniffPicture, type PictureFormat } from './sniff';

/** Enough of the start of a file for every header Daybook reads (a JPEG's frame header may come later). */
export const HEAD_BYTES = 1024 * 1024;

/**
 * An AVIF whose size cannot be read from its header is decoded only when the file is at most this
 * large (the decoder refuses such files anyway; this bounds what it is handed).
 */
export const MAX_UNSIZED_PICTURE_BYTES = 16 * 1024 * 1024;

/**
 * Redrawn pictures are at most this many pixels on their longer side: enough to read a
 * screenshot or zoom into a photo, and within what phone browsers allow a canvas (iOS: 16.7 MP).
 */
export const MAX_REDRAWN_SIDE = 4096;

/** The only types a redrawn picture ever has. */
export const REDRAWN_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg']);

export type RedrawOutcome =
  | { status: 'redrawn'; picture: Blob; width: number; height: number; format: PictureFormat }
  /** Not PNG, JPEG, GIF, WebP or AVIF by its bytes (SVG, HEIC, a web page, anything else). */
  | { status: 'not-picture' }
  /** Over the pixel cap by its header (or, for an AVIF without one, once decoded). */
  | { status: 'too-large' }
  /** A picture by its first bytes, but its size could not be read or it would not decode. */
  | { status: 'unreadable' };

export interface RedrawOptions {
  pixelCap?: number;
  maxSide?: number;
  /** The file's first bytes, when the caller has read them already. */
  head?: Uint8Array;
}

/**
 * Checks a file is a raster picture within the pixel cap, decodes it and draws it again as a
 * PNG (a JPEG for photos that were JPEGs). Never hands the original bytes to anything that
 * renders them as a page; never throws (failures are an outcome).
 */
export async function redrawPicture(file: Blob, options: RedrawOptions = {}): Promise<RedrawOutcome> {
  const pixelCap = options.pixelCap ?? MAX_PICTURE_PIXELS;
  try {
    const head = options.head ?? (await readBytes(file.slice(0, HEAD_BYTES)));
    const format = sniffPicture(head);
    if (!format) return { status: 'not-picture' };
    let size = pictureSize(head, format);
    // A JPEG's frame header after large metadata, or an AVIF's properties after its data.
    if (!size && file.size > head.length) size = pictureSize(await readBytes(file), format);
    if (size && !withinPixelCap(size, pixelCap)) return { status: 'too-large' };
    if (!size && (format !== 'avif' || file.size > MAX_UNSIZED_PICTURE_BYTES)) return { status: 'unreadable' };
    return await decodeAndDraw(file, format, pixelCap, options.maxSide ?? MAX_REDRAWN_SIDE);
  } catch {
    return { status: 'unreadable' };
  }
}

async function decodeAndDraw(file: Blob, format: PictureFormat, pixelCap: number, maxSide: number): Promise<RedrawOutcome> {
  if (typeof createImageBitmap !== 'function') return { status: 'unreadable' };
  // Decoded as the type its bytes showed, not the type it came with.
  const bitmap = await decode(new Blob([file], { type: PICTURE_TYPES[format] }));
  try {
    const decoded = { width: bitmap.width, height: bitmap.height };
    if (!withinPixelCap(decoded, pixelCap)) return { status: 'too-large' };
    const size = scaledToFit(decoded, maxSide);
    const type = format === 'jpeg' ? 'image/jpeg' : 'image/png';
    const drawn = await drawToBlob(bitmap, size, type);
    // Whatever the encoder produced, the Blob is typed as one of the two raster types.
    const picture = new Blob([drawn], { type: drawn.type === 'image/jpeg' ? 'image/jpeg' : 'image/png' });
    return { status: 'redrawn', picture, width: size.width, height: size.height, format };
  } finally {
    bitmap.close();
  }
}

/**
 * Decodes upright, as the photo's orientation tag says (a phone photo is often stored on its
 * side). Browsers that do not know 'from-image' refuse the option with a TypeError: they decode
 * without it.
 */
async function decode(source: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(source, { imageOrientation: 'from-image' });
  } catch (error) {
    if (error instanceof TypeError) return createImageBitmap(source);
    throw error;
  }
}

/** The size to draw at: the decoded size, scaled down (never up) so neither side exceeds `maxSide`. */
export function scaledToFit(size: PictureSize, maxSide: number): PictureSize {
  const scale = Math.min(1, maxSide / Math.max(size.width, size.height));
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

/**
 * Draws onto an OffscreenCanvas where the browser has a 2D one (Chromium, Firefox 105+, Safari
 * 16.4+, in a worker too), else onto a detached canvas element (main thread only).
 */
async function drawToBlob(bitmap: ImageBitmap, size: PictureSize, type: string): Promise<Blob> {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (context) {
      try {
        context.drawImage(bitmap, 0, 0, size.width, size.height);
        return await canvas.convertToBlob({ type, quality: 0.92 });
      } finally {
        // Gives the canvas memory back at once (phones hold little of it).
        canvas.width = 0;
        canvas.height = 0;
      }
    }
  }
  // A worker without a 2D OffscreenCanvas (older WebKit) has no canvas at all: the picture is
  // then not drawn, and the caller says so, rather than fall back to the original bytes.
  if (typeof document === 'undefined') throw new Error('No canvas in this context');
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  try {
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas');
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be drawn'))), type, 0.92),
    );
  } finally {
    canvas.width = 0;
    canvas.height = 0;
  }
}
