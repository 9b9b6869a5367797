// Passphrase -> key-encryption key (KEK) with Argon2id. Memory-hard, so a copied
// vault cannot be brute-forced cheaply on GPUs (design threat 4).

import { asBufferSource, base64ToBytes, bytesToBase64, utf8Encode } from './encoding';
import { keepMessage } from '../workers/errorTransfer';
import { KdfUnavailableError, UnsupportedVaultError } from './errors';
import type { KdfTaskInput } from './kdfTask';
import { randomBytes } from './random';
import type * as RunTask from '../workers/runTask';
import type { WorkerTask } from '../workers/runTask';

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

/** The Argon2id task: its own worker, which alone loads hash-wasm. */
const kdfTask: WorkerTask<KdfTaskInput, Uint8Array> = {
  name: 'kdf',
  spawn: () => new Worker(new URL('./kdf.worker.ts', import.meta.url), { type: 'module', name: 'kdf' }),
  inProcess: async () => (await import('./kdfTask')).deriveKdfBytes,
  errors: {
    KdfUnavailableError: (error, cause) => keepMessage(new KdfUnavailableError('', { cause }), error.message),
    UnsupportedVaultError: (error, cause) => keepMessage(new UnsupportedVaultError('', { cause }), error.message),
  },
  // The passphrase's bytes move to the worker: the page keeps no copy.
  transfer: (input) => [input.password.buffer as ArrayBuffer],
};

/**
 * Starts the Argon2id worker early (while the passphrase is being typed), so its code and
 * WebAssembly are fetched and compiled before they are needed.
 */
export function preloadKdf(): void {
  // Only a head start: a failure here shows again, and is reported, when the key is derived.
  workers().then(
    ({ prewarmTask }) => prewarmTask(kdfTask),
    () => undefined,
  );
}

/** The task runner, loaded with the first derivation: the lock screen's code stays as small as it was. */
function workers(): Promise<typeof RunTask> {
  return import('../workers/runTask');
}

/** Lets the person stop a derivation (seconds on a slow phone) rather than wait for it. */
export interface DeriveOptions {
  /** Aborting terminates the Argon2id worker at once and rejects with TaskCancelledError. */
  signal?: AbortSignal;
}

/**
 * A TaskCancelledError, for a caller that sees its signal aborted after a derivation finished
 * and must answer as if it had been stopped before. The task runner is loaded by then (the
 * derivation loaded it), so the lock screen's first load does not grow.
 */
export async function taskCancelled(): Promise<Error> {
  const { TaskCancelledError } = await workers();
  return new TaskCancelledError();
}

/**
 * Raw Argon2id in the KDF worker (in-process where there are no workers). The password's
 * buffer is moved to the worker, so afterwards it is empty here.
 */
async function deriveBytes(
  password: Uint8Array<ArrayBuffer>,
  salt: Uint8Array,
  cost: KdfCost,
  hashLength: number,
  signal: AbortSignal | undefined,
): Promise<Uint8Array> {
  const { memoryKiB, iterations, parallelism } = cost;
  const { runTask } = await workers();
  return runTask(kdfTask, { password, salt, cost: { memoryKiB, iterations, parallelism }, hashLength }, signal ? { signal } : {});
}

/**
 * Derives a non-extractable AES-256-GCM key that can only wrap and unwrap keys.
 * The passphrase is NFC-normalised so the same words typed on another device or
 * keyboard (composed vs decomposed accents) give the same key. Aborting `options.signal`
 * rejects with TaskCancelledError and yields no key, even when Argon2id had just finished.
 */
export async function deriveKeyEncryptionKey(passphrase: string, params: KdfParams, options: DeriveOptions = {}): Promise<CryptoKey> {
  assertValidKdfParams(params);
  // hash-wasm refuses an empty password; say so plainly rather than leak its message.
  if (passphrase.length === 0) throw new RangeError('Passphrase must not be empty');
  const { signal } = options;
  const password = utf8Encode(passphrase.normalize('NFC'));
  let raw: Uint8Array<ArrayBuffer> | undefined;
  try {
    raw = asBufferSource(await deriveBytes(password, base64ToBytes(params.salt), params, KEK_BYTES, signal));
    // importKey copies the bytes, so zeroing them afterwards is safe.
    const kek = await crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['wrapKey', 'unwrapKey']);
    // Stopped while the key was imported: no key, as if stopped a moment sooner.
    if (signal?.aborted) throw await taskCancelled();
    return kek;
  } finally {
    // Best effort: shorten the time secret bytes sit in the JS heap. Moved to a worker, the
    // buffer is detached here (length 0), and filling a detached array throws.
    if (password.byteLength > 0) password.fill(0);
    raw?.fill(0);
  }
}
