// Decrypting the diary's rows as a worker task (core/workers): the page reads the encrypted rows
// from IndexedDB and hands them over; the worker decrypts and parses each, bound to the
// revisions table and its row id as always, and sends the records back in batches, so the page
// takes them a batch at a time and stays responsive (Quick exit above all) while a large diary
// loads. Workers never touch the database themselves.

import { decryptRecord, DecryptionError } from '../../crypto';
import type { TaskFunction } from '../../workers/protocol';
import type { EncryptedRow } from '../db';
import type { RevisionRecord } from './types';

export interface OpenRowsInput {
  /** The data key, and the previous one while the data key is being replaced (crypto/retiringKeys.ts). */
  keys: { current: CryptoKey; previous?: CryptoKey };
  rows: EncryptedRow[];
  /** Records per batch sent back. */
  batch: number;
}

/**
 * A batch of records, in the order of the rows given, handed to the page as a question (progress
 * messages are coalesced, latest wins: batches must all arrive). The page's answer says it has
 * them, so at most one batch waits on the page while the worker decrypts the next.
 */
export interface OpenRowsBatch {
  records: RevisionRecord[];
}

async function openRow(keys: OpenRowsInput['keys'], row: EncryptedRow): Promise<RevisionRecord> {
  try {
    return await decryptRecord<RevisionRecord>(keys.current, 'revisions', row.id, row);
  } catch (error) {
    if (!(error instanceof DecryptionError) || !keys.previous) throw error;
    return decryptRecord<RevisionRecord>(keys.previous, 'revisions', row.id, row);
  }
}

/**
 * Decrypts every row; each batch but the last goes to the page as it is done, the last as the result.
 * Any row that does not decrypt rejects the whole task with DecryptionError, as reading on the
 * page does: a diary is read whole or not at all.
 */
export const openRowsTask: TaskFunction<OpenRowsInput, RevisionRecord[], never, OpenRowsBatch, true> = async (
  { keys, rows, batch },
  context,
) => {
  let pending: RevisionRecord[] = [];
  let handed: Promise<true> = Promise.resolve(true);
  for (let start = 0; start < rows.length; start += batch) {
    // WebCrypto runs a batch's decryptions side by side.
    const records = await Promise.all(rows.slice(start, start + batch).map((row) => openRow(keys, row)));
    if (context.signal.aborted) throw new DOMException('Stopped', 'AbortError');
    if (pending.length > 0) {
      await handed;
      handed = context.ask({ records: pending });
    }
    pending = records;
  }
  await handed;
  return pending;
};
