// What a file is, from its bytes alone. The type a file declares (its name, the type the browser
// or a package gave it) is chosen by whoever made it, so it never decides how Daybook shows it.
import { fourCC, matches, u16le, u32le, u8 } from './bytes';
import { ftypBrands } from './isoBox';

/** The raster pictures Daybook shows inline, after redrawing them. */
export type PictureFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif';

/** Every kind of content Daybook recognises, for naming a saved copy and for playing media. */
export type ContentFormat =
  | PictureFormat
  | 'heic'
  | 'pdf'
  | 'rtf'
  | 'txt'
  | 'zip'
  | 'docx'
  | 'xlsx'
  | 'pptx'
  | 'odt'
  | 'ods'
  | 'odp'
  | 'mp4'
  | 'mov'
  | 'm4a'
  | '3gp'
  | 'webm'
  | 'mkv'
  | 'ogg'
  | 'mp3'
  | 'aac'
  | 'wav'
  | 'flac'
  | 'amr';

/** The types a redrawn or sniffed picture is decoded as: never the declared type. */
export const PICTURE_TYPES: Readonly<Record<PictureFormat, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

/** The extension a saved copy gets for each format; unrecognised content is saved as .bin. */
const EXTENSIONS: Readonly<Record<ContentFormat, string>> = {
  png: 'png',
  jpeg: 'jpg',
  gif: 'gif',
  webp: 'webp',
  avif: 'avif',
  heic: 'heic',
  pdf: 'pdf',
  rtf: 'rtf',
  txt: 'txt',
  zip: 'zip',
  docx: 'docx',
  xlsx: 'xlsx',
  pptx: 'pptx',
  odt: 'odt',
  ods: 'ods',
  odp: 'odp',
  mp4: 'mp4',
  mov: 'mov',
  m4a: 'm4a',
  '3gp': '3gp',
  webm: 'webm',
  mkv: 'mkv',
  ogg: 'ogg',
  mp3: 'mp3',
  aac: 'aac',
  wav: 'wav',
  flac: 'flac',
  amr: 'amr',
};

export const UNKNOWN_EXTENSION = 'bin';

export function extensionFor(format: ContentFormat | null): string {
  return format ? EXTENSIONS[format] : UNKNOWN_EXTENSION;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1', 'mif2']);

/** PNG, JPEG, GIF, WebP or AVIF by their magic bytes; anything else (SVG included) is null. */
export function sniffPicture(bytes: Uint8Array): PictureFormat | null {
  if (matches(bytes, 0, PNG_SIGNATURE)) return 'png';
  if (matches(bytes, 0, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (matches(bytes, 0, 'GIF87a') || matches(bytes, 0, 'GIF89a')) return 'gif';
  if (matches(bytes, 0, 'RIFF') && matches(bytes, 8, 'WEBP')) {
    const chunk = fourCC(bytes, 12);
    if (chunk === 'VP8 ' || chunk === 'VP8L' || chunk === 'VP8X') return 'webp';
    return null;
  }
  const brands = ftypBrands(bytes);
  if (brands?.some((brand) => AVIF_BRANDS.has(brand))) return 'avif';
  return null;
}

/**
 * What the content is, from the first bytes (`head`) and, for ZIP-based documents, the last ones
 * (`tail`, which holds the ZIP's list of files; pass the same array when it holds the whole file).
 * Null when nothing here recognises it. Never throws.
 */
export function sniffContent(head: Uint8Array, tail: Uint8Array = head): ContentFormat | null {
  const picture = sniffPicture(head);
  if (picture) return picture;
  const brands = ftypBrands(head);
  if (brands) return isoFormat(brands);
  if (matches(head, 0, '%PDF-')) return 'pdf';
  if (matches(head, 0, '{\\rtf')) return 'rtf';
  if (matches(head, 0, 'PK\x03\x04') || matches(head, 0, 'PK\x05\x06')) return zipFormat(head, tail);
  if (matches(head, 0, [0x1a, 0x45, 0xdf, 0xa3])) return ebmlFormat(head);
  if (matches(head, 0, 'OggS')) return 'ogg';
  if (matches(head, 0, 'fLaC')) return 'flac';
  if (matches(head, 0, '#!AMR')) return 'amr';
  if (matches(head, 0, 'RIFF') && matches(head, 8, 'WAVE')) return 'wav';
  if (matches(head, 0, 'ID3')) return 'mp3';
  const text = textFormat(head);
  if (text) return text;
  return audioFrameFormat(head);
}

function isoFormat(brands: readonly string[]): ContentFormat {
  if (brands.some((brand) => HEIF_BRANDS.has(brand))) return 'heic';
  const major = brands[0] ?? '';
  if (major === 'qt  ') return 'mov';
  if (major === 'M4A ' || major === 'M4B ' || major === 'M4P ') return 'm4a';
  if (major.startsWith('3gp') || major.startsWith('3g2')) return '3gp';
  return 'mp4';
}

/** WebM or another Matroska file, by the DocType near the start of its EBML header. */
function ebmlFormat(head: Uint8Array): ContentFormat {
  const limit = Math.min(head.length, 64);
  for (let at = 4; at < limit; at++) {
    if (matches(head, at, 'webm')) return 'webm';
    if (matches(head, at, 'matroska')) return 'mkv';
  }
  return 'mkv';
}

/** MP3 (MPEG audio) or AAC (ADTS) by a frame header with no reserved values. */
function audioFrameFormat(head: Uint8Array): ContentFormat | null {
  const b0 = u8(head, 0);
  const b1 = u8(head, 1);
  const b2 = u8(head, 2);
  if (b0 !== 0xff || b1 === null || b2 === null || (b1 & 0xe0) !== 0xe0) return null;
  const layer = (b1 >> 1) & 0x3;
  if (layer === 0) {
    // ADTS: MPEG version bit free, layer 00, a valid sampling rate.
    return (b1 & 0xf6) === 0xf0 && ((b2 >> 2) & 0xf) < 13 ? 'aac' : null;
  }
  const version = (b1 >> 3) & 0x3;
  const bitrate = b2 >> 4;
  const rate = (b2 >> 2) & 0x3;
  return version !== 1 && bitrate !== 0xf && rate !== 3 ? 'mp3' : null;
}

/** Text in UTF-8 (or UTF-16 with a byte-order mark) without control characters other than layout. */
function textFormat(head: Uint8Array): ContentFormat | null {
  const sample = head.subarray(0, 64 * 1024);
  if (sample.length === 0) return null;
  let text: string;
  try {
    if (matches(sample, 0, [0xff, 0xfe]) || matches(sample, 0, [0xfe, 0xff])) {
      const even = sample.subarray(0, sample.length - (sample.length % 2));
      text = new TextDecoder(sample[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(even);
    } else {
      text = new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, utf8Boundary(sample, head.length > sample.length)));
    }
  } catch {
    return null;
  }
  return hasControlCharacters(text) ? null : 'txt';
}

/** Tab, line feed, form feed and carriage return are layout; any other control (C0, DEL, C1) means binary. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/**
 * Where to cut a sample that may end in the middle of a UTF-8 character (only when there is more
 * of the file after it), so that the cut itself is not taken for bad text.
 */
function utf8Boundary(sample: Uint8Array, truncated: boolean): number {
  if (!truncated) return sample.length;
  for (let back = 1; back <= 4 && back <= sample.length; back++) {
    const byte = sample[sample.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? sample.length - back : sample.length;
  }
  return sample.length;
}

const ODF_TYPES: Readonly<Record<string, ContentFormat>> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
};

/** A ZIP archive, or an office document built on one (Office's or OpenDocument's). */
function zipFormat(head: Uint8Array, tail: Uint8Array): ContentFormat {
  const odf = openDocumentFormat(head);
  if (odf) return odf;
  const names = zipEntryNames(tail);
  if (!names.has('[Content_Types].xml')) return 'zip';
  // Documents carrying macros are saved as plain archives: an office app would run them.
  if ([...names].some((name) => name.toLowerCase().endsWith('vbaproject.bin'))) return 'zip';
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('xl/workbook.xml')) return 'xlsx';
  if (names.has('ppt/presentation.xml')) return 'pptx';
  return 'zip';
}

/** OpenDocument files start with an uncompressed entry "mimetype" holding their type. */
function openDocumentFormat(head: Uint8Array): ContentFormat | null {
  const method = u16le(head, 8);
  const size = u32le(head, 18);
  const nameLength = u16le(head, 26);
  const extraLength = u16le(head, 28);
  if (method !== 0 || size === null || nameLength !== 8 || extraLength === null || !matches(head, 30, 'mimetype')) return null;
  const start = 38 + extraLength;
  if (size > 100 || start + size > head.length) return null;
  const type = String.fromCharCode(...head.subarray(start, start + size));
  return ODF_TYPES[type] ?? null;
}

/** The names in a ZIP's central directory, read from the end of the file (at most 4,096). */
function zipEntryNames(tail: Uint8Array): Set<string> {
  const names = new Set<string>();
  // The end-of-central-directory record is 22 bytes plus a comment of up to 65,535.
  let eocd = -1;
  for (let at = tail.length - 22; at >= 0 && at >= tail.length - 22 - 0xffff; at--) {
    if (matches(tail, at, 'PK\x05\x06')) {
      eocd = at;
      break;
    }
  }
  const directorySize = u32le(tail, eocd + 12);
  if (eocd < 0 || directorySize === null || directorySize > eocd) return names;
  const decoder = new TextDecoder('utf-8');
  let at = eocd - directorySize;
  while (at < eocd && names.size < 4096 && matches(tail, at, 'PK\x01\x02')) {
    const nameLength = u16le(tail, at + 28);
    const extraLength = u16le(tail, at + 30);
    const commentLength = u16le(tail, at + 32);
    if (nameLength === null || extraLength === null || commentLength === null || at + 46 + nameLength > tail.length) break;
    names.add(decoder.decode(tail.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
