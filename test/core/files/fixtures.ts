// Small hand-built files: just enough header for the sniffers and size readers, plus hostile ones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';

// From the project root: jsdom changes import.meta.url.
export const REAL_PNG = new Uint8Array(readFileSync(join(process.cwd(), 'public/icons/icon-192.png')));

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const be16 = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
const le16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const le24 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

export const bytes = (...parts: (number[] | Uint8Array)[]) => new Uint8Array(parts.flatMap((part) => Array.from(part)));
export const text = (value: string) => new TextEncoder().encode(value);

export function png(width: number, height: number): Uint8Array {
  return bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    be32(13),
    ascii('IHDR'),
    be32(width),
    be32(height),
    [8, 6, 0, 0, 0],
    be32(0),
  );
}

/** A JPEG with an APP1 segment of `metadata` bytes before its frame header. */
export function jpeg(width: number, height: number, metadata = 16): Uint8Array {
  const app1: number[] = [];
  for (let left = metadata; left > 0; left -= 60_000) {
    const size = Math.min(left, 60_000);
    app1.push(0xff, 0xe1, ...be16(size + 2), ...new Array<number>(size).fill(0x41));
  }
  return bytes([0xff, 0xd8], [0xff, 0xe0, ...be16(16), ...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0], app1, [
    0xff,
    0xc0,
    ...be16(17),
    8,
    ...be16(height),
    ...be16(width),
    3,
    ...new Array<number>(9).fill(1),
    0xff,
    0xda,
  ]);
}

/** A GIF whose first frame may reach beyond its logical screen. */
export function gif(width: number, height: number, frame = { left: 0, top: 0, width, height }): Uint8Array {
  return bytes(
    ascii('GIF89a'),
    le16(width),
    le16(height),
    [0x80, 0, 0],
    new Array<number>(6).fill(0),
    [0x21, 0xf9, 4, 0, 0, 0, 0, 0],
    [0x2c, ...le16(frame.left), ...le16(frame.top), ...le16(frame.width), ...le16(frame.height), 0],
  );
}

export function webp(kind: 'VP8 ' | 'VP8L' | 'VP8X', width: number, height: number): Uint8Array {
  const header = bytes(ascii('RIFF'), le32(100), ascii('WEBP'), ascii(kind), le32(30));
  if (kind === 'VP8X') return bytes(header, [0, 0, 0, 0], le24(width - 1), le24(height - 1));
  if (kind === 'VP8 ') return bytes(header, [0, 0, 0], [0x9d, 0x01, 0x2a], le16(width), le16(height));
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
  return bytes(header, [0x2f], le32(bits));
}

function box(type: string, ...content: (number[] | Uint8Array)[]): Uint8Array {
  const body = bytes(...content);
  return bytes(be32(body.length + 8), ascii(type), body);
}

export function ftyp(major: string, ...compatible: string[]): Uint8Array {
  return box('ftyp', ascii(major), be32(0), ...compatible.map(ascii));
}

/** An AVIF: ftyp, then meta/iprp/ipco holding image size properties (none when `sizes` is empty). */
export function avif(sizes: [number, number][], brands: string[] = ['avif', 'mif1', 'miaf']): Uint8Array {
  const [major = 'avif', ...rest] = brands;
  const ispe = sizes.map(([w, h]) => box('ispe', [0, 0, 0, 0], be32(w), be32(h)));
  const meta = box('meta', [0, 0, 0, 0], box('hdlr', [0, 0, 0, 0], be32(0), ascii('pict')), box('iprp', box('ipco', ...ispe)));
  return bytes(ftyp(major, ...rest), meta, box('mdat', [1, 2, 3]));
}

/** A stored (uncompressed) ZIP with a central directory, as office documents are built. */
export function zip(entries: [string, string][]): Uint8Array {
  const locals: number[] = [];
  const central: number[] = [];
  for (const [name, content] of entries) {
    const offset = locals.length;
    const nameBytes = ascii(name);
    const data = ascii(content);
    const common = [
      ...le16(20),
      ...le16(0),
      ...le16(0),
      ...le16(0),
      ...le16(0),
      ...le32(0),
      ...le32(data.length),
      ...le32(data.length),
      ...le16(nameBytes.length),
    ];
    locals.push(...ascii('PK\x03\x04'), ...common, ...le16(0), ...nameBytes, ...data);
    central.push(
      ...ascii('PK\x01\x02'),
      ...le16(20),
      ...common,
      ...le16(0),
      ...le16(0),
      ...le16(0),
      ...le16(0),
      ...le32(0),
      ...le32(offset),
      ...nameBytes,
    );
  }
  const end = [
    ...ascii('PK\x05\x06'),
    0,
    0,
    0,
    0,
    ...le16(entries.length),
    ...le16(entries.length),
    ...le32(central.length),
    ...le32(locals.length),
    0,
    0,
  ];
  return bytes(locals, central, end);
}

/** An SVG that would set a flag if its script ever ran. */
export const SVG_WITH_SCRIPT = text(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="localStorage.pwned=1"><script>localStorage.pwned=1</script><rect width="10" height="10"/></svg>',
);
export const HTML_PAGE = text('<!doctype html><html><body><script>localStorage.pwned=1</script></body></html>');

/**
 * Node has no image decoder or canvas: these stand in for the browser's, recording what they are
 * handed. Like a browser's, the decoder refuses anything not typed as a raster picture.
 */
export function fakeBrowserPictures(decodedSize = { width: 192, height: 192 }) {
  const decoded: Blob[] = [];
  const closed: number[] = [];
  const canvases: { width: number; height: number }[] = [];
  const decode = vi.fn(async (source: Blob, _options?: ImageBitmapOptions) => {
    decoded.push(source);
    if (!['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif'].includes(source.type)) {
      throw new DOMException('The source image could not be decoded.', 'InvalidStateError');
    }
    return { ...decodedSize, close: () => closed.push(1) };
  });
  class FakeOffscreenCanvas {
    constructor(
      public width: number,
      public height: number,
    ) {
      canvases.push({ width, height });
    }
    getContext() {
      return { drawImage: () => undefined };
    }
    async convertToBlob(options: { type: string }) {
      return new Blob([`redrawn ${this.width}x${this.height}`], { type: options.type });
    }
  }
  vi.stubGlobal('createImageBitmap', decode);
  vi.stubGlobal('OffscreenCanvas', FakeOffscreenCanvas);
  return { decode, decoded, closed, canvases };
}
