// Raw Argon2id through hash-wasm's WebAssembly. In the browser this runs only inside the KDF
// worker (kdf.worker.ts), so the module and its memory never weigh on the page's thread.

import { KdfUnavailableError } from './errors';

/** Argon2id's cost (the same shape as kdf.ts's KdfCost, kept here so the worker needs nothing else). */
export interface Argon2idCost {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** The smallest valid module (magic number and version): it fails to compile only where WebAssembly is refused. */
const EMPTY_WASM_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** WebAssembly as this browser offers it, or undefined where it is missing (or switched off). */
function webAssembly(): typeof WebAssembly | undefined {
  return (globalThis as { WebAssembly?: typeof WebAssembly }).WebAssembly;
}

/**
 * Throws KdfUnavailableError unless this browser can compile and instantiate WebAssembly, as
 * hash-wasm does. Checked on every derivation (it takes microseconds), so a refusal is told
 * apart from a wrong passphrase or any other failure, before anything is derived or stored.
 */
export async function assertKdfAvailable(): Promise<void> {
  const wasm = webAssembly();
  if (!wasm || typeof wasm.compile !== 'function' || typeof wasm.instantiate !== 'function') {
    throw new KdfUnavailableError('WebAssembly is missing');
  }
  try {
    await wasm.instantiate(await wasm.compile(EMPTY_WASM_MODULE));
  } catch (cause) {
    // Engines differ in what they throw when CSP or a setting refuses WebAssembly (CompileError,
    // EvalError): every failure on an empty module means the same.
    throw new KdfUnavailableError('WebAssembly was refused', { cause });
  }
}

/** True for the errors an engine raises when it cannot compile or link hash-wasm's module. */
function isWasmLoadError(error: unknown): boolean {
  const wasm = webAssembly();
  return wasm !== undefined && (error instanceof wasm.CompileError || error instanceof wasm.LinkError);
}

/**
 * Raw Argon2id (version 0x13, no secret, no associated data). Exported for the known-answer
 * test; applications use deriveKeyEncryptionKey (kdf.ts).
 */
export async function argon2idBytes(password: Uint8Array, salt: Uint8Array, cost: Argon2idCost, hashLength: number): Promise<Uint8Array> {
  await assertKdfAvailable();
  const { argon2id } = await import('hash-wasm');
  try {
    return await argon2id({
      password,
      salt,
      iterations: cost.iterations,
      parallelism: cost.parallelism,
      memorySize: cost.memoryKiB,
      hashLength,
      outputType: 'binary',
    });
  } catch (error) {
    // An engine too old for the features hash-wasm's module uses cannot run it either.
    if (isWasmLoadError(error)) throw new KdfUnavailableError('the Argon2id module did not load', { cause: error });
    throw error;
  }
}
