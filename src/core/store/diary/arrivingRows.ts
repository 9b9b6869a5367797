// A table's rows as a load reads them, a slice at a time, in one transaction: the open-rows
// worker can start on the first slices while IndexedDB is still reading the rest
// (openRowsInWorker.ts), rather than waiting for the whole diary to be read first.

import type { EncryptedRow } from '../db';

interface Waiter {
  end: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class ArrivingRows {
  /** The rows read so far, in key order; `count` of them once the read is done. */
  readonly rows: EncryptedRow[] = [];
  private waiting: Waiter[] = [];
  private failure: { error: unknown } | null = null;

  /** `ids`: every id the table holds that is to be read, in key order, as listed in the transaction that reads them. */
  constructor(readonly ids: readonly string[]) {}

  get count(): number {
    return this.ids.length;
  }

  /**
   * Adds the next slice read. It must be exactly the next ids listed: the listing and the reads
   * share one transaction, so anything else is a read gone wrong, and it throws.
   */
  add(slice: readonly EncryptedRow[]): void {
    const from = this.rows.length;
    if (from + slice.length > this.ids.length) throw new Error('more rows read than listed');
    slice.forEach((row, i) => {
      if (row.id !== this.ids[from + i]) throw new Error('a row read is not the one listed');
    });
    this.rows.push(...slice);
    this.waiting = this.waiting.filter((waiter) => {
      if (waiter.end > this.rows.length) return true;
      waiter.resolve();
      return false;
    });
  }

  /** The read is over: every row listed must have come, or whoever waits would wait for ever. */
  finish(): void {
    if (this.rows.length !== this.ids.length) throw new Error('fewer rows read than listed');
  }

  /** The read failed: whoever waits, and whoever asks later, is told why. */
  fail(error: unknown): void {
    this.failure ??= { error };
    for (const waiter of this.waiting) waiter.reject(error);
    this.waiting = [];
  }

  /** Resolves once the first `end` rows (at most `count`) have been read; rejects if the read failed first. */
  arrived(end: number): Promise<void> {
    if (this.rows.length >= Math.min(end, this.ids.length)) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure.error);
    return new Promise((resolve, reject) => this.waiting.push({ end: Math.min(end, this.ids.length), resolve, reject }));
  }
}

/** `ids` in runs of at most `size`, in order: each run is one read. */
export function runsOf(ids: readonly string[], size: number): string[][] {
  const runs: string[][] = [];
  for (let at = 0; at < ids.length; at += size) runs.push(ids.slice(at, at + size));
  return runs;
}
