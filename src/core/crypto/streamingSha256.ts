// SHA-256 over data that arrives in pieces (attachments, backup files): WebCrypto only hashes
// whole buffers. hash-wasm is loaded on first use, so it stays out of the app's first screen.
//
// Every stream shares ONE WebAssembly instance and keeps only its own state (a few hundred
// bytes, hash-wasm's save()/load()). Each instance reserves its own WebAssembly memory, and
// Chromium runs out of address space for them after about 125 live at once: a package or
// backup of many files must not need one each (issue 13: 30,000 file records in 1.9 MB).

import type { IHasher } from 'hash-wasm';

export interface StreamingSha256 {
  update(bytes: Uint8Array): void;
  /** Lowercase hex. */
  digestHex(): string;
}

let shared: Promise<IHasher> | null = null;

async function sharedHasher(): Promise<IHasher> {
  shared ??= import('hash-wasm').then(({ createSHA256 }) => createSHA256());
  return shared;
}

export async function createStreamingSha256(): Promise<StreamingSha256> {
  const hasher = await sharedHasher();
  // The shared instance is used synchronously from load() to save(): no await in between, so
  // two streams can never interleave inside it.
  let state: Uint8Array = hasher.init().save();
  return {
    update: (bytes) => {
      hasher.load(state);
      hasher.update(bytes);
      state = hasher.save();
    },
    digestHex: () => {
      hasher.load(state);
      return hasher.digest('hex');
    },
  };
}
