// Rows arriving a slice at a time at a load (core/store/diary/arrivingRows.ts): waiters are woken
// as the rows they need come, a read that fails tells every waiter, and a slice that is not the
// next rows listed is refused.

import { describe, expect, it } from 'vitest';
import type { EncryptedRow } from '../../../src/core/store/db';
import { ArrivingRows, runsOf } from '../../../src/core/store/diary/arrivingRows';

const idOf = (i: number) => String(i).padStart(12, '0');
const rowOf = (id: string): EncryptedRow => ({ id, v: 1, iv: new Uint8Array(12), data: new Uint8Array(1) });
const ids = (count: number) => Array.from({ length: count }, (_, i) => idOf(i));

/** Whether `promise` has settled after the microtasks queued so far have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
  return done;
}

describe('ArrivingRows', () => {
  it('wakes a waiter only once the rows it needs have come, and at once for rows already there', async () => {
    const arriving = new ArrivingRows(ids(6));
    const firstFour = arriving.arrived(4);
    arriving.add([rowOf(idOf(0)), rowOf(idOf(1))]);
    expect(await settled(firstFour)).toBe(false);
    arriving.add([rowOf(idOf(2)), rowOf(idOf(3))]);
    expect(await settled(firstFour)).toBe(true);
    expect(await settled(arriving.arrived(3))).toBe(true);
    expect(arriving.rows.map((row) => row.id)).toEqual(ids(4));
    expect(arriving.count).toBe(6);
  });

  it('asked for more than there are, waits for all of them and no more', async () => {
    const arriving = new ArrivingRows(ids(2));
    const past = arriving.arrived(10);
    arriving.add([rowOf(idOf(0)), rowOf(idOf(1))]);
    expect(await settled(past)).toBe(true);
    expect(await settled(new ArrivingRows([]).arrived(1))).toBe(true);
  });

  it('refuses a slice that is not the next rows listed, or more rows than listed', () => {
    const arriving = new ArrivingRows(ids(3));
    expect(() => arriving.add([rowOf(idOf(1))])).toThrow('not the one listed');
    expect(arriving.rows).toEqual([]);
    arriving.add([rowOf(idOf(0))]);
    expect(() => arriving.add([rowOf(idOf(1)), rowOf(idOf(2)), rowOf(idOf(3))])).toThrow('more rows');
    expect(arriving.rows.map((row) => row.id)).toEqual([idOf(0)]);
  });

  it('finish refuses a read that ended with rows listed but not read', () => {
    const arriving = new ArrivingRows(ids(2));
    arriving.add([rowOf(idOf(0))]);
    expect(() => arriving.finish()).toThrow('fewer rows');
    arriving.add([rowOf(idOf(1))]);
    expect(() => arriving.finish()).not.toThrow();
  });

  it('a failed read rejects every waiter with its error, and every later one', async () => {
    const arriving = new ArrivingRows(ids(4));
    arriving.add([rowOf(idOf(0))]);
    const waiting = arriving.arrived(2);
    const failure = new Error('read failed');
    arriving.fail(failure);
    await expect(waiting).rejects.toBe(failure);
    await expect(arriving.arrived(3)).rejects.toBe(failure);
    // Rows already read are still there to be had.
    await expect(arriving.arrived(1)).resolves.toBeUndefined();
  });
});

describe('runsOf', () => {
  it('splits ids into runs of at most the size, in order, with nothing lost', () => {
    expect(runsOf(ids(5), 2)).toEqual([[idOf(0), idOf(1)], [idOf(2), idOf(3)], [idOf(4)]]);
    expect(runsOf([], 3)).toEqual([]);
  });
});
