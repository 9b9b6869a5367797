// The most Argon2id work a file from outside may ask for. KDF_LIMITS (kdf.ts) is the range the
// format can express; a backup or package header inside it can still ask for 1 GiB x 20 passes,
// which on a phone means minutes with the screen frozen, or the tab killed for memory, all before
// the passphrase is known to be right. Daybook itself writes DEFAULT_KDF_COST, so a file it made
// never needs more than a few times that (four leaves room for a later, costlier default).

import { DEFAULT_KDF_COST, type KdfCost } from './kdf';

/** How many times Daybook's own cost a file may ask for. */
export const FILE_KDF_BUDGET_FACTOR = 4;

/**
 * Each of memory and passes at most 4x the default, and their product (which is what the time
 * grows with) at most 4x the default's, so a file cannot take 4x memory and 4x passes together.
 * Parallelism is not a cost here (hash-wasm runs the lanes one after another, and memory is the
 * total over all lanes), but it is bounded to 4 like the format's own limit.
 */
export const FILE_KDF_BUDGET = Object.freeze({
  maxMemoryKiB: DEFAULT_KDF_COST.memoryKiB * FILE_KDF_BUDGET_FACTOR,
  maxIterations: DEFAULT_KDF_COST.iterations * FILE_KDF_BUDGET_FACTOR,
  maxMemoryTimesIterations: DEFAULT_KDF_COST.memoryKiB * DEFAULT_KDF_COST.iterations * FILE_KDF_BUDGET_FACTOR,
  maxParallelism: 4,
});

/** A file asks for more key-derivation work than Daybook allows one file. Nothing was derived. */
export class KdfCostTooHighError extends Error {
  override readonly name = 'KdfCostTooHighError';
  constructor(detail: string) {
    super(`KDF cost over the budget for a file: ${detail}.`);
  }
}

/** Whether `cost` is within FILE_KDF_BUDGET. Expects integers (as assertValidKdfCost checks). */
export function withinFileKdfBudget(cost: KdfCost): boolean {
  const b = FILE_KDF_BUDGET;
  return (
    cost.memoryKiB <= b.maxMemoryKiB &&
    cost.iterations <= b.maxIterations &&
    cost.memoryKiB * cost.iterations <= b.maxMemoryTimesIterations &&
    cost.parallelism <= b.maxParallelism
  );
}

/** Throws KdfCostTooHighError unless `cost` is within FILE_KDF_BUDGET. Call before deriving. */
export function assertWithinFileKdfBudget(cost: KdfCost): void {
  if (!withinFileKdfBudget(cost)) {
    throw new KdfCostTooHighError(`m=${cost.memoryKiB} KiB, t=${cost.iterations}, p=${cost.parallelism}`);
  }
}
