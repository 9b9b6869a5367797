// Passphrase -> key-encryption key (KEK) with Argon2id. Memory-hard, so a copied
// vault cannot be brute-forced cheaply on GPUs (design threat 4).

import { asBufferSource, base64ToBytes, bytesToBase64, utf8Encode } from './encoding';
import { KdfUnavailableError, UnsupportedVaultError } from './errors';
import { randomBytes } from './random';
import type * as HashWasm from 'hash-wasm';

export interface KdfCost {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

export interface KdfParams extends KdfCost {
  algorithm: 'argon2id';
  /** base64 of SALT_BYTES random bytes, unique per vault, backup or export. */
  salt: string;
}

/** Design default: m = 64 MiB, t = 3, p = 1 (hash-wasm is single-threaded, so p > 1 only costs time). */
export const DEFAULT_KDF_COST: Readonly<KdfCost> = Object.freeze({
  memoryKiB: 65536,
  iterations: 3,
  parallelism: 1,
});

export const SALT_BYTES = 16;
const KEK_BYTES = 32;

/**
 * Accepted cost range. The floor (8 MiB) is a real floor, not relaxed for
 * tests: tests use 8 MiB with t = 1, which takes ~15 ms. The ceiling stops a
 * crafted header from making a phone allocate gigabytes.
 */
export const KDF_LIMITS = Object.freeze({
  minMemoryKiB: 8 * 1024,
  maxMemoryKiB: 1024 * 1024,
  minIterations: 1,
  maxIterations: 20,
  minParallelism: 1,
  maxParallelism: 4,
});

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Throws UnsupportedVaultError unless `cost` is within KDF_LIMITS. */
export function assertValidKdfCost(cost: unknown): asserts cost is KdfCost {
  if (typeof cost !== 'object' || cost === null) throw new UnsupportedVaultError('KDF parameters missing');
  const { memoryKiB, iterations, parallelism } = cost as Record<string, unknown>;
  const L = KDF_LIMITS;
  if (!isIntegerIn(memoryKiB, L.minMemoryKiB, L.maxMemoryKiB)) {
    throw new UnsupportedVaultError('KDF memory out of range');
  }
  if (!isIntegerIn(iterations, L.minIterations, L.maxIterations)) {
    throw new UnsupportedVaultError('KDF iterations out of range');
  }
  if (!isIntegerIn(parallelism, L.minParallelism, L.maxParallelism)) {
    throw new UnsupportedVaultError('KDF parallelism out of range');
  }
}

/** Throws UnsupportedVaultError unless `params` is a complete, in-range Argon2id parameter set. */
export function assertValidKdfParams(params: unknown): asserts params is KdfParams {
  assertValidKdfCost(params);
  const { algorithm, salt } = params as unknown as Record<string, unknown>;
  if (algorithm !== 'argon2id') throw new UnsupportedVaultError('unknown KDF algorithm');
  if (typeof salt !== 'string') throw new UnsupportedVaultError('KDF salt missing');
  let saltBytes: Uint8Array;
  try {
    saltBytes = base64ToBytes(salt);
  } catch (cause) {
    throw new UnsupportedVaultError('KDF salt is not base64', { cause });
  }
  if (saltBytes.length !== SALT_BYTES) throw new UnsupportedVaultError('KDF salt has the wrong length');
}

/** Fresh parameters with a new random salt. Call once per vault, passphrase change, backup or export. */
export function newKdfParams(cost: KdfCost = DEFAULT_KDF_COST): KdfParams {
  assertValidKdfCost(cost);
  return {
    algorithm: 'argon2id',
    memoryKiB: cost.memoryKiB,
    iterations: cost.iterations,
    parallelism: cost.parallelism,
    salt: bytesToBase64(randomBytes(SALT_BYTES)),
  };
}

let argon2Module: Promise<typeof HashWasm> | null = null;

/** Starts fetching and compiling Argon2id early (while the passphrase is being typed). */
export function preloadKdf(): void {
  argon2Module ??= import('hash-wasm');
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
 * Raw Argon2id (version 0x13, no secret, no associated data). Exported for the
 * known-answer test; applications use deriveKeyEncryptionKey.
 */
export async function argon2idBytes(password: Uint8Array, salt: Uint8Array, cost: KdfCost, hashLength: number): Promise<Uint8Array> {
  // Loaded on first use: the WebAssembly is only needed to unlock, not to draw the first screen.
  preloadKdf();
  await assertKdfAvailable();
  const { argon2id } = await (argon2Module as Promise<typeof HashWasm>);
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

/**
 * Derives a non-extractable AES-256-GCM key that can only wrap and unwrap keys.
 * The passphrase is NFC-normalised so the same words typed on another device or
 * keyboard (composed vs decomposed accents) give the same key.
 */
export async function deriveKeyEncryptionKey(passphrase: string, params: KdfParams): Promise<CryptoKey> {
  assertValidKdfParams(params);
  // hash-wasm refuses an empty password; say so plainly rather than leak its message.
  if (passphrase.length === 0) throw new RangeError('Passphrase must not be empty');
  const password = utf8Encode(passphrase.normalize('NFC'));
  let raw: Uint8Array<ArrayBuffer> | undefined;
  try {
    raw = asBufferSource(await argon2idBytes(password, base64ToBytes(params.salt), params, KEK_BYTES));
    // importKey copies the bytes, so zeroing them afterwards is safe.
    return await crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['wrapKey', 'unwrapKey']);
  } finally {
    // Best effort: shorten the time secret bytes sit in the JS heap.
    password.fill(0);
    raw?.fill(0);
  }
}
