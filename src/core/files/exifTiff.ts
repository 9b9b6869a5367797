// What an EXIF block (a TIFF structure: byte order, then linked directories of tags) says about
// where a picture was taken and with what camera. Read from untrusted bytes: every offset is
// checked against the block, each directory is visited once, and the work is capped.
import { matches, u16be, u16le, u32be, u32le } from './bytes';

export interface ExifFindings {
  /** The GPS directory holds a position (latitude, longitude, a destination or an area's name). */
  location: boolean;
  /** Camera make or model, a serial number, the lens, the owner's name, or a maker note. */
  camera: boolean;
  /** Something could not be read (an offset out of range, too many entries): absence is not proven. */
  incomplete: boolean;
}

/** Directories read per block: IFD0, the Exif and GPS directories, interoperability, thumbnails. */
const MAX_DIRECTORIES = 16;
/** Entries read per directory; real ones hold a few dozen. */
const MAX_ENTRIES = 1024;

const POINTER_EXIF = 0x8769;
const POINTER_GPS = 0x8825;
const POINTER_INTEROP = 0xa005;

/** Make, Model, CameraOwnerName, BodySerialNumber, LensSpecification, LensMake, LensModel, LensSerialNumber, MakerNote. */
const CAMERA_TAGS: ReadonlySet<number> = new Set([0x010f, 0x0110, 0xa430, 0xa431, 0xa432, 0xa433, 0xa434, 0xa435, 0x927c]);
/** GPSLatitude, GPSLongitude, GPSDestLatitude, GPSDestLongitude, GPSAreaInformation. */
const GPS_POSITION_TAGS: ReadonlySet<number> = new Set([0x02, 0x04, 0x14, 0x16, 0x1c]);

/** True when a TIFF header (II*\0 or MM\0*) starts at `at`. */
export function isTiffHeader(bytes: Uint8Array, at: number): boolean {
  return matches(bytes, at, [0x49, 0x49, 0x2a, 0x00]) || matches(bytes, at, [0x4d, 0x4d, 0x00, 0x2a]);
}

/**
 * Reads the TIFF structure in bytes[start, end). Offsets inside it count from `start`. Never
 * throws; reads at most MAX_DIRECTORIES x MAX_ENTRIES entries.
 */
export function readExifTiff(bytes: Uint8Array, start: number, end: number): ExifFindings {
  const found: ExifFindings = { location: false, camera: false, incomplete: false };
  const limit = Math.min(end, bytes.length);
  if (!isTiffHeader(bytes, start) || start + 8 > limit) {
    found.incomplete = true;
    return found;
  }
  const little = bytes[start] === 0x49;
  const u16 = (at: number) => (at + 2 <= limit ? (little ? u16le(bytes, at) : u16be(bytes, at)) : null);
  const u32 = (at: number) => (at + 4 <= limit ? (little ? u32le(bytes, at) : u32be(bytes, at)) : null);

  type Kind = 'main' | 'exif' | 'gps' | 'other';
  const queue: { offset: number; kind: Kind }[] = [];
  const visited = new Set<number>();
  const follow = (offset: number | null, kind: Kind) => {
    if (offset === null) found.incomplete = true;
    else if (offset !== 0 && !visited.has(offset)) queue.push({ offset, kind });
  };
  follow(u32(start + 4), 'main');

  while (queue.length > 0) {
    const next = queue.shift();
    if (!next) break;
    if (visited.has(next.offset)) continue;
    if (visited.size >= MAX_DIRECTORIES) {
      found.incomplete = true;
      break;
    }
    visited.add(next.offset);
    const at = start + next.offset;
    const count = u16(at);
    if (count === null) {
      found.incomplete = true;
      continue;
    }
    if (count > MAX_ENTRIES) found.incomplete = true;
    const entries = Math.min(count, MAX_ENTRIES);
    let gpsEntries = 0;
    for (let i = 0; i < entries; i++) {
      const entry = at + 2 + i * 12;
      const tag = u16(entry);
      if (tag === null || entry + 12 > limit) {
        found.incomplete = true;
        break;
      }
      if (next.kind === 'gps') {
        gpsEntries++;
        if (GPS_POSITION_TAGS.has(tag)) found.location = true;
        continue;
      }
      if (CAMERA_TAGS.has(tag)) found.camera = true;
      if (tag === POINTER_EXIF) follow(u32(entry + 8), 'exif');
      else if (tag === POINTER_GPS) follow(u32(entry + 8), 'gps');
      else if (tag === POINTER_INTEROP) follow(u32(entry + 8), 'other');
    }
    // A GPS directory that is there but empty or unreadable may still mean a position elsewhere.
    if (next.kind === 'gps' && gpsEntries === 0 && count > 0) found.incomplete = true;
    // IFD0 links to IFD1 (the thumbnail's tags), which may carry its own pointers.
    if (next.kind === 'main') follow(u32(at + 2 + entries * 12), 'main');
  }
  return found;
}
