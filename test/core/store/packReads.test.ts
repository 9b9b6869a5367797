// Reading the diary's packs at load (core/store/diary/storage.ts, openRows; in-process here, as
// where there are no workers): the next few packs decrypt while the ones before are checked, one
// slice ahead and no more; records come back in
// chain order; a pack that fails after the first slice fails the load as before, the first
// failing slice in order giving the error; a slice failing ahead leaves no unhandled rejection.
// The packs are read a slice at a time in one transaction, and opened as they come; a read that
// fails partway fails the load as a read failure.
// And each link's prevHash, shared with the hash before it at load, reads back unchanged.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DecryptionError, encryptRecord } from '../../../src/core/crypto';
import type { DaybookDatabase } from '../../../src/core/store/db';
import { MalformedPackError, PACK_SIZE, PACKED_MARKER_ID, packId } from '../../../src/core/store/diary/packs';
import { DiaryStorage, rowId } from '../../../src/core/store/diary/storage';
import { DiaryRepository } from '../../../src/core/store/diaryRepository';
import type { RevisionRecord } from '../../../src/core/store/diary/types';
import { EncryptedTable } from '../../../src/core/store/encryptedTable';
import { StorageError } from '../../../src/core/store/storageErrors';
import { TaskCancelledError } from '../../../src/core/workers/runTask';
import type { Table, WhereClause } from 'dexie';
import type { VaultSession } from '../../../src/core/vault/session';
import { createdVault } from '../../support/vault';

type Setup = { db: DaybookDatabase; session: VaultSession };

/** Packs handed to the page in one turn where the worker opens them (storage.ts, PACK_SLICE). */
const SLICE = 8;

const hashOf = (seq: number) => seq.toString(16).padStart(64, 'a');

/** A record at `seq`, linked to the one before by its hash (storage reads them; the chain check is chain.ts's). */
function recordAt(seq: number): RevisionRecord {
  return {
    link: {
      seq,
      entryId: `entry-${seq}`,
      revision: 1,
      kind: 'revision',
      recordedAt: new Date(Date.UTC(2026, 0, 1) + seq * 60_000).toISOString(),
      contentHash: seq.toString(16).padStart(64, 'c'),
      prevHash: seq === 0 ? '0'.repeat(64) : hashOf(seq - 1),
      hash: hashOf(seq),
    },
    content: null,
  };
}

const recordsOf = (from: number, count: number) => Array.from({ length: count }, (_, i) => recordAt(from + i));

const packsTable = (setup: Setup) => new EncryptedTable<unknown>(setup.db, 'packs', () => setup.session.dataKey());
const rowsTable = (setup: Setup) => new EncryptedTable<RevisionRecord>(setup.db, 'revisions', () => setup.session.dataKey());
const storageOver = (setup: Setup) =>
  new DiaryStorage(
    setup.db,
    () => setup.session.dataKey(),
    () => setup.session.chainKey(),
  );

/** Stores packs 0 to `count` - 1, each its 64 records at their places. */
async function storePacks(setup: Setup, count: number): Promise<RevisionRecord[]> {
  const records = recordsOf(0, count * PACK_SIZE);
  const table = packsTable(setup);
  for (let index = 0; index < count; index += 1) await table.put(packId(index), records.slice(index * PACK_SIZE, (index + 1) * PACK_SIZE));
  return records;
}

/**
 * Runs each pack's decryption through `around` (the seal and first page rows decrypt alongside,
 * untouched): `around` is given the decryption to run, and returns its result.
 */
function aroundPackDecryptions(around: (decrypt: () => Promise<ArrayBuffer>) => Promise<ArrayBuffer>): void {
  const subtle = crypto.subtle;
  const decrypt = subtle.decrypt.bind(subtle);
  vi.spyOn(subtle, 'decrypt').mockImplementation((algorithm, key, data) => {
    const { additionalData } = algorithm as AesGcmParams;
    const isPack = additionalData !== undefined && new TextDecoder().decode(additionalData as Uint8Array).includes('\0packs\0');
    return isPack ? around(() => decrypt(algorithm, key, data)) : decrypt(algorithm, key, data);
  });
}

/** Pack `index` stored again with its first two records swapped: it decrypts, but is refused (MalformedPackError). */
async function misplace(setup: Setup, records: readonly RevisionRecord[], index: number): Promise<void> {
  const pack = records.slice(index * PACK_SIZE, (index + 1) * PACK_SIZE);
  const [first, second, ...rest] = pack;
  if (!first || !second) throw new Error('pack too short');
  await packsTable(setup).put(packId(index), [second, first, ...rest]);
}

/** Pack `index`'s ciphertext altered: it no longer decrypts (DecryptionError). */
async function alter(setup: Setup, index: number): Promise<void> {
  const row = await setup.db.packs.get(packId(index));
  if (!row) throw new Error(`no pack ${index}`);
  const data = new Uint8Array(row.data);
  data[5] = (data[5] ?? 0) ^ 1;
  await setup.db.packs.put({ ...row, data });
}

describe('packs read at load', () => {
  it('many packs, and rows after them, come back in chain order, each record as stored', async () => {
    const setup = await createdVault();
    // Several slices, the last one short: more reads than are kept in flight at once (8).
    const packCount = 10 * SLICE + 2;
    const packed = await storePacks(setup, packCount);
    const loose = recordsOf(packCount * PACK_SIZE, 10);
    for (const record of loose) await rowsTable(setup).put(rowId(record.link.seq), record);

    const { records } = await storageOver(setup).readAll();
    expect(records.map((record) => record.link.seq)).toEqual(Array.from({ length: packCount * PACK_SIZE + 10 }, (_, i) => i));
    expect(records).toEqual([...packed, ...loose]);
  });

  it('packs written before version 2 records (JSON, not deflated) read alongside deflated ones, in order', async () => {
    const setup = await createdVault();
    const packed = await storePacks(setup, 3);
    // Pack 1 as every pack was written before: version 1.
    const old = await encryptRecord(setup.session.dataKey(), 'packs', packId(1), packed.slice(PACK_SIZE, 2 * PACK_SIZE));
    await setup.db.packs.put({ id: packId(1), ...old });
    expect((await setup.db.packs.toArray()).map((row) => row.v)).toEqual([2, 1, 2]);
    const { records } = await storageOver(setup).readAll();
    expect(records).toEqual(packed);
  });

  it('decrypts the next slice of packs while this one is read, never more than one slice ahead', async () => {
    const setup = await createdVault();
    const packed = await storePacks(setup, 5 * SLICE);
    // Every pack read before any is opened, so how far ahead the opening runs is not bounded by
    // how fast the reads come.
    const reads = watchPackReads(setup);
    let inFlight = 0;
    let most = 0;
    aroundPackDecryptions(async (decrypt) => {
      while (reads.done() < 5) await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        return await decrypt();
      } finally {
        inFlight -= 1;
      }
    });

    const { records } = await storageOver(setup).readAll();
    expect(records).toEqual(packed);
    expect(most).toBeGreaterThan(SLICE);
    expect(most).toBeLessThanOrEqual(2 * SLICE);
  });

  it('a pack after the first slice that is not its 64 records in place fails the load with MalformedPackError, naming it', async () => {
    const setup = await createdVault();
    const records = await storePacks(setup, 4 * SLICE);
    await misplace(setup, records, 2 * SLICE + 1);
    const failure = storageOver(setup).readAll();
    await expect(failure).rejects.toBeInstanceOf(MalformedPackError);
    await expect(failure).rejects.toMatchObject({ index: 2 * SLICE + 1 });
  });

  it('a pack after the first slice that does not decrypt fails the load with DecryptionError', async () => {
    const setup = await createdVault();
    await storePacks(setup, 4 * SLICE);
    await alter(setup, 3 * SLICE - 1);
    await expect(storageOver(setup).readAll()).rejects.toBeInstanceOf(DecryptionError);
  });

  it('two slices failing: the earlier slice’s error is the one reported', async () => {
    const setup = await createdVault();
    const records = await storePacks(setup, 4 * SLICE);
    await alter(setup, SLICE + 2); // slice 1: does not decrypt
    await misplace(setup, records, 2 * SLICE); // slice 2, in flight meanwhile: malformed
    await expect(storageOver(setup).readAll()).rejects.toBeInstanceOf(DecryptionError);
  });
});

/** Counts the range reads of the packs that have come back; `fail` (0-based) makes that read fail, `short` that read come back a row short. */
function watchPackReads(setup: Setup, fail?: number, short?: number): { done: () => number } {
  let asked = 0;
  let done = 0;
  // The load reads through its transaction's own table objects, of the same class as db.packs.
  const tables = Object.getPrototypeOf(setup.db.packs) as { where: (this: Table, index: string) => WhereClause };
  const where = tables.where;
  vi.spyOn(tables, 'where').mockImplementation(function (this: Table, index: string) {
    const clause = where.call(this, index);
    if (this.name !== 'packs') return clause;
    const between = clause.between.bind(clause);
    clause.between = (...args: Parameters<WhereClause['between']>) => {
      const collection = between(...args);
      const at = asked++;
      const toArray = collection.toArray.bind(collection);
      collection.toArray = (() =>
        at === fail
          ? Promise.reject(new Error('the disk could not be read'))
          : toArray().then((rows) => {
              done += 1;
              return at === short ? rows.slice(0, -1) : rows;
            })) as typeof collection.toArray;
      return collection;
    };
    return clause;
  });
  return { done: () => done };
}

describe('packs read a slice at a time, in one transaction', () => {
  it('the first packs are opened before the last are read', async () => {
    const setup = await createdVault();
    const packed = await storePacks(setup, 12 * SLICE);
    const reads = watchPackReads(setup);
    let readsAtFirstPack: number | undefined;
    aroundPackDecryptions((decrypt) => {
      readsAtFirstPack ??= reads.done();
      return decrypt();
    });

    const { records } = await storageOver(setup).readAll();
    expect(records).toEqual(packed);
    expect(reads.done()).toBe(12);
    expect(readsAtFirstPack).toBeGreaterThan(0);
    expect(readsAtFirstPack).toBeLessThan(12);
  });

  it('a read that fails partway fails the load as a read failure, with nothing left unhandled', async () => {
    const setup = await createdVault();
    await storePacks(setup, 12 * SLICE);
    watchPackReads(setup, 9);
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const failure = storageOver(setup).readAll();
      await expect(failure).rejects.toBeInstanceOf(StorageError);
      await expect(failure).rejects.toMatchObject({ code: 'read-failed' });
      for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});

describe('a diary the page opens (at most a slice of packs, openRowsInWorker.ts opensOnPage)', () => {
  it('reads its packs one per request and opens each as one slice; a slice more, and they are read a slice at a time', async () => {
    const setup = await createdVault();
    const packed = await storePacks(setup, SLICE);
    const loose = recordsOf(SLICE * PACK_SIZE, 3);
    for (const record of loose) await rowsTable(setup).put(rowId(record.link.seq), record);
    const reads = watchPackReads(setup);
    // Every pack read before any is opened: how many open at once is then the slices' doing.
    let inFlight = 0;
    let most = 0;
    aroundPackDecryptions(async (decrypt) => {
      while (reads.done() < SLICE) await new Promise((resolve) => setTimeout(resolve, 1));
      most = Math.max(most, (inFlight += 1));
      try {
        return await decrypt();
      } finally {
        inFlight -= 1;
      }
    });
    expect((await storageOver(setup).readAll()).records).toEqual([...packed, ...loose]);
    expect(reads.done()).toBe(SLICE);
    // One pack a slice, the next opening while one is taken: never more than two at once.
    expect(most).toBe(2);

    // One pack more: the worker's slices (in-process here), read a slice at a time.
    vi.restoreAllMocks();
    const more = [...packed, ...(await storePacks(setup, SLICE + 1)).slice(SLICE * PACK_SIZE)];
    await setup.db.revisions.clear();
    const reread = watchPackReads(setup);
    expect((await storageOver(setup).readAll()).records).toEqual(more);
    expect(reread.done()).toBe(2);
  });
});

describe('what the one transaction reads, refused when it is not what was listed', () => {
  it('a read that comes back a row short fails the load as a read failure (the worker is not left waiting)', async () => {
    const setup = await createdVault();
    await storePacks(setup, 3 * SLICE);
    watchPackReads(setup, undefined, 2);
    await expect(storageOver(setup).readAll()).rejects.toMatchObject({ name: 'StorageError', code: 'read-failed' });
  });

  it('the packed marker put among the packs fails the load as damaged, rather than leaving it waiting', async () => {
    const setup = await createdVault();
    await storePacks(setup, SLICE + 1);
    await setup.db.packs.put({ id: PACKED_MARKER_ID, v: 1, iv: new Uint8Array(12), data: new Uint8Array(32) });
    await expect(storageOver(setup).readAll()).rejects.toBeInstanceOf(DecryptionError);
  });

  it('a row whose id is not text fails the load as damaged, and nothing is decrypted', async () => {
    const setup = await createdVault();
    await storePacks(setup, 2);
    await setup.db.revisions.put({ id: 7 as unknown as string, v: 1, iv: new Uint8Array(12), data: new Uint8Array(32) });
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    await expect(storageOver(setup).readAll()).rejects.toBeInstanceOf(DecryptionError);
    expect(decrypt).not.toHaveBeenCalled();
  });

  it('a pack rewritten by another tab while the load reads is read as it was when the load began', async () => {
    const setup = await createdVault();
    // More runs than reads kept in flight (8), the pack rewritten in the last run: its read is
    // asked for only after the first runs have come back.
    const packed = await storePacks(setup, 12 * SLICE);
    let write: Promise<unknown> | undefined;
    aroundPackDecryptions((decrypt) => {
      // Written anew in a transaction of its own once the first pack is opening.
      write ??= misplace(setup, packed, 11 * SLICE + 1);
      return decrypt();
    });
    const { records } = await storageOver(setup).readAll();
    await write;
    expect(records).toEqual(packed);
    // The rewrite did happen, after: the next load reads it (and refuses it, misplaced).
    vi.restoreAllMocks();
    await expect(storageOver(setup).readAll()).rejects.toBeInstanceOf(MalformedPackError);
  });
});

describe('a load stopped by its signal (the vault has locked)', () => {
  it('ends the rows’ opening at once with TaskCancelledError, at most the slices under way opened after', async () => {
    const setup = await createdVault();
    await storePacks(setup, 6 * SLICE);
    const lock = new AbortController();
    let packsOpened = 0;
    let openedAtLock = 0;
    aroundPackDecryptions((decrypt) => {
      if (++packsOpened === SLICE + 1) {
        openedAtLock = packsOpened;
        lock.abort();
      }
      return decrypt();
    });

    await expect(storageOver(setup).readAll(lock.signal)).rejects.toBeInstanceOf(TaskCancelledError);
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(openedAtLock).toBe(SLICE + 1);
    expect(packsOpened).toBeLessThanOrEqual(3 * SLICE);
  });

  it('a lock the repository hears of (its vault’s onLock) ends the load, and it stops listening after', async () => {
    const setup = await createdVault();
    await storePacks(setup, 4 * SLICE);
    const listeners = new Set<() => void>();
    const repository = new DiaryRepository(
      setup.db,
      () => setup.session.dataKey(),
      () => setup.session.chainKey(),
      undefined,
      {
        diarySealed: () => false,
        sealStored: async () => undefined,
        onLock: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
    );
    aroundPackDecryptions((decrypt) => {
      listeners.forEach((listener) => listener());
      return decrypt();
    });
    await expect(repository.load()).rejects.toBeInstanceOf(TaskCancelledError);
    expect(listeners.size).toBe(0);
  });

  it('a signal aborted already reads nothing', async () => {
    const setup = await createdVault();
    await storePacks(setup, 2);
    const reads = watchPackReads(setup);
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    await expect(storageOver(setup).readAll(AbortSignal.abort())).rejects.toBeInstanceOf(TaskCancelledError);
    expect(reads.done()).toBe(0);
    expect(decrypt).not.toHaveBeenCalled();
  });
});

describe('a slice failing ahead of the one being read', () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', record);
  });
  afterEach(() => {
    process.off('unhandledRejection', record);
  });

  it('leaves no unhandled rejection, and the load fails with the first slice’s error', async () => {
    const setup = await createdVault();
    const records = await storePacks(setup, SLICE + 1);
    // Slice 0 fails only once pack 2 is decrypted; slice 1 fails at once, on a row whose id names
    // no pack (sorted after pack 4's), while slice 0 is still decrypting.
    await misplace(setup, records, 2);
    const last = await setup.db.packs.get(packId(SLICE));
    if (!last) throw new Error('no last pack');
    await setup.db.packs.put({ ...last, id: `${packId(SLICE)}x` });

    const failure = storageOver(setup).readAll();
    await expect(failure).rejects.toBeInstanceOf(MalformedPackError);
    await expect(failure).rejects.toMatchObject({ index: 2 });
    // Node reports an unhandled rejection once the microtasks have run: give it a few turns.
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(unhandled).toEqual([]);
  });
});

describe('prevHash shared with the hash before it at load', () => {
  it('a prevHash that differs from the hash before is left as stored; every other reads back equal, rows below a pack included', async () => {
    const setup = await createdVault();
    const records = recordsOf(0, 3 * PACK_SIZE);
    const broken = records[PACK_SIZE + 5];
    if (!broken) throw new Error('no record');
    broken.link.prevHash = 'f'.repeat(64);
    const table = packsTable(setup);
    await table.put(packId(1), records.slice(PACK_SIZE, 2 * PACK_SIZE));
    await table.put(packId(2), records.slice(2 * PACK_SIZE));
    // Pack 0's run stays rows, one missing: read after the packs, put in place below them.
    const rows = records.slice(0, PACK_SIZE).filter((record) => record.link.seq !== 7);
    for (const record of rows) await rowsTable(setup).put(rowId(record.link.seq), record);

    const read = await storageOver(setup).readAll();
    expect(read.records.map((record) => record.link.seq)).toEqual(records.map((record) => record.link.seq).filter((seq) => seq !== 7));
    expect(read.records).toEqual(records.filter((record) => record.link.seq !== 7));
    expect(read.records.find((record) => record.link.seq === PACK_SIZE + 5)?.link.prevHash).toBe('f'.repeat(64));
    // After the gap, the link keeps its own prevHash (the hash of the missing record).
    expect(read.records.find((record) => record.link.seq === 8)?.link.prevHash).toBe(hashOf(7));
  });
});
