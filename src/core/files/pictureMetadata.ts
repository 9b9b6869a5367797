// What a picture file carries besides its pixels: where it was taken (GPS in EXIF, XMP or IPTC)
// and with what camera (make, model, serial numbers, lens). Daybook keeps the original untouched
// in the diary; this tells the person when a photo holds a place, and tells the package writer
// when a picture it cannot redraw must not go out as it is.
//
// Read from untrusted bytes already in memory: every length is checked against the bytes before
// anything is read or copied, each loop has a cap, compressed text is inflated only up to a cap,
// and the whole file is also searched once for EXIF and XMP blocks the structure did not lead to
// (a second picture after the first, a maker's trailer). Where a cap or damage stops the reading,
// the result says `incomplete`: absence of a location is then not proven.
import { readBytes } from '../store/attachments/readBytes';
import { fourCC, matches, u16be, u32be, u32le, u8 } from './bytes';
import { isTiffHeader, readExifTiff, type ExifFindings } from './exifTiff';
import { childBoxes, type IsoBox } from './isoBox';
import { sniffContent, type ContentFormat, type PictureFormat } from './sniff';

/** Blocks of metadata a picture may carry. */
export type MetadataKind = 'exif' | 'xmp' | 'iptc' | 'text';

export interface PictureMetadata {
  /** The picture's format by its bytes (HEIC too), or null when it is not a picture. */
  format: PictureFormat | 'heic' | null;
  /** It holds where it was taken (a GPS position, or a place named in XMP or IPTC). */
  location: boolean;
  /** It names the camera: make or model, a serial number, the lens, an owner, a maker note. */
  camera: boolean;
  /** Which kinds of metadata block were found, each once, in the order found. */
  kinds: MetadataKind[];
  /** Something could not be read (damage, a cap, compression this runtime lacks): absence is not proven. */
  incomplete: boolean;
}

/** Structured blocks read per file, and blocks found by searching; beyond these, `incomplete`. */
const MAX_SEGMENTS = 10_000;
const MAX_SEARCH_HITS = 256;
/** Text (XMP, comments) read per block: XMP packets are a few KiB; padding makes them bigger. */
const MAX_TEXT_BYTES = 8 * 1024 * 1024;
/** Bytes inflated per compressed block, and compressed blocks inflated per file. */
const MAX_INFLATED_BYTES = 4 * 1024 * 1024;
const MAX_INFLATED_BLOCKS = 32;
/** Bytes copied together from an item's pieces (HEIF/AVIF) or from hex in a PNG text block. */
const MAX_ASSEMBLED_BYTES = 4 * 1024 * 1024;
/** Items and pieces of items read from a HEIF/AVIF location table. */
const MAX_LOCATION_STEPS = 100_000;

const LOCATION_TEXT =
  /gps[^a-z0-9]{0,2}(?:dest)?(?:lat|lon)|gpsareainformation|locationcreated|locationshown|iptc4xmpcore:location|iptc4xmpcore:countrycode|photoshop:(?:city|state|country)|(?:^|[^a-z])(?:latitude|longitude)(?:[^a-z]|$)/i;
const CAMERA_TEXT = /tiff:(?:make|model)|serialnumber|aux:lens|exifex:lens|lensmodel|lensmake|cameraownername/i;

/** IPTC datasets (record 2) naming a place: location code and name, city, sub-location, state, country. */
const IPTC_PLACES: ReadonlySet<number> = new Set([26, 27, 90, 92, 95, 100, 101]);

// The signatures that open an XMP block inside a JPEG (APP1): bytes matched in the file, never fetched.
const XMP_NAMESPACE = 'http://ns.adobe.com/xap/1.0/\0';
const XMP_EXTENSION = 'http://ns.adobe.com/xmp/extension/\0';

class Reading {
  location = false;
  camera = false;
  incomplete = false;
  readonly kinds = new Set<MetadataKind>();
  /** Loop iterations and bytes searched, for the property test's bound on work. */
  steps = 0;
  inflated = 0;
  private readonly tiffsRead = new WeakMap<Uint8Array, Set<number>>();

  kind(kind: MetadataKind): void {
    this.kinds.add(kind);
  }

  exif(bytes: Uint8Array, start: number, end: number): void {
    let read = this.tiffsRead.get(bytes);
    if (!read) this.tiffsRead.set(bytes, (read = new Set()));
    if (read.has(start)) return;
    read.add(start);
    this.kind('exif');
    this.merge(readExifTiff(bytes, start, end));
    this.steps += 64;
  }

  merge(found: ExifFindings): void {
    this.location ||= found.location;
    this.camera ||= found.camera;
    this.incomplete ||= found.incomplete;
  }

  /** Looks through text (XMP, a comment, a PNG text block) for a place or a camera. */
  text(bytes: Uint8Array, start: number, end: number): void {
    const limit = Math.min(end, bytes.length, start + MAX_TEXT_BYTES);
    if (limit < Math.min(end, bytes.length)) this.incomplete = true;
    if (limit <= start) return;
    const slice = bytes.subarray(start, limit);
    this.steps += slice.length;
    const utf16 = matches(slice, 0, [0xfe, 0xff]) ? 'utf-16be' : matches(slice, 0, [0xff, 0xfe]) ? 'utf-16le' : 'utf-8';
    const text = new TextDecoder(utf16).decode(slice);
    if (LOCATION_TEXT.test(text)) this.location = true;
    if (CAMERA_TEXT.test(text)) this.camera = true;
  }

  xmp(bytes: Uint8Array, start: number, end: number): void {
    this.kind('xmp');
    this.text(bytes, start, end);
  }

  result(format: PictureMetadata['format']): PictureMetadata {
    return { format, location: this.location, camera: this.camera, kinds: [...this.kinds], incomplete: this.incomplete };
  }
}

/**
 * Reads what the picture in `bytes` says about where it was taken and with what camera. Never
 * throws; reads only inside `bytes`; work grows with its length, within fixed caps per block.
 */
export async function readPictureMetadata(bytes: Uint8Array): Promise<PictureMetadata> {
  return (await inspectPictureMetadata(bytes)).metadata;
}

/** The same, with the work it took (for tests that bound it). */
export async function inspectPictureMetadata(bytes: Uint8Array): Promise<{ metadata: PictureMetadata; steps: number }> {
  const reading = new Reading();
  let format: PictureMetadata['format'] = null;
  try {
    format = pictureFormat(sniffContent(bytes.subarray(0, 64 * 1024)));
    const compressed: [Uint8Array, MetadataKind][] = [];
    switch (format) {
      case 'jpeg':
        readJpeg(bytes, reading);
        break;
      case 'png':
        readPng(bytes, reading, compressed);
        break;
      case 'webp':
        readWebp(bytes, reading);
        break;
      case 'avif':
      case 'heic':
        readHeif(bytes, reading);
        break;
      case 'gif':
      case null:
        // GIF keeps XMP as plain text in an application block: the search below finds it.
        break;
    }
    search(bytes, reading);
    for (const [block, kind] of compressed) await readCompressedText(block, kind, reading);
  } catch {
    reading.incomplete = true;
  }
  return { metadata: reading.result(format), steps: reading.steps };
}

function pictureFormat(format: ContentFormat | null): PictureMetadata['format'] {
  switch (format) {
    case 'png':
    case 'jpeg':
    case 'gif':
    case 'webp':
    case 'avif':
    case 'heic':
      return format;
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// JPEG: the segments before the first scan.

function readJpeg(bytes: Uint8Array, reading: Reading): void {
  let at = 2;
  for (let segments = 0; segments < MAX_SEGMENTS; segments++) {
    reading.steps++;
    if (u8(bytes, at) !== 0xff) {
      reading.incomplete = true;
      return;
    }
    while (u8(bytes, at + 1) === 0xff) {
      at++;
      reading.steps++;
    }
    const marker = u8(bytes, at + 1);
    if (marker === null) return;
    at += 2;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xd8) continue;
    // The scan (compressed pixels) follows: metadata after it is found by the search.
    if (marker === 0xd9 || marker === 0xda) return;
    const length = u16be(bytes, at);
    if (length === null || length < 2) {
      reading.incomplete = true;
      return;
    }
    const start = at + 2;
    const end = at + length;
    if (end > bytes.length) reading.incomplete = true;
    if (marker === 0xe1) {
      if (matches(bytes, start, 'Exif\0')) reading.exif(bytes, start + 6, end);
      else if (matches(bytes, start, XMP_NAMESPACE)) reading.xmp(bytes, start + XMP_NAMESPACE.length, end);
      // Extended XMP: a GUID, the full length and this piece's offset, then the piece.
      else if (matches(bytes, start, XMP_EXTENSION)) reading.xmp(bytes, start + XMP_EXTENSION.length + 40, end);
    } else if (marker === 0xed && matches(bytes, start, 'Photoshop 3.0\0')) {
      readImageResources(bytes, start + 14, end, reading);
    } else if (marker === 0xfe) {
      reading.kind('text');
      reading.text(bytes, start, end);
    }
    at = end;
  }
  reading.incomplete = true;
}

/** Photoshop image resources: IPTC (0x0404), EXIF (0x0422) and XMP (0x0424) may each be inside. */
function readImageResources(bytes: Uint8Array, start: number, end: number, reading: Reading): void {
  const limit = Math.min(end, bytes.length);
  let at = start;
  for (let n = 0; n < MAX_SEGMENTS && at + 12 <= limit; n++) {
    reading.steps++;
    if (!matches(bytes, at, '8BIM')) return;
    const id = u16be(bytes, at + 4);
    const nameLength = u8(bytes, at + 6);
    if (id === null || nameLength === null) return;
    // A Pascal string padded to an even length (the length byte included).
    const sizeAt = at + 6 + ((nameLength + 2) & ~1);
    const size = u32be(bytes, sizeAt);
    if (size === null) {
      reading.incomplete = true;
      return;
    }
    const dataStart = sizeAt + 4;
    const dataEnd = dataStart + size;
    if (dataEnd > limit) reading.incomplete = true;
    if (id === 0x0404) readIptc(bytes, dataStart, dataEnd, reading);
    else if (id === 0x0422) reading.exif(bytes, matches(bytes, dataStart, 'Exif\0') ? dataStart + 6 : dataStart, dataEnd);
    else if (id === 0x0424) reading.xmp(bytes, dataStart, dataEnd);
    at = dataEnd + (size & 1);
  }
}

/** IPTC-IIM datasets: a place named in record 2 is a location. */
function readIptc(bytes: Uint8Array, start: number, end: number, reading: Reading): void {
  reading.kind('iptc');
  const limit = Math.min(end, bytes.length);
  let at = start;
  for (let n = 0; n < MAX_SEGMENTS && at + 5 <= limit; n++) {
    reading.steps++;
    if (u8(bytes, at) !== 0x1c) return;
    const record = u8(bytes, at + 1);
    const dataset = u8(bytes, at + 2);
    const size = u16be(bytes, at + 3);
    if (record === null || dataset === null || size === null) return;
    // An extended length (top bit set) is only used for large binary data: nothing read here.
    if (size & 0x8000) {
      reading.incomplete = true;
      return;
    }
    if (record === 2 && IPTC_PLACES.has(dataset) && size > 0) reading.location = true;
    at += 5 + size;
  }
}

// ---------------------------------------------------------------------------------------------
// PNG: chunks, up to the end.

function readPng(bytes: Uint8Array, reading: Reading, compressed: [Uint8Array, MetadataKind][]): void {
  let at = 8;
  for (let chunks = 0; chunks < MAX_SEGMENTS * 10; chunks++) {
    reading.steps++;
    const length = u32be(bytes, at);
    const type = fourCC(bytes, at + 4);
    if (length === null || type === null) {
      if (at < bytes.length) reading.incomplete = true;
      return;
    }
    const start = at + 8;
    const end = start + length;
    if (end > bytes.length) reading.incomplete = true;
    if (type === 'eXIf') reading.exif(bytes, matches(bytes, start, 'Exif\0') ? start + 6 : start, end);
    else if (type === 'tEXt' || type === 'zTXt' || type === 'iTXt')
      readPngText(bytes, type, start, Math.min(end, bytes.length), reading, compressed);
    else if (type === 'IEND') return;
    at = end + 4;
  }
  reading.incomplete = true;
}

function readPngText(
  bytes: Uint8Array,
  type: 'tEXt' | 'zTXt' | 'iTXt',
  start: number,
  end: number,
  reading: Reading,
  compressed: [Uint8Array, MetadataKind][],
): void {
  const keywordEnd = bytes.subarray(start, Math.min(end, start + 80)).indexOf(0);
  if (keywordEnd < 0) {
    reading.incomplete = true;
    return;
  }
  const keyword = String.fromCharCode(...bytes.subarray(start, start + keywordEnd));
  const kind: MetadataKind =
    keyword === 'XML:com.adobe.xmp'
      ? 'xmp'
      : /^Raw profile type (exif|app1)$/i.test(keyword)
        ? 'exif'
        : /^Raw profile type (iptc|8bim)$/i.test(keyword)
          ? 'iptc'
          : /^Raw profile type xmp$/i.test(keyword)
            ? 'xmp'
            : 'text';
  reading.kind(kind);
  let at = start + keywordEnd + 1;
  let isCompressed = type === 'zTXt';
  if (type === 'zTXt') at += 1; // compression method
  if (type === 'iTXt') {
    isCompressed = u8(bytes, at) === 1;
    at += 2;
    // Language tag, then the translated keyword, each ending in a zero byte.
    for (let skip = 0; skip < 2; skip++) {
      const zero = bytes.subarray(at, end).indexOf(0);
      if (zero < 0) {
        reading.incomplete = true;
        return;
      }
      at += zero + 1;
    }
  }
  if (at > end) return;
  if (isCompressed) compressed.push([bytes.subarray(at, end), kind]);
  else readTextBlock(bytes.subarray(at, end), kind, reading);
}

/** A PNG text block's content: text to look through, or a hex dump of a raw profile (ImageMagick's). */
function readTextBlock(content: Uint8Array, kind: MetadataKind, reading: Reading): void {
  reading.text(content, 0, content.length);
  if (kind !== 'exif' && kind !== 'iptc') return;
  const profile = rawProfile(content, reading);
  if (!profile) return;
  if (kind === 'iptc') {
    if (matches(profile, 0, '8BIM')) readImageResources(profile, 0, profile.length, reading);
    else readIptc(profile, 0, profile.length, reading);
    return;
  }
  if (matches(profile, 0, 'Exif\0')) reading.exif(profile, 6, profile.length);
  else if (isTiffHeader(profile, 0)) reading.exif(profile, 0, profile.length);
  search(profile, reading);
}

/** The bytes of a raw profile: "\n<name>\n<length>\n" then hex digits, whitespace between them. */
function rawProfile(content: Uint8Array, reading: Reading): Uint8Array | null {
  let at = 0;
  let lines = 0;
  while (at < content.length && lines < 3) {
    if (content[at] === 0x0a) lines++;
    at++;
  }
  reading.steps += at;
  const digits = content.length - at;
  const size = Math.min(Math.floor(digits / 2), MAX_ASSEMBLED_BYTES);
  if (digits / 2 > MAX_ASSEMBLED_BYTES) reading.incomplete = true;
  const out = new Uint8Array(size);
  let written = 0;
  let high = -1;
  for (; at < content.length && written < size; at++) {
    const value = hexValue(content[at] ?? 0);
    if (value < 0) continue;
    if (high < 0) high = value;
    else {
      out[written++] = (high << 4) | value;
      high = -1;
    }
  }
  reading.steps += digits;
  return out.subarray(0, written);
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  return -1;
}

/** Inflates a compressed PNG text block up to a cap (zlib data), then reads it as text. */
async function readCompressedText(block: Uint8Array, kind: MetadataKind, reading: Reading): Promise<void> {
  if (reading.inflated >= MAX_INFLATED_BLOCKS || typeof DecompressionStream !== 'function') {
    reading.incomplete = true;
    return;
  }
  reading.inflated++;
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = new Blob([new Uint8Array(block)]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = MAX_INFLATED_BYTES - total;
      parts.push(value.subarray(0, room));
      total += Math.min(value.length, room);
      reading.steps += value.length;
      if (value.length > room) {
        reading.incomplete = true;
        break;
      }
    }
  } catch {
    reading.incomplete = true;
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const text = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    text.set(part, at);
    at += part.length;
  }
  readTextBlock(text, kind, reading);
}

// ---------------------------------------------------------------------------------------------
// WebP: RIFF chunks; EXIF and XMP come after the picture's data.

function readWebp(bytes: Uint8Array, reading: Reading): void {
  let at = 12;
  for (let chunks = 0; chunks < MAX_SEGMENTS; chunks++) {
    reading.steps++;
    const type = fourCC(bytes, at);
    const size = u32le(bytes, at + 4);
    if (type === null || size === null) {
      if (at < bytes.length) reading.incomplete = true;
      return;
    }
    const start = at + 8;
    const end = start + size;
    if (end > bytes.length) reading.incomplete = true;
    if (type === 'EXIF') reading.exif(bytes, matches(bytes, start, 'Exif\0') ? start + 6 : start, end);
    else if (type === 'XMP ') reading.xmp(bytes, start, end);
    at = end + (size & 1);
  }
  reading.incomplete = true;
}

// ---------------------------------------------------------------------------------------------
// AVIF and HEIC: items of type Exif, and mime items holding XMP, found through meta/iinf and iloc.

interface Extent {
  offset: number;
  length: number;
}

function readHeif(bytes: Uint8Array, reading: Reading): void {
  const meta = childBoxes(bytes, 0, bytes.length, 1024).find((box) => box.type === 'meta');
  if (!meta) return;
  const children = childBoxes(bytes, meta.contentStart + 4, meta.end, 1024);
  reading.steps += children.length;
  const iinf = children.find((box) => box.type === 'iinf');
  const iloc = children.find((box) => box.type === 'iloc');
  const idat = children.find((box) => box.type === 'idat');
  if (!iinf) return;
  const wanted = metadataItems(bytes, iinf, reading);
  if (wanted.size === 0) return;
  const places = iloc ? itemLocations(bytes, iloc, idat, new Set(wanted.keys()), reading) : new Map<number, Extent[] | null>();
  for (const [id, kind] of wanted) {
    reading.kind(kind);
    const extents = places.get(id);
    const data = extents ? assemble(bytes, extents, reading) : null;
    if (!data) {
      reading.incomplete = true;
      continue;
    }
    if (kind === 'xmp') reading.xmp(data, 0, data.length);
    else {
      // An Exif item starts with the offset of its TIFF header from after these four bytes.
      const skip = u32be(data, 0);
      if (skip === null || 4 + skip >= data.length) reading.incomplete = true;
      else reading.exif(data, 4 + skip, data.length);
    }
  }
}

/** Ids of the Exif items and of mime items typed as XMP. */
function metadataItems(bytes: Uint8Array, iinf: IsoBox, reading: Reading): Map<number, MetadataKind> {
  const items = new Map<number, MetadataKind>();
  const version = u8(bytes, iinf.contentStart);
  const first = iinf.contentStart + (version === 0 ? 6 : 8);
  for (const infe of childBoxes(bytes, first, iinf.end, 4096)) {
    reading.steps++;
    if (infe.type !== 'infe') continue;
    const infeVersion = u8(bytes, infe.contentStart);
    if (infeVersion === null || infeVersion < 2) continue;
    const idAt = infe.contentStart + 4;
    const id = infeVersion === 2 ? u16be(bytes, idAt) : u32be(bytes, idAt);
    const typeAt = idAt + (infeVersion === 2 ? 2 : 4) + 2;
    const type = fourCC(bytes, typeAt);
    if (id === null || type === null) continue;
    if (type === 'Exif') items.set(id, 'exif');
    else if (type === 'mime') {
      // item_name, then content_type, each ending in a zero byte.
      const rest = bytes.subarray(typeAt + 4, infe.end);
      const nameEnd = rest.indexOf(0);
      const contentType = nameEnd < 0 ? '' : String.fromCharCode(...rest.subarray(nameEnd + 1, Math.min(rest.length, nameEnd + 65)));
      if (contentType.startsWith('application/rdf+xml')) items.set(id, 'xmp');
    }
  }
  return items;
}

/** Where each wanted item's bytes lie (null: in a form not read here). */
function itemLocations(
  bytes: Uint8Array,
  iloc: IsoBox,
  idat: IsoBox | undefined,
  wanted: ReadonlySet<number>,
  reading: Reading,
): Map<number, Extent[] | null> {
  const places = new Map<number, Extent[] | null>();
  const version = u8(bytes, iloc.contentStart);
  const sizes = u16be(bytes, iloc.contentStart + 4);
  if (version === null || sizes === null || version > 2) return places;
  const offsetSize = sizes >> 12;
  const lengthSize = (sizes >> 8) & 0xf;
  const baseSize = (sizes >> 4) & 0xf;
  const indexSize = version === 0 ? 0 : sizes & 0xf;
  let at = iloc.contentStart + 6;
  const count = version < 2 ? u16be(bytes, at) : u32be(bytes, at);
  at += version < 2 ? 2 : 4;
  if (count === null) return places;
  const read = (size: number): number | null => {
    let value: number | null;
    if (size === 0) value = 0;
    else if (size === 4) value = u32be(bytes, at);
    else if (size === 8) value = u32be(bytes, at) === 0 ? u32be(bytes, at + 4) : null;
    else value = null;
    at += size;
    return at > iloc.end ? null : value;
  };
  // Items and their pieces may take no bytes each (sizes of 0): the count of both is capped.
  let work = 0;
  for (let item = 0; item < count; item++) {
    reading.steps++;
    if (++work > MAX_LOCATION_STEPS) {
      reading.incomplete = true;
      return places;
    }
    const id = version < 2 ? u16be(bytes, at) : u32be(bytes, at);
    at += version < 2 ? 2 : 4;
    const method = version === 0 ? 0 : (u16be(bytes, at) ?? -1) & 0xf;
    if (version !== 0) at += 2;
    at += 2; // data reference index
    const base = read(baseSize);
    const extentCount = u16be(bytes, at);
    at += 2;
    if (id === null || base === null || extentCount === null || at > iloc.end) return places;
    const extents: Extent[] = [];
    let readable = method === 0 || (method === 1 && idat !== undefined);
    for (let e = 0; e < extentCount; e++) {
      reading.steps++;
      if (++work > MAX_LOCATION_STEPS) {
        reading.incomplete = true;
        return places;
      }
      if (indexSize > 0) read(indexSize);
      const offset = read(offsetSize);
      const length = read(lengthSize);
      if (offset === null || length === null) return places;
      const origin = method === 1 && idat ? idat.contentStart : 0;
      // Length 0 means "to the end of the file"; only the containing file bounds it.
      extents.push({
        offset: origin + base + offset,
        length: length === 0 ? Math.max(0, bytes.length - (origin + base + offset)) : length,
      });
      if (extents.length > 64) readable = false;
    }
    if (wanted.has(id)) places.set(id, readable ? extents : null);
  }
  return places;
}

/** An item's bytes: a view when it lies in one piece, else its pieces copied together (within caps). */
function assemble(bytes: Uint8Array, extents: readonly Extent[], reading: Reading): Uint8Array | null {
  let total = 0;
  for (const { offset, length } of extents) {
    if (offset < 0 || length < 0 || offset + length > bytes.length) return null;
    total += length;
  }
  if (extents.length === 1 && extents[0]) return bytes.subarray(extents[0].offset, extents[0].offset + extents[0].length);
  if (total > MAX_ASSEMBLED_BYTES) return null;
  const out = new Uint8Array(total);
  let at = 0;
  for (const { offset, length } of extents) {
    out.set(bytes.subarray(offset, offset + length), at);
    at += length;
  }
  reading.steps += total;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The search: EXIF ("Exif\0\0" and a TIFF header) and XMP packets wherever they are.

function search(bytes: Uint8Array, reading: Reading): void {
  reading.steps += bytes.length;
  let hits = 0;
  for (let at = findAscii(bytes, 'Exif\0', 0); at >= 0; at = findAscii(bytes, 'Exif\0', at + 1)) {
    if (isTiffHeader(bytes, at + 6)) {
      if (++hits > MAX_SEARCH_HITS) {
        reading.incomplete = true;
        break;
      }
      reading.exif(bytes, at + 6, bytes.length);
    }
  }
  hits = 0;
  // Each packet is read to its end (or a cap), and the search goes on after it: every byte is
  // looked at a bounded number of times.
  for (let at = findAscii(bytes, '<x:xmpmeta', 0); at >= 0;) {
    if (++hits > MAX_SEARCH_HITS) {
      reading.incomplete = true;
      break;
    }
    const close = findAscii(bytes.subarray(at, at + MAX_TEXT_BYTES), '</x:xmpmeta>', 0);
    const end = close < 0 ? Math.min(bytes.length, at + MAX_TEXT_BYTES) : at + close;
    reading.xmp(bytes, at, end);
    at = findAscii(bytes, '<x:xmpmeta', Math.max(end, at + 1));
  }
}

/** Where ASCII `needle` next occurs in bytes at or after `from`, or -1. */
function findAscii(bytes: Uint8Array, needle: string, from: number): number {
  const first = needle.charCodeAt(0);
  for (let at = bytes.indexOf(first, from); at >= 0; at = bytes.indexOf(first, at + 1)) {
    if (matches(bytes, at, needle)) return at;
  }
  return -1;
}

/** Files larger than this are not read whole for their metadata (a phone photo is a few MB). */
export const MAX_METADATA_FILE_BYTES = 48 * 1024 * 1024;

/**
 * The metadata of a file that is a picture by its first bytes (PNG, JPEG, GIF, WebP, AVIF or
 * HEIC), read whole; null when it is not a picture or is larger than `maxBytes`.
 */
export async function readFileMetadata(file: Blob, maxBytes = MAX_METADATA_FILE_BYTES): Promise<PictureMetadata | null> {
  if (file.size > maxBytes) return null;
  const head = await readBytes(file.slice(0, 64 * 1024));
  if (pictureFormat(sniffContent(head)) === null) return null;
  return readPictureMetadata(file.size > head.length ? await readBytes(file) : head);
}
