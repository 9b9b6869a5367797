// SHA-256 on the calling thread, through hash-wasm's WebAssembly, for the many small hashes of the
// hash chain (a link, a field commitment: a few hundred bytes each). WebCrypto's digest costs a
// promise and a hop to another thread per call, tens of microseconds, far more than hashing so
// little; checking a 500-incident diary's chain made about 10,000 such calls.
//
// hash-wasm is loaded on first use (it stays out of the first screen). Until it has loaded, or if
// it cannot be (WebAssembly refused), hash.ts uses WebCrypto: the digest is the same either way.
// The Merkle tree (merkle.ts) has no other way: it fails then, as it always did.

import type { IHasher } from 'hash-wasm';

let hasher: IHasher | null = null;
let loading: Promise<IHasher | null> | null = null;

/**
 * Loads the hasher if it has not been, and resolves with it, or with null if it cannot be
 * loaded here. A failure is kept for the life of this realm (a page load, a worker): WebAssembly
 * refused now would be refused at every hash, each retry an import for nothing.
 */
export function loadSyncSha256(): Promise<IHasher | null> {
  loading ??= import('hash-wasm')
    .then(({ createSHA256 }) => createSHA256())
    .then((loaded) => (hasher = loaded))
    .catch(() => null);
  return loading;
}

/**
 * The hasher if it has loaded, else null (and it starts loading). Each use must run from init()
 * to digest() with no await in between: hash.ts and merkle.ts share this one instance in each
 * realm (streamingSha256.ts keeps its own).
 */
export function syncSha256Now(): IHasher | null {
  if (!hasher) void loadSyncSha256();
  return hasher;
}
