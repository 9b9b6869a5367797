// Pictures for the PDF report. A PDF carries PNG and JPEG as they are; any other picture the
// browser can decode (WebP, GIF, BMP, AVIF...) is redrawn as a PNG. Browser only.

import type { EmbeddableImage } from '../../core/export/pdf/index';

/** Longest side of a redrawn picture: plenty for a printed page, and keeps the PDF small. */
const MAX_SIDE = 2048;

function sniffFormat(bytes: Uint8Array): EmbeddableImage['format'] | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

async function redrawAsPng(blob: Blob): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(blob);
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    let png: Blob | null;
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(width, height);
      canvas.getContext('2d')?.drawImage(bitmap, 0, 0, width, height);
      png = await canvas.convertToBlob({ type: 'image/png' });
    } else {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      canvas.getContext('2d')?.drawImage(bitmap, 0, 0, width, height);
      png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    }
    if (!png) throw new Error('The picture could not be redrawn');
    return new Uint8Array(await png.arrayBuffer());
  } finally {
    bitmap.close();
  }
}

/** The picture as PNG or JPEG bytes for the report, or null if this browser cannot decode it. */
export async function pdfImageFromBlob(blob: Blob): Promise<EmbeddableImage | null> {
  try {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const format = sniffFormat(bytes);
    if (format) return { bytes, format };
    return { bytes: await redrawAsPng(blob), format: 'png' };
  } catch {
    return null;
  }
}
