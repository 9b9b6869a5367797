// A picture's width and height from its header, read before anything decodes it, so that a small
// file claiming a huge picture (a "decompression bomb") is refused without using the memory.
import { fourCC, matches, u16be, u16le, u24le, u32be, u32le, u8 } from './bytes';
import { childBoxes } from './isoBox';
import type { PictureFormat } from './sniff';

/** Pictures above 40 megapixels are not decoded (40 MP is about 160 MB once decoded). */
export const MAX_PICTURE_PIXELS = 40_000_000;

export interface PictureSize {
  width: number;
  height: number;
}

/** True when a picture of this size may be decoded. */
export function withinPixelCap(size: PictureSize, cap = MAX_PICTURE_PIXELS): boolean {
  return size.width > 0 && size.height > 0 && size.width * size.height <= cap;
}

/**
 * The dimensions a picture's header declares, or null when the header cannot be read from these
 * bytes (cut short, malformed, or an AVIF without an image size property). Never throws.
 */
export function pictureSize(bytes: Uint8Array, format: PictureFormat): PictureSize | null {
  switch (format) {
    case 'png':
      return pngSize(bytes);
    case 'jpeg':
      return jpegSize(bytes);
    case 'gif':
      return gifSize(bytes);
    case 'webp':
      return webpSize(bytes);
    case 'avif':
      return avifSize(bytes);
  }
}

const sized = (width: number | null, height: number | null): PictureSize | null =>
  width !== null && height !== null && width > 0 && height > 0 ? { width, height } : null;

/** PNG: the IHDR chunk, which must come first. */
function pngSize(bytes: Uint8Array): PictureSize | null {
  if (!matches(bytes, 12, 'IHDR')) return null;
  return sized(u32be(bytes, 16), u32be(bytes, 20));
}

/** JPEG: the first start-of-frame segment, found by walking the segments before the scan. */
function jpegSize(bytes: Uint8Array): PictureSize | null {
  let at = 2;
  for (let segments = 0; segments < 10_000; segments++) {
    if (u8(bytes, at) !== 0xff) return null;
    // Any number of 0xFF fill bytes may precede a marker.
    while (u8(bytes, at + 1) === 0xff) at++;
    const marker = u8(bytes, at + 1);
    if (marker === null) return null;
    at += 2;
    // Markers without a length: restart markers, TEM, and a stray start of image.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xd8) continue;
    // End of image or start of scan before any frame header: no size to be had.
    if (marker === 0xd9 || marker === 0xda) return null;
    const length = u16be(bytes, at);
    if (length === null || length < 2) return null;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    // SOFn: length, precision (1 byte), height, width (2 bytes each). Height 0 (set later by a
    // DNL marker) gives no size.
    if (isFrame) return sized(u16be(bytes, at + 5), u16be(bytes, at + 3));
    at += length;
  }
  return null;
}

/**
 * GIF: the logical screen, widened to the first image's own rectangle when that reaches further
 * (a frame may be larger than the screen it claims).
 */
function gifSize(bytes: Uint8Array): PictureSize | null {
  const screen = sized(u16le(bytes, 6), u16le(bytes, 8));
  const flags = u8(bytes, 10);
  if (!screen || flags === null) return null;
  let at = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 0x7) + 1) : 0);
  for (let blocks = 0; blocks < 10_000; blocks++) {
    const introducer = u8(bytes, at);
    if (introducer === 0x2c) {
      const left = u16le(bytes, at + 1);
      const top = u16le(bytes, at + 3);
      const width = u16le(bytes, at + 5);
      const height = u16le(bytes, at + 7);
      if (left === null || top === null || width === null || height === null) return screen;
      return { width: Math.max(screen.width, left + width), height: Math.max(screen.height, top + height) };
    }
    if (introducer !== 0x21) return screen;
    // An extension: label, then data sub-blocks until a zero-length one.
    at += 2;
    for (let size = u8(bytes, at); size !== null && size > 0; size = u8(bytes, at)) at += size + 1;
    if (u8(bytes, at) === null) return screen;
    at += 1;
  }
  return screen;
}

/** WebP: the VP8X canvas, or the size inside a lossy (VP8) or lossless (VP8L) bitstream. */
function webpSize(bytes: Uint8Array): PictureSize | null {
  switch (fourCC(bytes, 12)) {
    case 'VP8X': {
      const width = u24le(bytes, 24);
      const height = u24le(bytes, 27);
      return width === null || height === null ? null : sized(width + 1, height + 1);
    }
    case 'VP8 ': {
      if (!matches(bytes, 23, [0x9d, 0x01, 0x2a])) return null;
      const width = u16le(bytes, 26);
      const height = u16le(bytes, 28);
      return width === null || height === null ? null : sized(width & 0x3fff, height & 0x3fff);
    }
    case 'VP8L': {
      if (u8(bytes, 20) !== 0x2f) return null;
      const bits = u32le(bytes, 21);
      return bits === null ? null : sized((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
    }
    default:
      return null;
  }
}

/**
 * AVIF: the largest image spatial extent (`ispe`) among the properties in meta/iprp/ipco. The
 * primary item of a grid is the largest, so taking the largest never understates the size.
 */
function avifSize(bytes: Uint8Array): PictureSize | null {
  const meta = childBoxes(bytes, 0, bytes.length).find((box) => box.type === 'meta');
  if (!meta) return null;
  // `meta` is a full box: 4 bytes of version and flags before its children.
  const iprp = childBoxes(bytes, meta.contentStart + 4, meta.end).find((box) => box.type === 'iprp');
  const ipco = iprp && childBoxes(bytes, iprp.contentStart, iprp.end).find((box) => box.type === 'ipco');
  if (!ipco) return null;
  let width = 0;
  let height = 0;
  for (const box of childBoxes(bytes, ipco.contentStart, ipco.end, 4096)) {
    if (box.type !== 'ispe') continue;
    // A full box: version and flags, then width and height.
    const size = sized(u32be(bytes, box.contentStart + 4), u32be(bytes, box.contentStart + 8));
    if (!size) continue;
    width = Math.max(width, size.width);
    height = Math.max(height, size.height);
  }
  return sized(width, height);
}
