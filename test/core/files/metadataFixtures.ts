// Pictures carrying metadata, built by hand: EXIF (TIFF directories) with a GPS position and a
// camera's make and model, in each place a picture format keeps it.
import { bytes, text } from './fixtures';

const be16 = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const ascii = (value: string) => Array.from(value, (c) => c.charCodeAt(0));

/** 51° 30' 26.40" N, 0° 7' 39.60" W: rationals as a TIFF stores them (big-endian). */
export const LATITUDE_RATIONALS = bytes(be32(51), be32(1), be32(30), be32(1), be32(2640), be32(100));
export const LONGITUDE_RATIONALS = bytes(be32(0), be32(1), be32(7), be32(1), be32(3960), be32(100));
export const CAMERA_MAKE = 'PhoneMaker';
export const CAMERA_MODEL = 'Pocket 12 Pro';

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** Bytes of the value: inline when 4 or fewer, else placed after the directory. */
  value: number[] | Uint8Array;
  /** A pointer to another directory, filled in when laid out. */
  pointer?: 'exif' | 'gps';
}

/** A big-endian TIFF: IFD0 (make, model, pointers), an Exif directory and a GPS directory. */
export function exifTiff(options: { gps?: boolean; camera?: boolean } = {}): Uint8Array {
  const { gps = true, camera = true } = options;
  const ifd0: Entry[] = [];
  if (camera) {
    ifd0.push({ tag: 0x010f, type: 2, count: CAMERA_MAKE.length + 1, value: [...ascii(CAMERA_MAKE), 0] });
    ifd0.push({ tag: 0x0110, type: 2, count: CAMERA_MODEL.length + 1, value: [...ascii(CAMERA_MODEL), 0] });
  }
  // Orientation, which every phone writes and which is neither place nor camera.
  ifd0.push({ tag: 0x0112, type: 3, count: 1, value: [0, 1, 0, 0] });
  ifd0.push({ tag: 0x8769, type: 4, count: 1, value: [0, 0, 0, 0], pointer: 'exif' });
  if (gps) ifd0.push({ tag: 0x8825, type: 4, count: 1, value: [0, 0, 0, 0], pointer: 'gps' });
  const exifIfd: Entry[] = [{ tag: 0x9003, type: 2, count: 20, value: [...ascii('2026:11:05 21:14:03'), 0] }];
  const gpsIfd: Entry[] = [
    { tag: 0x0001, type: 2, count: 2, value: [...ascii('N'), 0, 0, 0] },
    { tag: 0x0002, type: 5, count: 3, value: LATITUDE_RATIONALS },
    { tag: 0x0003, type: 2, count: 2, value: [...ascii('W'), 0, 0, 0] },
    { tag: 0x0004, type: 5, count: 3, value: LONGITUDE_RATIONALS },
  ];
  const size = (entries: Entry[]) =>
    2 + entries.length * 12 + 4 + entries.reduce((n, e) => n + (e.value.length > 4 ? e.value.length : 0), 0);
  const at0 = 8;
  const atExif = at0 + size(ifd0);
  const atGps = atExif + size(exifIfd);
  const layout = (entries: Entry[], start: number): number[] => {
    let extra = start + 2 + entries.length * 12 + 4;
    const head: number[] = [...be16(entries.length)];
    const tail: number[] = [];
    for (const entry of entries) {
      head.push(...be16(entry.tag), ...be16(entry.type), ...be32(entry.count));
      if (entry.pointer) head.push(...be32(entry.pointer === 'exif' ? atExif : atGps));
      else if (entry.value.length <= 4) head.push(...Array.from(entry.value), ...new Array<number>(4 - entry.value.length).fill(0));
      else {
        head.push(...be32(extra));
        tail.push(...Array.from(entry.value));
        extra += entry.value.length;
      }
    }
    return [...head, ...be32(0), ...tail];
  };
  return bytes(ascii('MM'), be16(42), be32(8), layout(ifd0, at0), layout(exifIfd, atExif), gps ? layout(gpsIfd, atGps) : []);
}

/** A JPEG with an APP1 EXIF segment (and optionally XMP) before a minimal frame header. */
export function jpegWithExif(tiff: Uint8Array = exifTiff(), xmp?: string): Uint8Array {
  const exif = bytes(ascii('Exif\0\0'), tiff);
  const xmpSegment = xmp ? bytes(ascii('http://ns.adobe.com/xap/1.0/\0'), text(xmp)) : null;
  return bytes(
    [0xff, 0xd8],
    [0xff, 0xe1, ...be16(exif.length + 2)],
    exif,
    xmpSegment ? bytes([0xff, 0xe1, ...be16(xmpSegment.length + 2)], xmpSegment) : [],
    [0xff, 0xc0, ...be16(17), 8, ...be16(4), ...be16(6), 3, ...new Array<number>(9).fill(1)],
    [0xff, 0xda, ...be16(8), 1, 1, 0, 0, 0x3f, 0],
    [0x12, 0x34, 0x56],
    [0xff, 0xd9],
  );
}

/** An XMP packet with a GPS position (and optionally a camera). */
export function xmpPacket(options: { gps?: boolean; camera?: boolean } = {}): string {
  const { gps = true, camera = false } = options;
  return (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:tiff="http://ns.adobe.com/tiff/1.0/"' +
    (gps ? ' exif:GPSLatitude="51,30.44N" exif:GPSLongitude="0,7.66W"' : '') +
    (camera ? ' tiff:Make="PhoneMaker"' : '') +
    ' exif:DateTimeOriginal="2026-11-05T21:14:03"/></rdf:RDF></x:xmpmeta>'
  );
}

function crc32(data: Uint8Array): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typed = bytes(ascii(type), data);
  return bytes(be32(data.length), typed, be32(crc32(typed)));
}

/** A PNG with the given chunks between IHDR and IEND. */
export function pngWith(...chunks: Uint8Array[]): Uint8Array {
  const ihdr = pngChunk('IHDR', bytes(be32(4), be32(4), [8, 6, 0, 0, 0]));
  return bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ihdr, ...chunks, pngChunk('IEND', new Uint8Array(0)));
}

/** A WebP (extended format) with the given RIFF chunks after its VP8X header. */
export function webpWith(...chunks: [string, Uint8Array][]): Uint8Array {
  const body = chunks.map(([type, data]) => bytes(ascii(type), le32(data.length), data, data.length % 2 ? [0] : []));
  const vp8x = bytes(ascii('VP8X'), le32(10), [0x08, 0, 0, 0], [3, 0, 0], [3, 0, 0]);
  const content = bytes(ascii('WEBP'), vp8x, ...body);
  return bytes(ascii('RIFF'), le32(content.length), content);
}

function box(type: string, ...content: (number[] | Uint8Array)[]): Uint8Array {
  const body = bytes(...content);
  return bytes(be32(body.length + 8), ascii(type), body);
}

/** An AVIF or HEIC whose Exif item (id 2) lies in mdat, found through iinf and iloc. */
export function heifWithExif(brand: 'avif' | 'heic', tiff: Uint8Array = exifTiff()): Uint8Array {
  const exifItem = bytes(be32(6), ascii('Exif\0\0'), tiff);
  const infe = (id: number, type: string) => box('infe', [2, 0, 0, 0], be16(id), be16(0), ascii(type), [0]);
  const iinf = box('iinf', [0, 0, 0, 0], be16(2), infe(1, brand === 'avif' ? 'av01' : 'hvc1'), infe(2, 'Exif'));
  const ftypBox = box('ftyp', ascii(brand), be32(0), ascii('mif1'), ascii(brand));
  const hdlr = box('hdlr', [0, 0, 0, 0], be32(0), ascii('pict'), new Array<number>(13).fill(0));
  const iloc = (mdatData: number) =>
    box(
      'iloc',
      [1, 0, 0, 0],
      [0x44, 0x00],
      be16(2),
      [...be16(1), ...be16(0), ...be16(0), ...be16(1), ...be32(mdatData), ...be32(3)],
      [...be16(2), ...be16(0), ...be16(0), ...be16(1), ...be32(mdatData + 3), ...be32(exifItem.length)],
    );
  const metaFor = (mdatData: number) => box('meta', [0, 0, 0, 0], hdlr, iinf, iloc(mdatData));
  // Lay out once to learn where mdat's data begins, then again with the right offsets.
  const mdatData = ftypBox.length + metaFor(0).length + 8;
  return bytes(ftypBox, metaFor(mdatData), box('mdat', [1, 2, 3], exifItem));
}
