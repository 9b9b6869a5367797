// Shared test helpers for the crypto core (not a test file itself).
import { expect, vi } from 'vitest';
import type { KdfCost } from '../../../src/core/crypto/kdf';

/** The smallest cost the KDF accepts (8 MiB, t = 1): ~15 ms per derivation. */
export const FAST_COST: KdfCost = { memoryKiB: 8 * 1024, iterations: 1, parallelism: 1 };

export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const clean = hex.replace(/\s+/g, '');
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A copy of `bytes` with bit `bit` of byte `index` inverted. */
export function flipBit(bytes: Uint8Array, index: number, bit = 0): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes);
  copy[index] = (copy[index] ?? 0) ^ (1 << bit);
  return copy;
}

/** A copy of `bytes` with every bit of byte `index` inverted. */
export function flipByte(bytes: Uint8Array, index: number): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0xff;
  return copy;
}

export function newAesKey(extractable = false): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, extractable, ['encrypt', 'decrypt']);
}

/** Asserts that `promise` rejects with an instance of `type` (and returns the error). */
export async function expectRejection<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await promise };
  } catch (error) {
    outcome = { ok: false, error };
  }
  if (outcome.ok) expect.fail(`expected ${type.name}, but it resolved with ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(type);
  return outcome.error as E;
}

/** Freezes an object graph so any mutation in code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Byte equality that stays fast for megabytes (deep equality walks every element). */
export function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.length).toBe(expected.length);
  expect(Buffer.compare(actual, expected)).toBe(0);
}

/**
 * Replaces DecompressionStream (until vi.unstubAllGlobals) with the engine's own, counted:
 * `begun()` is how many have been made, and `onBegin` sees each as it is made, with its number
 * (from 1).
 */
export function countDecompressionStreams(onBegin?: (stream: DecompressionStream, number: number) => void): { begun: () => number } {
  let begun = 0;
  const Engine = globalThis.DecompressionStream;
  vi.stubGlobal(
    'DecompressionStream',
    class extends Engine {
      constructor(format: CompressionFormat) {
        super(format);
        begun += 1;
        onBegin?.(this, begun);
      }
    },
  );
  return { begun: () => begun };
}
