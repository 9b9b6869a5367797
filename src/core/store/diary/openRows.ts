// The diary's rows decrypted off the page's thread: in a worker for a diary large enough to be
// worth one, on the page for a small one (a worker's start costs more than a few hundred rows).
// In-process where there are no workers (tests).

import { DecryptionError } from '../../crypto';
import { retiringKeysOf } from '../../crypto/retiringKeys';
import { runTask, type WorkerTask } from '../../workers/runTask';
import type { EncryptedRow } from '../db';
import type { OpenRowsBatch, OpenRowsInput } from './openRowsTask';
import type { RevisionRecord } from './types';

/** From this many rows the worker pays for its start. */
export const WORKER_FROM_ROWS = 1000;
/** Records per batch the page takes at a time: a short task each, even on a slow phone. */
const BATCH = 1000;

export const openRowsWorker: WorkerTask<OpenRowsInput, RevisionRecord[], never, OpenRowsBatch, true> = {
  name: 'open-rows',
  // Written out literally here: Vite only bundles workers from this exact pattern.
  spawn: () => new Worker(new URL('./openRows.worker.ts', import.meta.url), { type: 'module', name: 'open-rows' }),
  inProcess: async () => (await import('./openRowsTask')).openRowsTask,
  errors: {
    DecryptionError: (_error, cause) => new DecryptionError('a row of the diary', { cause }),
  },
};

/** Decrypts `rows` (in chain order) under `key`, or the key it is replacing, into records in the same order. `worker`: tests only. */
export async function openRows(
  key: CryptoKey,
  rows: EncryptedRow[],
  open: (row: EncryptedRow) => Promise<RevisionRecord>,
  worker = openRowsWorker,
): Promise<RevisionRecord[]> {
  if (rows.length < WORKER_FROM_ROWS) return Promise.all(rows.map(open));
  const previous = retiringKeysOf(key)?.dataKey;
  const records: RevisionRecord[] = [];
  const input: OpenRowsInput = { keys: previous ? { current: key, previous } : { current: key }, rows, batch: BATCH };
  const rest = await runTask(worker, input, {
    answer: async ({ records: batch }) => {
      for (const record of batch) records.push(record);
      return true as const;
    },
  });
  for (const record of rest) records.push(record);
  if (records.length !== rows.length) throw new DecryptionError('rows missing from the worker');
  return records;
}
