// Opens the diary's rows at a load in their own worker (openRowsTask.ts), so decrypting and
// inflating a large diary does not hold the page's thread (the page parses each slice as it
// comes); on the page for a small diary (opensOnPage), and where there are no workers (tests)
// or the worker dies, so a load never fails for want of one.

import { isBytes } from '../../crypto/encoding';
import { DecryptionError, UnsupportedVaultError } from '../../crypto/errors';
import { parseRecordBytes } from '../../crypto/records';
import { keepMessage } from '../../workers/errorTransfer';
import {
  prewarmTask,
  runTask,
  setPrewarmedAside,
  TaskCancelledError,
  TaskFailedError,
  unlessCancelled,
  type WorkerTask,
} from '../../workers/runTask';
import { whenIdle } from '../../workers/whenIdle';
import { yieldToPage } from '../../workers/yieldToPage';
import type { EncryptedRow } from '../db';
import type { DiaryRowTable, OpenRowsAnswer, OpenRowsAsk, OpenRowsInput } from './openRowsTask';

const openRowsWorker: WorkerTask<OpenRowsInput, { opened: number }, never, OpenRowsAsk, OpenRowsAnswer> = {
  name: 'open-rows',
  // Written out literally here: Vite only bundles workers from this exact pattern.
  spawn: () => new Worker(new URL('./openRows.worker.ts', import.meta.url), { type: 'module', name: 'open-rows' }),
  inProcess: async () => (await import('./openRowsTask')).openRowsTask,
  errors: {
    DecryptionError: (error, cause) => keepMessage(new DecryptionError('', { cause }), error.message),
    UnsupportedVaultError: (error, cause) => keepMessage(new UnsupportedVaultError('', { cause }), error.message),
  },
};

/**
 * Starts the worker now (while the passphrase is typed), and loads the task's code for the page
 * too, so a load need not wait for either.
 */
export function prewarmOpenRows(): void {
  prewarmTask(openRowsWorker);
  openRowsWorker.inProcess().catch(() => undefined);
}

export interface RowGroup {
  table: DiaryRowTable;
  /** The rows in order: all of them, or those read so far while the rest arrive (see `arrived`). */
  rows: readonly EncryptedRow[];
  /** Rows per slice: each slice's values reach `take` in one turn of the page. */
  slice: number;
  /**
   * Rows per slice when the page opens the rows itself (opensOnPage); `slice` if not given.
   * Smaller, the page opens the first rows while the rest are still being read.
   */
  pageSlice?: number;
  /** How many rows the group has in all, for rows still arriving; `rows.length` if not given. */
  count?: number;
  /** For rows still arriving: resolves once the first `end` are in `rows`, rejects if the read failed. */
  arrived?: (end: number) => Promise<void>;
}

const countOf = (group: Pick<RowGroup, 'rows' | 'count'>): number => group.count ?? group.rows.length;

export interface OpenRowsOptions {
  keys: OpenRowsInput['keys'];
  /**
   * Called with each slice's values in order (group, place of its first row, values). What it
   * throws (a pack that is not what it should be) ends the task, the worker with it, and is
   * what openRows rejects with.
   */
  take: (group: number, from: number, values: unknown[]) => void;
  /** Reset before an in-process retry after the worker died: `take` will be called from the start again. */
  restart: () => void;
  /**
   * Throws once the rows may no longer be opened (the vault has locked). Asked before the keys
   * are sent, before each attempt and before every question is answered, so a lock ends the
   * worker at its next question and no row or key reaches it after.
   */
  check: () => void;
  /** Aborting ends the worker (TaskCancelledError): the vault has locked, or the load failed for another reason meanwhile. */
  signal?: AbortSignal;
}

/**
 * Whether the rows are opened on the page rather than in the worker: when each group is one
 * slice (storage.ts: up to 8 packs and 500 rows, so at most 575 records as a load leaves them,
 * about 500 incidents). The worker's messages and copies then cost more than the work: at 500
 * incidents, the bench harness's whole-diary load (builds alternating, 3 rounds of 12 loads a
 * side) had medians of 45, 41 and 42 ms against 51, 60 and 53. The page runs the same task with
 * the same checks, each group in its `pageSlice` (sliceSizes). Its longest turns are parsing and
 * checking a slice (as when the worker opens the rows: the page parses every slice either way)
 * and starting a slice's decryptions.
 */
export function opensOnPage(groups: readonly Pick<RowGroup, 'rows' | 'count' | 'slice'>[]): boolean {
  return groups.every((group) => countOf(group) <= group.slice);
}

/**
 * Rows per slice for each group as openRows will open them: each group's `pageSlice` where the
 * page opens them (opensOnPage), its `slice` where the worker does. A load reads its rows in runs
 * of the same size (storage.ts), so each slice is opened as soon as its run is read.
 */
export function sliceSizes(groups: readonly Pick<RowGroup, 'rows' | 'count' | 'slice' | 'pageSlice'>[]): number[] {
  const onPage = opensOnPage(groups);
  return groups.map((group) => {
    const size = onPage ? (group.pageSlice ?? group.slice) : group.slice;
    // Rows are read and opened in runs of this size: anything else would never reach the end.
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError('a slice is a whole number of rows, at least one');
    return size;
  });
}

/**
 * Every row of every group decrypted and parsed, handed to `take` a slice at a time in order.
 * Rejects with the error of the first slice in order that fails to open (DecryptionError), or
 * with what `take` or `check` threw.
 */
export async function openRows(groups: readonly RowGroup[], options: OpenRowsOptions): Promise<void> {
  options.check();
  if (opensOnPage(groups)) {
    // The worker started while the passphrase was typed (it holds no key) is not needed: set
    // aside now, so no later run takes it, and ended once the page is idle, not during the load.
    const endSpare = setPrewarmedAside(openRowsWorker);
    const sizes = sliceSizes(groups);
    try {
      await openRowsOnce(
        groups.map((group, i) => ({ ...group, slice: sizes[i] ?? group.slice })),
        options,
        false,
      );
    } finally {
      void whenIdle().then(endSpare);
    }
    return;
  }
  try {
    await openRowsOnce(groups, options, true);
  } catch (error) {
    // The worker died, its messages could not be read, or it asked what the page refused: the
    // page opens the rows itself.
    if (!(error instanceof TaskFailedError)) throw error;
    options.check();
    options.restart();
    await openRowsOnce(groups, options, false);
  }
}

/**
 * The page's side of the task's questions, for `groups`: each question checked like any message
 * from outside (a group that exists, rows asked for in order and never past the end, values
 * handed back only for rows sent, in order, one per row, no holes) before `take` sees anything.
 * A question that fails the check throws TaskFailedError; `complete` says whether every row has
 * been handed back.
 */
export function openRowsAnswerer(
  groups: readonly RowGroup[],
  take: OpenRowsOptions['take'],
): {
  answer: (question: OpenRowsAsk) => OpenRowsAnswer;
  rowsWanted: (question: OpenRowsAsk) => { group: RowGroup; end: number } | null;
  complete: () => boolean;
} {
  const sent = groups.map(() => 0);
  const taken = groups.map(() => 0);
  const refuse = (detail: string): never => {
    throw new TaskFailedError(`the worker asked ${detail}`);
  };
  /** The group and end of a question for the next rows that the answer would give, or null for any other question. */
  const rowsWanted = (question: OpenRowsAsk): { group: RowGroup; end: number } | null => {
    if (typeof question !== 'object' || question === null || question.kind !== 'rows') return null;
    const { group: at, from, count } = question as { group: unknown; from: unknown; count: unknown };
    if (typeof at !== 'number' || !Number.isSafeInteger(at) || typeof from !== 'number' || typeof count !== 'number') return null;
    const group = groups[at];
    if (!group || at < 0 || from !== sent[at] || !Number.isSafeInteger(count) || count < 1 || count > group.slice) return null;
    return from + count > countOf(group) ? null : { group, end: from + count };
  };
  const answer = (question: OpenRowsAsk): OpenRowsAnswer => {
    if (typeof question !== 'object' || question === null) return refuse('nothing a worker asks');
    const at: unknown = question.group;
    if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0 || at >= groups.length) return refuse('for a group it does not have');
    const group = groups[at];
    const sentHere = sent[at];
    const takenHere = taken[at];
    if (!group || sentHere === undefined || takenHere === undefined || !Number.isSafeInteger(question.from))
      return refuse('for a place that is not one');
    if (question.kind === 'rows') {
      const { from, count } = question;
      if (from !== sentHere || !Number.isSafeInteger(count) || count < 1 || count > group.slice || from + count > countOf(group))
        return refuse('for rows out of order');
      // Rows still arriving are waited for before the question is answered (openRowsOnce).
      if (from + count > group.rows.length) return refuse('for rows not yet read');
      sent[at] = from + count;
      return { rows: group.rows.slice(from, from + count) };
    }
    if (question.kind !== 'opened') return refuse('something it may not');
    const { from, values } = question;
    if (from !== takenHere || !Array.isArray(values) || values.length < 1 || from + values.length > sentHere)
      return refuse('to hand back rows it was not sent');
    // A structured clone can carry an array with holes, which JSON never does: one value per row,
    // each a row's plaintext, parsed here (openRowsTask.ts says why here).
    const plaintexts: Uint8Array[] = [];
    for (let i = 0; i < values.length; i += 1) {
      if (!(i in values)) return refuse('to hand back fewer values than rows');
      const value: unknown = values[i];
      if (!isBytes(value)) return refuse('to hand back a row that is not bytes');
      plaintexts.push(value);
    }
    const whole = plaintexts.map((plaintext) => parseRecordBytes<unknown>(plaintext));
    taken[at] = from + whole.length;
    take(at, from, whole);
    return null;
  };
  return { answer, rowsWanted, complete: () => groups.every((group, i) => taken[i] === countOf(group)) };
}

async function openRowsOnce(groups: readonly RowGroup[], { keys, take, check, signal }: OpenRowsOptions, inWorker: boolean): Promise<void> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) stop.abort();
  // The first error of the page's own, if any (a closure sets it, so it is held in an object).
  const failure: { error?: unknown; happened: boolean } = { happened: false };
  // Once this attempt has ended, a question still on its way (a worker's last message) is refused:
  // nothing of it reaches a retry's results.
  let ended = false;
  const answerer = openRowsAnswerer(groups, take);
  const endedMeanwhile = () => {
    if (ended) throw new TaskFailedError('the worker asked after its task ended');
  };
  // Questions for rows are answered one after another, each once its rows have been read (the
  // worker asks for the next slice before the last one is answered), and checked only then.
  let rowsTurn: Promise<unknown> = Promise.resolve();
  const answerRows = (question: OpenRowsAsk): Promise<OpenRowsAnswer> => {
    const mine = rowsTurn.then(async () => {
      check();
      const wanted = answerer.rowsWanted(question);
      if (wanted?.group.arrived && wanted.end > wanted.group.rows.length)
        await unlessCancelled(wanted.group.arrived(wanted.end), stop.signal);
      endedMeanwhile();
      check();
      return answerer.answer(question);
    });
    rowsTurn = mine.catch(() => undefined);
    return mine;
  };
  const answer = async (question: OpenRowsAsk): Promise<OpenRowsAnswer> => {
    try {
      endedMeanwhile();
      if (typeof question !== 'object' || question === null || question.kind !== 'opened') return await answerRows(question);
      // The page takes a turn before each slice is taken, wherever the task runs (in-process,
      // nothing else would give it one), then checks the vault is still unlocked.
      await yieldToPage();
      endedMeanwhile();
      check();
      return answerer.answer(question);
    } catch (error) {
      // Ended here rather than sent to the worker: the page's own error is the one to report.
      if (!failure.happened) Object.assign(failure, { error, happened: true });
      stop.abort();
      throw error;
    }
  };
  const input: OpenRowsInput = {
    keys,
    groups: groups.map((group) => ({ table: group.table, count: countOf(group) })),
    slice: groups.map(({ slice }) => slice),
  };
  try {
    if (inWorker) await runTask(openRowsWorker, input, { signal: stop.signal, answer, beforeRun: check });
    else {
      const task = await openRowsWorker.inProcess();
      if (stop.signal.aborted) throw new TaskCancelledError();
      // Ended at the abort itself, as a worker is, not at the task's next question: decryptions
      // already started finish on their own, and nothing of them is taken.
      await unlessCancelled(task(input, { signal: stop.signal, progress: () => undefined, ask: answer }), stop.signal);
    }
  } catch (error) {
    throw failure.happened ? failure.error : error;
  } finally {
    ended = true;
    // A question of this attempt still waiting for its rows stops waiting.
    stop.abort();
    signal?.removeEventListener('abort', onAbort);
  }
  if (failure.happened) throw failure.error;
  // A task that ended early has opened less than it was given: no load may take that as the diary.
  if (!answerer.complete()) throw new TaskFailedError('the worker opened fewer rows than it was sent');
}
