// Opening the diary's rows at a load as a worker task (core/workers): the worker decrypts each
// row (and inflates a pack written compressed), and hands the page the plaintext a slice at a
// time, its buffers transferred, not copied. The page parses and checks it (openRowsInWorker.ts):
// at 50,000 incidents the worker parsing the JSON and cloning the values back (about 2.5 s of
// its thread) held the load up while the page was mostly idle; parsing on the page costs it
// about 1.3 s, a slice at a time. Workers never touch the database: the page answers each
// question for rows with the slice it read.

import { DecryptionError } from '../../crypto/errors';
import { openRecordBytes } from '../../crypto/records';
import type { TaskFunction } from '../../workers/protocol';
import type { EncryptedRow } from '../db';

/** The tables a load reads records from. */
export type DiaryRowTable = 'packs' | 'revisions';

export interface OpenRowsInput {
  /**
   * The vault's data key, and while it is being replaced the previous one, for a row not yet
   * re-encrypted (crypto/retiringKeys.ts). Cloned into the worker, which ends with the task.
   */
  keys: { current: CryptoKey; previous: CryptoKey | null };
  /** The rows to open, by table, in the order the page read them: only their counts are sent. */
  groups: readonly { table: DiaryRowTable; count: number }[];
  /** Rows per question, for each group. */
  slice: readonly number[];
}

/** The worker's questions: the next rows of a group, or the values it opened from them. */
export type OpenRowsAsk =
  { kind: 'rows'; group: number; from: number; count: number } | { kind: 'opened'; group: number; from: number; values: Uint8Array[] };

/** The page's answers: the rows asked for (to 'rows'), nothing (to 'opened'). */
export type OpenRowsAnswer = { rows: readonly EncryptedRow[] } | null;

export class OpenRowsInputError extends Error {
  override readonly name = 'OpenRowsInputError';
}

/** As openRecord (encryptedTable.ts), with the previous key given rather than looked up, and not parsed. */
async function openRow(keys: OpenRowsInput['keys'], table: DiaryRowTable, row: EncryptedRow): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return await openRecordBytes(keys.current, table, row.id, row);
  } catch (error) {
    if (!(error instanceof DecryptionError) || !keys.previous) throw error;
    return openRecordBytes(keys.previous, table, row.id, row);
  }
}

/**
 * Each value in a buffer of its own, whole, so that moving the buffers to the page moves nothing
 * else and none twice. openRecordBytes gives them so; a copy is made of any that is not.
 */
export function ownBuffers(values: readonly Uint8Array<ArrayBuffer>[]): Uint8Array<ArrayBuffer>[] {
  const seen = new Set<ArrayBuffer>();
  return values.map((value) => {
    const whole = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
    const own = whole && !seen.has(value.buffer) ? value : value.slice();
    seen.add(own.buffer);
    return own;
  });
}

/** One question's worth of a group's rows. */
interface RowSlice {
  group: number;
  table: DiaryRowTable;
  from: number;
  count: number;
}

/** Every group's slices in order, made as they are wanted; each group's count and slice size checked first. */
function slicesOf({ groups, slice }: Pick<OpenRowsInput, 'groups' | 'slice'>): Iterator<RowSlice> {
  const sizes = groups.map(({ count }, group) => {
    const size = slice[group];
    if (!Number.isSafeInteger(count) || count < 0 || size === undefined || !Number.isSafeInteger(size) || size < 1) {
      throw new OpenRowsInputError('counts and slices must be whole numbers');
    }
    return size;
  });
  return (function* () {
    for (const [group, { table, count }] of groups.entries()) {
      const size = sizes[group] as number;
      for (let from = 0; from < count; from += size) yield { group, table, from, count: Math.min(size, count - from) };
    }
  })();
}

/**
 * Every group's rows, a slice at a time: asks for a slice, opens it, and hands the values back in
 * order, opening the next slice while the page takes one (one ahead, never more, so memory stays
 * bounded), the next group's first slice too: a small diary's loose rows are opened while its
 * packs are inflated, not after. The first row that fails to open fails the task with its error;
 * nothing after it is handed back.
 */
export const openRowsTask: TaskFunction<OpenRowsInput, { opened: number }, never, OpenRowsAsk, OpenRowsAnswer> = async (
  { keys, groups, slice },
  context,
) => {
  const slices = slicesOf({ groups, slice });
  const openSlice = async ({ group, table, from, count }: RowSlice): Promise<Uint8Array<ArrayBuffer>[]> => {
    const answer = await context.ask({ kind: 'rows', group, from, count });
    if (answer === null || answer.rows.length !== count) throw new OpenRowsInputError('the page sent another number of rows');
    return Promise.all(answer.rows.map((row) => openRow(keys, table, row)));
  };
  let opened = 0;
  const nextSlice = (): { slice: RowSlice; values: Promise<Uint8Array<ArrayBuffer>[]> } | undefined => {
    const { done, value } = slices.next();
    if (done) return undefined;
    const values = openSlice(value);
    // Marked handled: its failure is reported when its turn comes, unless an earlier slice fails or the task ends first.
    values.catch(() => undefined);
    return { slice: value, values };
  };
  for (let ahead = nextSlice(); ahead;) {
    const current = ahead;
    ahead = nextSlice();
    const values = ownBuffers(await current.values);
    context.signal.throwIfAborted();
    const { group, from } = current.slice;
    // Moved to the page, not copied: the task never reads them again.
    await context.ask(
      { kind: 'opened', group, from, values },
      values.map((value) => value.buffer),
    );
    opened += values.length;
  }
  return { opened };
};
