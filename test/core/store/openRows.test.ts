// Opening the diary's rows at a load through the open-rows task (core/store/diary/openRowsInWorker.ts
// and openRowsTask.ts). Under Vitest there are no workers, so the task runs in-process; what the
// page checks of the worker's questions is tested on its own (openRowsAnswerer), as a reader of
// messages from outside.

import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DecryptionError, encryptRecord, UnsupportedVaultError } from '../../../src/core/crypto';
import type { EncryptedRow } from '../../../src/core/store/db';
import {
  openRows,
  openRowsAnswerer,
  opensOnPage,
  prewarmOpenRows,
  sliceSizes,
  type RowGroup,
} from '../../../src/core/store/diary/openRowsInWorker';
import { openRowsTask, ownBuffers, type OpenRowsAsk } from '../../../src/core/store/diary/openRowsTask';
import { VerifyChainWorkerStub } from '../evidence/verifyChainWorkerStub';
import { TaskCancelledError, TaskFailedError } from '../../../src/core/workers/runTask';

const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']) as Promise<CryptoKey>;

async function rowsOf(key: CryptoKey, table: 'packs' | 'revisions', values: readonly unknown[]): Promise<EncryptedRow[]> {
  return Promise.all(
    values.map(async (value, i) => ({
      id: String(i).padStart(10, '0'),
      ...(await encryptRecord(key, table, String(i).padStart(10, '0'), value)),
    })),
  );
}

const valuesOf = (count: number, tag: string) => Array.from({ length: count }, (_, i) => ({ tag, i, text: `zażółć ${i}` }));

/** Everything handed to `take`, by group, and the calls in order. */
function collector() {
  const taken: unknown[][] = [[], []];
  const calls: [number, number, number][] = [];
  return {
    taken,
    calls,
    take: (group: number, from: number, values: unknown[]) => {
      calls.push([group, from, values.length]);
      taken[group]?.push(...values);
    },
    restart: () => {
      taken.forEach((list) => (list.length = 0));
      calls.length = 0;
    },
    check: () => undefined,
  };
}

describe('openRows', () => {
  it('hands every group’s values back in order, a slice per call, each as it was encrypted', async () => {
    const key = await newKey();
    const packs = valuesOf(21, 'pack');
    const rows = valuesOf(7, 'row');
    const groups: RowGroup[] = [
      { table: 'packs', rows: await rowsOf(key, 'packs', packs), slice: 4 },
      { table: 'revisions', rows: await rowsOf(key, 'revisions', rows), slice: 5 },
    ];
    const seen = collector();
    await openRows(groups, { keys: { current: key, previous: null }, ...seen });
    expect(seen.taken).toEqual([packs, rows]);
    expect(seen.calls).toEqual([
      [0, 0, 4],
      [0, 4, 4],
      [0, 8, 4],
      [0, 12, 4],
      [0, 16, 4],
      [0, 20, 1],
      [1, 0, 5],
      [1, 5, 2],
    ]);
  });

  it('opens a row still under the previous key while that key is being replaced, and only then', async () => {
    const [current, previous] = await Promise.all([newKey(), newKey()]);
    const values = valuesOf(3, 'old');
    const old = await rowsOf(previous, 'revisions', values);
    const groups: RowGroup[] = [{ table: 'revisions', rows: old, slice: 2 }];
    const seen = collector();
    await openRows(groups, { keys: { current, previous }, ...seen });
    expect(seen.taken[0]).toEqual(values);
    await expect(openRows(groups, { keys: { current, previous: null }, ...collector() })).rejects.toBeInstanceOf(DecryptionError);
  });

  it('a row bound to another table or place does not open: DecryptionError, and nothing after it is handed back', async () => {
    const key = await newKey();
    const rows = await rowsOf(key, 'revisions', valuesOf(6, 'row'));
    const moved = rows.map((row, i) => (i === 3 ? { ...row, id: rows[4]?.id ?? '' } : row));
    const seen = collector();
    await expect(
      openRows([{ table: 'revisions', rows: moved, slice: 2 }], { keys: { current: key, previous: null }, ...seen }),
    ).rejects.toBeInstanceOf(DecryptionError);
    expect(seen.taken[0]).toHaveLength(2);
    // The same rows read as packs are bound to another table.
    await expect(
      openRows([{ table: 'packs', rows, slice: 2 }], { keys: { current: key, previous: null }, ...collector() }),
    ).rejects.toBeInstanceOf(DecryptionError);
  });

  it('what take throws (a pack out of place) is what the load fails with, and it is not tried again', async () => {
    const key = await newKey();
    const rows = await rowsOf(key, 'revisions', valuesOf(6, 'row'));
    class Misplaced extends Error {}
    let calls = 0;
    let restarts = 0;
    const failure = openRows([{ table: 'revisions', rows, slice: 2 }], {
      keys: { current: key, previous: null },
      take: () => {
        calls += 1;
        if (calls === 2) throw new Misplaced('misplaced');
      },
      restart: () => (restarts += 1),
      check: () => undefined,
    });
    await expect(failure).rejects.toBeInstanceOf(Misplaced);
    expect(calls).toBe(2);
    expect(restarts).toBe(0);
  });

  it('a lock (check throws) stops the rows at the next question: nothing more is taken, and it is not tried again', async () => {
    const key = await newKey();
    const rows = await rowsOf(key, 'revisions', valuesOf(6, 'row'));
    class Locked extends Error {}
    let locked = false;
    let restarts = 0;
    const seen = collector();
    const failure = openRows([{ table: 'revisions', rows, slice: 2 }], {
      keys: { current: key, previous: null },
      take: (group, from, values) => {
        seen.take(group, from, values);
        locked = true;
      },
      restart: () => (restarts += 1),
      check: () => {
        if (locked) throw new Locked('locked');
      },
    });
    await expect(failure).rejects.toBeInstanceOf(Locked);
    expect(seen.taken[0]).toHaveLength(2);
    expect(restarts).toBe(0);
    // Locked before it starts: nothing is opened at all.
    const none = collector();
    await expect(
      openRows([{ table: 'revisions', rows, slice: 2 }], {
        ...none,
        keys: { current: key, previous: null },
        check: () => {
          throw new Locked('locked');
        },
      }),
    ).rejects.toBeInstanceOf(Locked);
    expect(none.calls).toEqual([]);
  });

  it('a worker that dies (TaskFailedError) is replaced by opening in-process from the start', async () => {
    const key = await newKey();
    const values = valuesOf(6, 'row');
    const rows = await rowsOf(key, 'revisions', values);
    const seen = collector();
    let failed = false;
    let restarts = 0;
    await openRows([{ table: 'revisions', rows, slice: 2 }], {
      keys: { current: key, previous: null },
      take: (group, from, taken) => {
        if (from === 2 && !failed) {
          failed = true;
          throw new TaskFailedError('a message could not be read');
        }
        seen.take(group, from, taken);
      },
      restart: () => {
        restarts += 1;
        seen.restart();
      },
      check: () => undefined,
    });
    expect(restarts).toBe(1);
    expect(seen.taken[0]).toEqual(values);
  });
});

describe('opensOnPage', () => {
  const group = (count: number, slice: number, read = count): RowGroup => ({
    table: 'revisions',
    rows: Array.from({ length: read }, (_, i) => ({ id: String(i), v: 1, iv: new Uint8Array(12), data: new Uint8Array(16) })),
    count,
    slice,
  });

  it('is true only when every group holds at most one slice, counting rows still to arrive', () => {
    expect(opensOnPage([])).toBe(true);
    expect(opensOnPage([group(0, 8), group(500, 500)])).toBe(true);
    expect(opensOnPage([group(8, 8), group(0, 500)])).toBe(true);
    expect(opensOnPage([group(9, 8), group(0, 500)])).toBe(false);
    expect(opensOnPage([group(8, 8), group(501, 500)])).toBe(false);
    // Judged by how many rows the group has in all, not by how many have been read so far.
    expect(opensOnPage([group(9, 8, 0)])).toBe(false);
  });

  it('sliceSizes gives each group its page slice where the page opens the rows, its slice where the worker does', () => {
    const paged = (count: number, slice: number, pageSlice?: number): RowGroup => ({ ...group(count, slice), pageSlice });
    expect(sliceSizes([paged(8, 8, 1), paged(500, 500)])).toEqual([1, 500]);
    expect(sliceSizes([paged(8, 8, 3), paged(2, 500, 2)])).toEqual([3, 2]);
    // One group over its slice: the worker opens every group, each in its own slice.
    expect(sliceSizes([paged(9, 8, 1), paged(500, 500)])).toEqual([8, 500]);
    expect(sliceSizes([paged(8, 8, 1), paged(501, 500, 4)])).toEqual([8, 500]);
    expect(sliceSizes([])).toEqual([]);
    // A size that is not a whole number of at least one would read and open nothing, for ever.
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => sliceSizes([paged(1, 8, bad)])).toThrow(RangeError);
      expect(() => sliceSizes([paged(9, bad)])).toThrow(RangeError);
    }
  });
});

describe('openRows: rows still arriving', () => {
  it('each question waits for its rows; the values come back in order, all of them', async () => {
    const key = await newKey();
    const values = valuesOf(11, 'row');
    const all = await rowsOf(key, 'revisions', values);
    const rows: EncryptedRow[] = [];
    const waiting: { end: number; resolve: () => void }[] = [];
    const arrived = (end: number) =>
      rows.length >= end ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ end, resolve }));
    const seen = collector();
    const opening = openRows([{ table: 'revisions', rows, count: all.length, arrived, slice: 3 }], {
      keys: { current: key, previous: null },
      ...seen,
    });
    // The rows come two at a time, each a few turns later.
    for (let at = 0; at < all.length; at += 2) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(seen.taken[0]?.length ?? 0).toBeLessThanOrEqual(rows.length);
      rows.push(...all.slice(at, at + 2));
      waiting.filter((waiter) => waiter.end <= rows.length).forEach((waiter) => waiter.resolve());
    }
    await opening;
    expect(seen.taken[0]).toEqual(values);
  });

  it('a read that fails while the worker waits fails openRows with the read’s error, not a retry', async () => {
    const key = await newKey();
    const all = await rowsOf(key, 'revisions', valuesOf(6, 'row'));
    const rows = all.slice(0, 3);
    const failure = new Error('the disk could not be read');
    const seen = collector();
    const restart = vi.fn(seen.restart);
    await expect(
      openRows(
        [
          {
            table: 'revisions',
            rows,
            count: all.length,
            arrived: (end) => (end <= 3 ? Promise.resolve() : Promise.reject(failure)),
            slice: 3,
          },
        ],
        {
          keys: { current: key, previous: null },
          ...seen,
          restart,
        },
      ),
    ).rejects.toBe(failure);
    expect(restart).not.toHaveBeenCalled();
  });
});

describe('openRows on the page (every group one slice)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    VerifyChainWorkerStub.reset();
  });

  it('a row that does not open fails the load with DecryptionError, nothing is taken, and the worker set aside is still ended', async () => {
    vi.stubGlobal('Worker', VerifyChainWorkerStub);
    const key = await newKey();
    const rows = await rowsOf(key, 'revisions', valuesOf(5, 'row'));
    const tampered = rows.map((row, i) => (i === 3 ? { ...row, iv: row.iv.map((byte) => byte ^ 1) } : row));
    prewarmOpenRows();
    const seen = collector();
    await expect(
      openRows([{ table: 'revisions', rows: tampered, slice: 5 }], { ...seen, keys: { current: key, previous: null } }),
    ).rejects.toBeInstanceOf(DecryptionError);
    expect(seen.calls).toEqual([]);
    await expect.poll(() => VerifyChainWorkerStub.spawned.map((worker) => worker.terminated)).toEqual([true]);
  });

  it('a lock seen after the first page slice is taken (one pack of three) fails the load as the lock says, with nothing more taken and no second try', async () => {
    const key = await newKey();
    class Locked extends Error {}
    let locked = false;
    let restarts = 0;
    const seen = collector();
    const failure = openRows(
      [
        { table: 'packs', rows: await rowsOf(key, 'packs', valuesOf(3, 'pack')), slice: 8, pageSlice: 1 },
        { table: 'revisions', rows: await rowsOf(key, 'revisions', valuesOf(2, 'row')), slice: 500 },
      ],
      {
        keys: { current: key, previous: null },
        take: (group, from, values) => {
          seen.take(group, from, values);
          locked = true;
        },
        restart: () => (restarts += 1),
        check: () => {
          if (locked) throw new Locked('locked');
        },
      },
    );
    await expect(failure).rejects.toBeInstanceOf(Locked);
    expect(seen.calls).toEqual([[0, 0, 1]]);
    expect(restarts).toBe(0);
  });

  it('an abort while rows are being decrypted ends the load at once with TaskCancelledError, not when the decryption ends', async () => {
    const key = await newKey();
    const rows = await rowsOf(key, 'revisions', valuesOf(3, 'row'));
    // A decryption that never ends: only the abort can end the load.
    const decrypting = vi.spyOn(crypto.subtle, 'decrypt').mockImplementation(() => new Promise<ArrayBuffer>(() => undefined));
    const stop = new AbortController();
    const seen = collector();
    const opening = openRows([{ table: 'revisions', rows, slice: 3 }], {
      ...seen,
      keys: { current: key, previous: null },
      signal: stop.signal,
    });
    await expect.poll(() => decrypting.mock.calls.length).toBe(3);
    stop.abort();
    await expect(opening).rejects.toBeInstanceOf(TaskCancelledError);
    expect(seen.calls).toEqual([]);
  });
});

describe('openRows: a stop while a question waits for rows', () => {
  it('aborting the signal while a question waits for rows that never come ends the task with TaskCancelledError (no hang)', async () => {
    const key = await newKey();
    const all = await rowsOf(key, 'revisions', valuesOf(6, 'row'));
    const stop = new AbortController();
    const seen = collector();
    const opening = openRows(
      [{ table: 'revisions', rows: all.slice(0, 3), count: 6, arrived: () => new Promise(() => undefined), slice: 3 }],
      {
        keys: { current: key, previous: null },
        ...seen,
        signal: stop.signal,
      },
    );
    await vi.waitFor(() => expect(seen.taken[0]).toHaveLength(3));
    stop.abort();
    await expect(opening).rejects.toBeInstanceOf(TaskCancelledError);
  });

  it('a lock (check) while a question waits is seen once its rows have come: they are not sent', async () => {
    const key = await newKey();
    const all = await rowsOf(key, 'revisions', valuesOf(6, 'row'));
    const rows = all.slice(0, 3);
    let locked = false;
    let arrive = () => {};
    const arrived = () =>
      new Promise<void>((resolve) => {
        arrive = resolve;
      });
    const seen = collector();
    const opening = openRows([{ table: 'revisions', rows, count: 6, arrived, slice: 3 }], {
      keys: { current: key, previous: null },
      ...seen,
      check: () => {
        if (locked) throw new Error('locked');
      },
    });
    await vi.waitFor(() => expect(seen.taken[0]).toHaveLength(3));
    locked = true;
    rows.push(...all.slice(3));
    arrive();
    await expect(opening).rejects.toThrow('locked');
    expect(seen.taken[0]).toHaveLength(3);
  });
});

describe('openRowsAnswerer: the worker’s questions, checked', () => {
  /** A row's plaintext as the worker hands it back: the bytes of its JSON. */
  const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
  const rowsFor = (count: number): EncryptedRow[] =>
    Array.from({ length: count }, (_, i) => ({ id: String(i), v: 1, iv: new Uint8Array(12), data: new Uint8Array(17) }));

  it('answers questions in order and refuses the rest with TaskFailedError', () => {
    const groups: RowGroup[] = [{ table: 'packs', rows: rowsFor(5), slice: 2 }];
    const taken: [number, number][] = [];
    const { answer, complete } = openRowsAnswerer(groups, (_g, from, values) => taken.push([from, values.length]));
    expect(() => answer({ kind: 'rows', group: 0, from: 2, count: 2 })).toThrow(TaskFailedError); // not from the start
    expect(() => answer({ kind: 'rows', group: 0, from: 0, count: 3 })).toThrow(TaskFailedError); // more than a slice
    expect(() => answer({ kind: 'rows', group: 1, from: 0, count: 1 })).toThrow(TaskFailedError); // no such group
    expect(() => answer({ kind: 'opened', group: 0, from: 0, values: [json(1)] })).toThrow(TaskFailedError); // nothing sent yet
    expect(answer({ kind: 'rows', group: 0, from: 0, count: 2 })).toEqual({ rows: groups[0]?.rows.slice(0, 2) });
    expect(() => answer({ kind: 'opened', group: 0, from: 0, values: [json(1), json(2), json(3)] })).toThrow(TaskFailedError); // more than sent
    expect(answer({ kind: 'opened', group: 0, from: 0, values: [json(1), json(2)] })).toBeNull();
    expect(() => answer({ kind: 'opened', group: 0, from: 0, values: [json(1), json(2)] })).toThrow(TaskFailedError); // again
    // A group given as text (an array takes '0' as 0): refused.
    expect(() => answer({ kind: 'rows', group: '0' as unknown as number, from: 2, count: 1 })).toThrow(TaskFailedError);
    expect(complete()).toBe(false);
    expect(answer({ kind: 'rows', group: 0, from: 2, count: 2 })).not.toBeNull();
    // Values with a hole, for rows that were sent: refused.
    // eslint-disable-next-line no-sparse-arrays
    expect(() => answer({ kind: 'opened', group: 0, from: 2, values: [, json(4)] as unknown as Uint8Array[] })).toThrow(TaskFailedError);
    expect(answer({ kind: 'rows', group: 0, from: 4, count: 1 })).not.toBeNull();
    expect(() => answer({ kind: 'rows', group: 0, from: 5, count: 1 })).toThrow(TaskFailedError); // past the end
    answer({ kind: 'opened', group: 0, from: 2, values: [json(3), json(4), json(5)] });
    expect(complete()).toBe(true);
    expect(taken).toEqual([
      [0, 2],
      [2, 3],
    ]);
  });

  it('parses what the worker hands back, and refuses anything but the bytes of JSON', () => {
    const groups: RowGroup[] = [{ table: 'revisions', rows: rowsFor(2), slice: 2 }];
    const taken: unknown[] = [];
    const { answer } = openRowsAnswerer(groups, (_g, _from, values) => taken.push(...values));
    answer({ kind: 'rows', group: 0, from: 0, count: 2 });
    // A value already parsed, or text: not a row's plaintext.
    expect(() => answer({ kind: 'opened', group: 0, from: 0, values: [{ link: {} }, json(2)] as unknown as Uint8Array[] })).toThrow(
      TaskFailedError,
    );
    expect(() => answer({ kind: 'opened', group: 0, from: 0, values: ['{}', json(2)] as unknown as Uint8Array[] })).toThrow(
      TaskFailedError,
    );
    // Bytes that are not UTF-8, or not JSON: damaged, as a record that does not parse is.
    expect(() => answer({ kind: 'opened', group: 0, from: 0, values: [new Uint8Array([0xff]), json(2)] })).toThrow(DecryptionError);
    // A view into a larger buffer reads only its own bytes.
    expect(answer({ kind: 'opened', group: 0, from: 0, values: [json([1]).subarray(1, 2), json(2)] })).toBeNull();
    expect(taken).toEqual([1, 2]);
    expect(() => answer({ kind: 'opened', group: 0, from: 0, values: [json({ a: 1 })] })).toThrow(TaskFailedError); // taken already
  });

  it('says which rows a question waits for only when it is the next question for rows, well formed', () => {
    const rows = rowsFor(2);
    const group: RowGroup = { table: 'revisions', rows, count: 6, arrived: () => Promise.resolve(), slice: 3 };
    const { rowsWanted } = openRowsAnswerer([group], () => undefined);
    expect(rowsWanted({ kind: 'rows', group: 0, from: 0, count: 3 })).toEqual({ group, end: 3 });
    expect(rowsWanted({ kind: 'rows', group: 0, from: 3, count: 3 })).toBeNull(); // not the next
    expect(rowsWanted({ kind: 'rows', group: 0, from: 0, count: 4 })).toBeNull(); // more than a slice
    expect(rowsWanted({ kind: 'rows', group: 1, from: 0, count: 1 })).toBeNull(); // no such group
    expect(rowsWanted({ kind: 'rows', group: 0, from: 1n, count: 1 } as unknown as OpenRowsAsk)).toBeNull(); // not a number
    expect(rowsWanted(null as unknown as OpenRowsAsk)).toBeNull();
    expect(rowsWanted({ kind: 'opened', group: 0, from: 0, values: [] })).toBeNull();
  });

  it('refuses rows the group has but has not read yet', () => {
    const rows = rowsFor(2);
    const { answer } = openRowsAnswerer(
      [{ table: 'revisions', rows, count: 5, arrived: () => Promise.resolve(), slice: 4 }],
      () => undefined,
    );
    expect(() => answer({ kind: 'rows', group: 0, from: 0, count: 3 })).toThrow(TaskFailedError);
    rows.push(...rowsFor(3));
    expect(answer({ kind: 'rows', group: 0, from: 0, count: 3 })).toEqual({ rows: rows.slice(0, 3) });
    expect(() => answer({ kind: 'rows', group: 0, from: 3, count: 3 })).toThrow(TaskFailedError); // past its count
  });

  it('whatever the questions, take sees each row’s value at most once, in order, and only for rows sent', () => {
    const question = fc.oneof(
      fc.record({
        kind: fc.constant('rows' as const),
        group: fc.integer({ min: -1, max: 2 }),
        from: fc.integer({ min: -2, max: 12 }),
        count: fc.integer({ min: -1, max: 5 }),
      }),
      fc.record({
        kind: fc.constant('opened' as const),
        group: fc.integer({ min: -1, max: 2 }),
        from: fc.integer({ min: -2, max: 12 }),
        // Mostly rows' plaintext as the worker hands it back (the bytes of JSON), some anything else.
        values: fc.array(
          fc.oneof(
            { arbitrary: fc.jsonValue().map((value) => new TextEncoder().encode(JSON.stringify(value))), weight: 4 },
            { arbitrary: fc.anything(), weight: 1 },
          ),
          { maxLength: 6 },
        ),
      }),
    );
    fc.assert(
      fc.property(fc.array(question, { maxLength: 40 }), (questions) => {
        const groups: RowGroup[] = [
          { table: 'packs', rows: rowsFor(7), slice: 3 },
          { table: 'revisions', rows: rowsFor(4), slice: 2 },
        ];
        const next = [0, 0];
        const sent = [0, 0];
        const { answer, complete } = openRowsAnswerer(groups, (group, from, values) => {
          expect([0, 1]).toContain(group);
          expect(from).toBe(next[group]);
          expect(Object.keys(values)).toHaveLength(values.length); // no holes
          next[group] = from + values.length;
          expect(next[group]).toBeLessThanOrEqual(sent[group] ?? 0);
        });
        for (const q of questions as OpenRowsAsk[]) {
          let reply: ReturnType<typeof answer> | undefined;
          try {
            reply = answer(q);
          } catch (error) {
            expect(error).toBeInstanceOf(TaskFailedError);
            continue;
          }
          if (q.kind === 'rows' && reply) {
            expect(reply.rows).toEqual(groups[q.group]?.rows.slice(q.from, q.from + q.count));
            sent[q.group] = q.from + q.count;
          }
        }
        expect(complete()).toBe(next[0] === 7 && next[1] === 4);
      }),
    );
  });
});

// The same through runTask's worker path: a stand-in Worker serving the task over a MessageChannel,
// so keys, rows, values and errors are structured-cloned as between a page and a worker.
describe('openRows through a worker', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    VerifyChainWorkerStub.reset();
  });
  const serve = (task: unknown) => {
    vi.stubGlobal('Worker', VerifyChainWorkerStub);
    VerifyChainWorkerStub.task = task as typeof VerifyChainWorkerStub.task;
  };
  const runs = () => VerifyChainWorkerStub.spawned.flatMap((worker) => worker.posted.filter((message) => message.type === 'run'));

  it('a diary whose every group is one slice is opened on the page: no task goes to a worker, and the one started ahead is ended once the page is idle', async () => {
    serve(openRowsTask);
    const key = await newKey();
    const packs = valuesOf(8, 'pack');
    const loose = valuesOf(5, 'row');
    const groups: RowGroup[] = [
      { table: 'packs', rows: await rowsOf(key, 'packs', packs), slice: 8 },
      { table: 'revisions', rows: await rowsOf(key, 'revisions', loose), slice: 5 },
    ];
    prewarmOpenRows();
    expect(VerifyChainWorkerStub.spawned).toHaveLength(1);
    const seen = collector();
    await openRows(groups, { ...seen, keys: { current: key, previous: null } });
    expect(seen.taken).toEqual([packs, loose]);
    expect(runs()).toEqual([]);
    // Never sent anything (so never the keys), and ended once the page has had an idle moment.
    expect(VerifyChainWorkerStub.spawned.map((worker) => worker.posted)).toEqual([[]]);
    await expect.poll(() => VerifyChainWorkerStub.spawned.map((worker) => worker.terminated)).toEqual([true]);
  });

  it('on the page, each group is opened in its page slices, in order; in the worker, in its slices', async () => {
    serve(openRowsTask);
    const key = await newKey();
    const packs = valuesOf(3, 'pack');
    const loose = valuesOf(4, 'row');
    const groupsOf = async (packCount: number): Promise<RowGroup[]> => [
      { table: 'packs', rows: await rowsOf(key, 'packs', valuesOf(packCount, 'pack')), slice: 3, pageSlice: 1 },
      { table: 'revisions', rows: await rowsOf(key, 'revisions', loose), slice: 5, pageSlice: 2 },
    ];
    const onPage = collector();
    await openRows(await groupsOf(3), { ...onPage, keys: { current: key, previous: null } });
    expect(onPage.taken).toEqual([packs, loose]);
    expect(onPage.calls).toEqual([
      [0, 0, 1],
      [0, 1, 1],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 2],
    ]);
    expect(runs()).toEqual([]);
    // A fourth pack: the worker opens the rows, in their slices, not their page slices.
    const inWorker = collector();
    await openRows(await groupsOf(4), { ...inWorker, keys: { current: key, previous: null } });
    expect(inWorker.taken).toEqual([valuesOf(4, 'pack'), loose]);
    expect(inWorker.calls).toEqual([
      [0, 0, 3],
      [0, 3, 1],
      [1, 0, 4],
    ]);
    expect(runs()).toHaveLength(1);
  });

  it('one row more than a slice in any group, and the rows go to the worker', async () => {
    serve(openRowsTask);
    const key = await newKey();
    const packs = valuesOf(3, 'pack');
    const loose = valuesOf(6, 'row');
    const seen = collector();
    await openRows(
      [
        { table: 'packs', rows: await rowsOf(key, 'packs', packs), slice: 8 },
        { table: 'revisions', rows: await rowsOf(key, 'revisions', loose), slice: 5 },
      ],
      { ...seen, keys: { current: key, previous: null } },
    );
    expect(seen.taken).toEqual([packs, loose]);
    expect(runs()).toHaveLength(1);
  });

  it('hands back every value as encrypted, keeps DecryptionError one, and ends the worker each time', async () => {
    serve(openRowsTask);
    const key = await newKey();
    const values = valuesOf(9, 'row');
    const rows = await rowsOf(key, 'revisions', values);
    const seen = collector();
    await openRows([{ table: 'revisions', rows, slice: 4 }], { ...seen, keys: { current: key, previous: null } });
    expect(seen.taken[0]).toEqual(values);
    expect(VerifyChainWorkerStub.spawned.map((worker) => worker.terminated)).toEqual([true]);

    const tampered = rows.map((row, i) => (i === 5 ? { ...row, data: row.data.map((byte, at) => (at === 3 ? byte ^ 1 : byte)) } : row));
    await expect(
      openRows([{ table: 'revisions', rows: tampered, slice: 4 }], { ...collector(), keys: { current: key, previous: null } }),
    ).rejects.toBeInstanceOf(DecryptionError);
    expect(VerifyChainWorkerStub.spawned.map((worker) => worker.terminated)).toEqual([true, true]);
  });

  it('locked while the worker loads: the keys are never sent, and the worker is ended', async () => {
    serve(openRowsTask);
    const key = await newKey();
    const rows = await rowsOf(key, 'revisions', valuesOf(3, 'row'));
    class Locked extends Error {}
    let checks = 0;
    const seen = collector();
    const failure = openRows([{ table: 'revisions', rows, slice: 2 }], {
      ...seen,
      keys: { current: key, previous: null },
      // The first check is before the worker starts; the second just before the keys would go.
      check: () => {
        checks += 1;
        if (checks >= 2) throw new Locked('locked');
      },
    });
    await expect(failure).rejects.toBeInstanceOf(Locked);
    expect(runs()).toEqual([]);
    expect(VerifyChainWorkerStub.spawned.every((worker) => worker.terminated)).toBe(true);
    expect(seen.calls).toEqual([]);
  });

  it('a worker that hands values back under a group given as text is refused; the page then opens the rows itself', async () => {
    // Every row asked for and handed back, forged, under the group written as text: taken as
    // group 0 it would complete the load.
    serve(async (_input: unknown, context: { ask: (question: unknown) => Promise<unknown> }) => {
      for (let from = 0; from < 5; from += 2) {
        const count = Math.min(2, 5 - from);
        await context.ask({ kind: 'rows', group: '0', from, count });
        await context.ask({
          kind: 'opened',
          group: '0',
          from,
          values: Array.from({ length: count }, () => new TextEncoder().encode('{"forged":true}')),
        });
      }
      return { opened: 5 };
    });
    const key = await newKey();
    const values = valuesOf(5, 'row');
    const rows = await rowsOf(key, 'revisions', values);
    const seen = collector();
    const everTaken: unknown[] = [];
    let restarts = 0;
    await openRows([{ table: 'revisions', rows, slice: 2 }], {
      ...seen,
      take: (group, from, taken) => {
        everTaken.push(...taken);
        seen.take(group, from, taken);
      },
      keys: { current: key, previous: null },
      restart: () => {
        restarts += 1;
        seen.restart();
      },
    });
    expect(everTaken).not.toContainEqual({ forged: true });
    expect(restarts).toBe(1);
    expect(seen.taken[0]).toEqual(values);
  });
});

/** The task's input for a diary's packs and loose rows (groups 0 and 1). */
function twoGroups(key: CryptoKey, packs: number, loose: number, slice: number[]) {
  return {
    keys: { current: key, previous: null },
    groups: [
      { table: 'packs' as const, count: packs },
      { table: 'revisions' as const, count: loose },
    ],
    slice,
  };
}

/** The task's context, with `ask` as given. */
const contextAsking = (ask: (question: OpenRowsAsk) => Promise<{ rows: EncryptedRow[] } | null>) => ({
  signal: new AbortController().signal,
  progress: () => undefined,
  ask,
});

describe('openRowsTask: the plaintext moved to the page', () => {
  it('hands back each row’s plaintext with its own whole buffer, every buffer listed once to be moved', async () => {
    const key = await newKey();
    const values = valuesOf(5, 'moved');
    const rows = await rowsOf(key, 'revisions', values);
    const handed: { values: Uint8Array[]; transfer: Transferable[] }[] = [];
    await openRowsTask(
      { keys: { current: key, previous: null }, groups: [{ table: 'revisions', count: rows.length }], slice: [2] },
      {
        signal: new AbortController().signal,
        progress: () => undefined,
        ask: (question, transfer = []) => {
          if (question.kind === 'rows') return Promise.resolve({ rows: rows.slice(question.from, question.from + question.count) });
          handed.push({ values: question.values, transfer });
          return Promise.resolve(null);
        },
      },
    );
    expect(handed.map((slice) => slice.values.length)).toEqual([2, 2, 1]);
    for (const { values: plaintexts, transfer } of handed) {
      expect(transfer).toEqual(plaintexts.map((plaintext) => plaintext.buffer));
      expect(new Set(transfer).size).toBe(transfer.length);
      for (const plaintext of plaintexts) expect(plaintext.byteLength).toBe(plaintext.buffer.byteLength);
    }
    const parsed = handed.flatMap((slice) => slice.values).map((plaintext) => JSON.parse(new TextDecoder().decode(plaintext)) as unknown);
    expect(parsed).toEqual(values);
  });

  it('asks for the next group’s first rows before handing back the last slice of the group before, and never more than one slice ahead', async () => {
    const key = await newKey();
    const packs = await rowsOf(key, 'packs', valuesOf(3, 'pack'));
    const loose = await rowsOf(key, 'revisions', valuesOf(4, 'loose'));
    const order: string[] = [];
    let asked = 0;
    let handedBack = 0;
    let mostAhead = 0;
    await openRowsTask(
      twoGroups(key, packs.length, loose.length, [2, 4]),
      contextAsking((question) => {
        order.push(`${question.kind} ${question.group}:${question.from}`);
        if (question.kind === 'rows') {
          asked += 1;
          mostAhead = Math.max(mostAhead, asked - handedBack);
          const rows = question.group === 0 ? packs : loose;
          return Promise.resolve({ rows: rows.slice(question.from, question.from + question.count) });
        }
        handedBack += 1;
        return Promise.resolve(null);
      }),
    );
    expect(order).toEqual(['rows 0:0', 'rows 0:2', 'opened 0:0', 'rows 1:0', 'opened 0:2', 'opened 1:0']);
    expect(mostAhead).toBe(2);
  });

  it.each([
    ['a negative count', -1, [8, 500]],
    ['a count that is not a number', Number.NaN, [8, 500]],
    ['an endless count', Infinity, [8, 500]],
    ['no slice size', 3, [8]],
    ['a slice of none', 3, [8, 0]],
    ['a slice of a fraction', 3, [8, 0.5]],
  ])('refuses a later group’s %s before asking for anything', async (_, count, slice) => {
    const key = await newKey();
    const ask = vi.fn(() => Promise.resolve(null));
    await expect(openRowsTask(twoGroups(key, 1, count, slice), contextAsking(ask))).rejects.toThrow(
      'counts and slices must be whole numbers',
    );
    expect(ask).not.toHaveBeenCalled();
  });

  it('where the groups meet, hands back all of the first before failing on the next group’s first row, and reports the earlier failure when both fail', async () => {
    const key = await newKey();
    const other = await newKey();
    const packs = await rowsOf(key, 'packs', valuesOf(3, 'pack'));
    const loose = await rowsOf(key, 'revisions', valuesOf(2, 'loose'));
    const run = async (packRows: EncryptedRow[], looseRows: EncryptedRow[]) => {
      const handed: string[] = [];
      const done = openRowsTask(
        twoGroups(key, packRows.length, looseRows.length, [2, 2]),
        contextAsking((question) => {
          if (question.kind === 'rows') {
            const rows = question.group === 0 ? packRows : looseRows;
            return Promise.resolve({ rows: rows.slice(question.from, question.from + question.count) });
          }
          handed.push(`${question.group}:${question.from}`);
          return Promise.resolve(null);
        }),
      );
      return { done, handed };
    };
    // The next group's first row is under another key: every pack is handed back first.
    const wrongLoose = await rowsOf(other, 'revisions', valuesOf(2, 'loose'));
    const first = await run(packs, wrongLoose);
    await expect(first.done).rejects.toThrow(DecryptionError);
    expect(first.handed).toEqual(['0:0', '0:2']);
    // The first group's last pack fails too (another error): its failure is the one reported, nothing after it handed back.
    const wrongPacks = [...packs.slice(0, 2), { ...(packs[2] as EncryptedRow), v: 99 } as unknown as EncryptedRow];
    const both = await run(wrongPacks, wrongLoose);
    await expect(both.done).rejects.toThrow(UnsupportedVaultError);
    expect(both.handed).toEqual(['0:0']);
    const fine = await run(packs, loose);
    await expect(fine.done).resolves.toEqual({ opened: 5 });
    expect(fine.handed).toEqual(['0:0', '0:2', '1:0']);
  });

  it('copies a value that is a view into a larger buffer, or shares one with another, so no buffer moves more than its value', () => {
    const shared = new Uint8Array([1, 2, 3, 4]);
    const whole = new Uint8Array([9]);
    const own = ownBuffers([shared.subarray(1, 3), whole, whole]);
    expect(own.map((value) => [...value])).toEqual([[2, 3], [9], [9]]);
    expect(own[0]?.buffer).not.toBe(shared.buffer);
    expect(own[1]).toBe(whole);
    expect(own[2]?.buffer).not.toBe(whole.buffer);
    for (const value of own) expect(value.byteLength).toBe(value.buffer.byteLength);
  });
});
