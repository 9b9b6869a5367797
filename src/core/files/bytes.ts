// Reading numbers and tags out of untrusted bytes. Every reader is bounds-checked: past the end it
// returns null (or false), never throws and never reads outside the array.

export function u8(bytes: Uint8Array, at: number): number | null {
  return at >= 0 && at < bytes.length ? (bytes[at] ?? null) : null;
}

export function u16be(bytes: Uint8Array, at: number): number | null {
  if (at < 0 || at + 2 > bytes.length) return null;
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

export function u16le(bytes: Uint8Array, at: number): number | null {
  if (at < 0 || at + 2 > bytes.length) return null;
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

export function u24le(bytes: Uint8Array, at: number): number | null {
  if (at < 0 || at + 3 > bytes.length) return null;
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16);
}

export function u32be(bytes: Uint8Array, at: number): number | null {
  if (at < 0 || at + 4 > bytes.length) return null;
  return (bytes[at] ?? 0) * 0x1000000 + (((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0));
}

export function u32le(bytes: Uint8Array, at: number): number | null {
  if (at < 0 || at + 4 > bytes.length) return null;
  return (bytes[at + 3] ?? 0) * 0x1000000 + (((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 1] ?? 0) << 8) | (bytes[at] ?? 0));
}

/** True when the bytes at `at` are exactly `expected` (given as numbers or as ASCII text). */
export function matches(bytes: Uint8Array, at: number, expected: string | readonly number[]): boolean {
  const length = expected.length;
  if (at < 0 || at + length > bytes.length) return false;
  for (let i = 0; i < length; i++) {
    const want = typeof expected === 'string' ? expected.charCodeAt(i) : expected[i];
    if (bytes[at + i] !== want) return false;
  }
  return true;
}

/** Four bytes as ASCII (an ISO-BMFF box type or brand, a RIFF chunk id), or null past the end. */
export function fourCC(bytes: Uint8Array, at: number): string | null {
  if (at < 0 || at + 4 > bytes.length) return null;
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
}
