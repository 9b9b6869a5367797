// Lowercase hex: the conventional way to print SHA-256 digests, so a hash in
// a report can be compared by eye with `sha256sum` output.

export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** True for exactly 64 lowercase hex digits (a SHA-256 digest as printed here). */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}
