// Byte <-> text conversions shared by the crypto modules.

const utf8Encoder = new TextEncoder();
// fatal: a corrupt UTF-8 sequence must fail loudly, not turn into U+FFFD.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8Encode(text: string): Uint8Array<ArrayBuffer> {
  return utf8Encoder.encode(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

// btoa/atob take "binary strings"; build them in slices so a large input
// cannot overflow the argument limit of String.fromCharCode.
const BINARY_STRING_SLICE = 0x8000;

/** Standard base64 (RFC 4648 section 4) with padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += BINARY_STRING_SLICE) {
    binary += String.fromCharCode(...bytes.subarray(start, start + BINARY_STRING_SLICE));
  }
  return btoa(binary);
}

const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes standard base64; padding is optional. Throws a RangeError on anything
 * else (URL-safe alphabet, whitespace, bad length) so corrupt stored data is
 * never silently misread.
 */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  if (!BASE64_PATTERN.test(base64)) throw new RangeError('Invalid base64 characters');
  const unpadded = base64.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) throw new RangeError('Invalid base64 length');
  const padded = unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Compares without an early exit, so timing does not reveal where two byte
 * strings first differ. ("Constant-time-ish": JS engines make no promises.)
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/**
 * Realm-independent Uint8Array check: bytes that come back from IndexedDB or
 * another realm (jsdom, iframes) fail `instanceof Uint8Array` in some hosts.
 */
export function isBytes(value: unknown): value is Uint8Array {
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]';
}

/**
 * WebCrypto's TypeScript types want views over a plain ArrayBuffer. Stored or
 * structured-cloned bytes may be typed more loosely; copy only when needed.
 */
export function asBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
