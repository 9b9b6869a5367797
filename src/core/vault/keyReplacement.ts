// Storing the vault header's changes that must land only over the header they were made from,
// and replacing the data key (docs/vault-format.md). Loaded on use: none of it is on the first
// (locked) screen.

import { endKeyReplacement, type VaultHeader } from '../crypto/vaultKeys';
import type { DaybookDatabase } from '../store/db';
import type { RekeyKeys, RekeyProgress, RekeyResult } from '../store/rekey';
import { dexieRekeyIo, type RekeyIoOptions } from '../store/rekeyIo';
import { answerRekeyQuestion, type RekeyQuestion, type RekeyTaskInput } from '../store/rekeyTask';
import { guardStorage } from '../store/storageErrors';
import { runTask, type WorkerTask } from '../workers/runTask';
import { notBelowStored, sameHeader } from './sealedHeader';

/**
 * Stores `next` in place of `expected`, only if the stored header is still `expected` (not
 * changed meanwhile, in another tab, say), in one transaction. Returns whether it did.
 */
export async function storeHeaderOver(db: DaybookDatabase, headerKey: string, expected: VaultHeader, next: VaultHeader): Promise<boolean> {
  return guardStorage('write', () =>
    db.transaction('rw', db.meta, async () => {
      const stored = (await db.meta.get(headerKey))?.value;
      if (!sameHeader(stored, expected)) return false;
      await db.meta.put({ key: headerKey, value: notBelowStored(stored, next) });
      return true;
    }),
  );
}

/** The re-encryption's decrypting and encrypting, in a worker of its own; IndexedDB stays on the page. */
const rekeyWorker: WorkerTask<RekeyTaskInput, RekeyResult, RekeyProgress, RekeyQuestion, unknown> = {
  name: 'rekey',
  // Written out literally here: Vite only bundles workers from this exact pattern.
  spawn: () => new Worker(new URL('../store/rekey.worker.ts', import.meta.url), { type: 'module', name: 'rekey' }),
  inProcess: async () => (await import('../store/rekeyTask')).rekeyTask,
};

export interface KeyReplacementRunOptions extends RekeyIoOptions {
  batchSize?: number;
  onProgress?: (progress: RekeyProgress) => void;
}

/**
 * Re-encrypts every row under the new key (store/rekey.ts, in a worker), then, once a pass finds
 * nothing left under the previous key, removes the previous key's wraps from the stored header in
 * one transaction. From then on nothing stored can unwrap the previous key. `keys` is asked
 * before every read and write, and throws once the vault locks: the run stops, and the next
 * unlock starts it again.
 */
export async function completeKeyReplacement(
  db: DaybookDatabase,
  headerKey: string,
  keys: () => RekeyKeys,
  options: KeyReplacementRunOptions = {},
): Promise<RekeyResult> {
  const check = () => void keys();
  const io = dexieRekeyIo(db, { ...options, check });
  const input: RekeyTaskInput = { keys: keys(), ...(options.batchSize ? { batchSize: options.batchSize } : {}) };
  const result = await runTask(rekeyWorker, input, {
    answer: (question) => answerRekeyQuestion(io, question),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  check(); // locked meanwhile: the previous key stays, for the next unlock to finish
  await guardStorage('write', () =>
    db.transaction('rw', db.meta, async () => {
      const stored = (await db.meta.get(headerKey))?.value as VaultHeader | undefined;
      if (stored?.retiring) await db.meta.put({ key: headerKey, value: endKeyReplacement(stored) });
    }),
  );
  return result;
}
