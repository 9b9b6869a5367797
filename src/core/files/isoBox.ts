// ISO base media file format boxes (MP4, MOV, HEIF, AVIF), read from untrusted bytes.
import { fourCC, u32be } from './bytes';

export interface IsoBox {
  type: string;
  /** Where the box's content starts (after its header). */
  contentStart: number;
  /** Where the box ends, clipped to the end of its container. */
  end: number;
}

/** The box at `at` inside a container ending at `limit`, or null when it is malformed. */
export function boxAt(bytes: Uint8Array, at: number, limit: number): IsoBox | null {
  const size32 = u32be(bytes, at);
  const type = fourCC(bytes, at + 4);
  if (size32 === null || type === null) return null;
  let header = 8;
  let size = size32;
  if (size32 === 1) {
    // A 64-bit size: the high half is only honoured when it is 0 (nothing here is 4 GiB).
    const high = u32be(bytes, at + 8);
    const low = u32be(bytes, at + 12);
    if (high === null || low === null || high !== 0) return null;
    header = 16;
    size = low;
  } else if (size32 === 0) {
    size = limit - at;
  }
  if (size < header) return null;
  return { type, contentStart: at + header, end: Math.min(at + size, limit) };
}

/** The boxes directly inside [start, end), at most `max` of them. */
export function childBoxes(bytes: Uint8Array, start: number, end: number, max = 256): IsoBox[] {
  const boxes: IsoBox[] = [];
  let at = start;
  const limit = Math.min(end, bytes.length);
  while (at + 8 <= limit && boxes.length < max) {
    const box = boxAt(bytes, at, limit);
    if (!box || box.end <= at) break;
    boxes.push(box);
    at = box.end;
  }
  return boxes;
}

/** The brands of a leading `ftyp` box: its major brand first, then the compatible ones. */
export function ftypBrands(bytes: Uint8Array): string[] | null {
  const box = boxAt(bytes, 0, bytes.length);
  if (!box || box.type !== 'ftyp') return null;
  const major = fourCC(bytes, box.contentStart);
  if (major === null) return null;
  const brands = [major];
  // After the major brand comes a 4-byte minor version, then the compatible brands.
  for (let at = box.contentStart + 8; at + 4 <= box.end && brands.length < 64; at += 4) {
    const brand = fourCC(bytes, at);
    if (brand !== null) brands.push(brand);
  }
  return brands;
}
