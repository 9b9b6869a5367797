// SHA-256, the same in the browser and in Node: small inputs on this thread once hash-wasm has
// loaded (syncSha256.ts says why), larger ones and everything before then through WebCrypto.
// A long run of small hashes then no longer gives the page a turn between them by itself:
// verifyChain and DiaryChain.imported (a restore, on the page) yield on their own. The export's
// and an opened package's hashing run in workers and hold the page only where a worker cannot
// run (their in-process fallback).

import { asBufferSource, utf8Encode } from '../crypto/encoding';
import { syncSha256Now } from '../crypto/syncSha256';
import { canonicalJson } from './canonicalJson';
import { bytesToHex } from './hex';

/**
 * Largest input hashed on the calling thread. Chain links and field commitments are far smaller;
 * anything larger goes to WebCrypto, which hashes it on another thread.
 */
export const SYNC_SHA256_MAX_BYTES = 64 * 1024;

/**
 * Where a short string is written as UTF-8 before it is hashed on this thread: one buffer for
 * every hash in this realm, where encode() would make a new one for each (thousands when a chain
 * is checked, and their collection). At most 3 bytes per UTF-16 unit, so any string of up to a
 * third of the limit fits. Made at the first such hash.
 */
let scratch: Uint8Array<ArrayBuffer> | null = null;
const scratchEncoder = new TextEncoder();

/**
 * sha256Hex's digest of `text`, at once, where it is hashed on this thread (hash-wasm has loaded
 * and the text fits the buffer); null otherwise, for the caller to await sha256Hex. For loops of
 * many small hashes, which then make no promise for each.
 */
export function sha256HexNow(text: string): string | null {
  if (typeof text !== 'string' || text.length * 3 > SYNC_SHA256_MAX_BYTES) return null;
  const hasher = syncSha256Now();
  if (!hasher) return null;
  scratch ??= new Uint8Array(SYNC_SHA256_MAX_BYTES);
  // From writing the bytes to digest() nothing is awaited: the hasher and the buffer are shared.
  const { read, written } = scratchEncoder.encodeInto(text, scratch);
  // All of it fits by the length check; a digest of part of it is never given.
  if (read !== text.length) return null;
  return hasher.init().update(scratch.subarray(0, written)).digest('hex');
}

/** SHA-256 of raw bytes, or of a string's UTF-8 encoding, as lowercase hex. */
export async function sha256Hex(input: Uint8Array | string): Promise<string> {
  const now = typeof input === 'string' ? sha256HexNow(input) : null;
  if (now !== null) return now;
  const bytes = typeof input === 'string' ? utf8Encode(input) : asBufferSource(input);
  const hasher = bytes.byteLength <= SYNC_SHA256_MAX_BYTES ? syncSha256Now() : null;
  if (hasher) return hasher.init().update(bytes).digest('hex');
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return bytesToHex(new Uint8Array(digest));
}

/**
 * Hash of a value's canonical JSON: equal values hash equally whatever their
 * key order. Rejects (TypeError) for values canonicalJson refuses.
 */
export async function contentHash(value: unknown): Promise<string> {
  return sha256Hex(canonicalJson(value));
}

/**
 * contentHash, or null for a value that has no canonical JSON (so matches no link). For content
 * read from a file: hashed exactly as the chain hashed what it links.
 */
export async function contentHashOrNull(value: unknown): Promise<string | null> {
  try {
    return await contentHash(value);
  } catch {
    return null;
  }
}
