// Pictures for the PDF report. A PDF would carry a JPEG's or PNG's bytes as they are, metadata
// (GPS, camera) included, so no picture goes in as it came: each is recognised by its bytes,
// decoded (within the pixel cap) and drawn again, and only the freshly encoded pixels are handed
// to the report. Works on the main thread and in a worker (OffscreenCanvas and createImageBitmap
// where the browser has them; see core/files/redrawPicture.ts).

import { redrawPicture, sniffPicture } from '../../core/files';
import type { EmbeddableImage } from '../../core/export/pdf/index';
import { readBytes } from '../../core/store/attachments/readBytes';

/** Longest side of a redrawn picture: plenty for a printed page, and keeps the PDF small. */
const MAX_SIDE = 2048;

/**
 * The picture redrawn as PNG or JPEG bytes for the report, or null if it is not a raster
 * picture, is over the pixel cap, or cannot be decoded or drawn here. Never the original bytes.
 */
export async function pdfImageFromBlob(blob: Blob): Promise<EmbeddableImage | null> {
  try {
    const outcome = await redrawPicture(blob, { maxSide: MAX_SIDE });
    if (outcome.status !== 'redrawn') return null;
    const bytes = await readBytes(outcome.picture);
    // The bytes decide the format pdf-lib is told, not the type the encoder gave its Blob.
    const format = sniffPicture(bytes);
    return format === 'png' || format === 'jpeg' ? { bytes, format } : null;
  } catch {
    return null;
  }
}
