// Lowercase hex: the conventional way to print SHA-256 digests, so a hash in
// a report can be compared by eye with `sha256sum` output.

// Table lookups rather than toString(16)/parseInt per byte: Merkle trees convert tens of
// thousands of digests at a time.
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += BYTE_HEX[byte] as string;
  return hex;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** True for exactly 64 lowercase hex digits (a SHA-256 digest as printed here). */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}

/** The value of a lowercase hex digit's char code, or -1. */
function digitValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  return -1;
}

/** The bytes of lowercase hex (an even number of digits); null for anything else. */
export function hexToBytes(hex: unknown): Uint8Array<ArrayBuffer> | null {
  if (typeof hex !== 'string' || hex.length % 2 !== 0) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    const high = digitValue(hex.charCodeAt(2 * i));
    const low = digitValue(hex.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0) return null;
    bytes[i] = high * 16 + low;
  }
  return bytes;
}

const SALT_HEX = /^[0-9a-f]{32}$/;

/** True for exactly 32 lowercase hex digits (a 128-bit salt as stored here). */
export function isSaltHex(value: unknown): value is string {
  return typeof value === 'string' && SALT_HEX.test(value);
}
