// The diary's rows in IndexedDB: each record encrypted (bound to the table and its row id), all
// of a change written in one short transaction together with the seal of the chain it leaves.
// Records are written as rows of their own and packed 64 to a row at the next load (packs.ts).

import Dexie, { type Table } from 'dexie';
import { sealChain } from '../../evidence';
import { bytesEqual, decryptRecord, DecryptionError } from '../../crypto';
import { retiringKeysOf } from '../../crypto/retiringKeys';
import { VAULT_HEADER_KEY, type DaybookDatabase, type EncryptedRow } from '../db';
import { EncryptedTable } from '../encryptedTable';
import { padded } from '../padding';
import { ChainMovedError, guardStorage } from '../storageErrors';
import { FIRST_PAGE_BYTES, FIRST_PAGE_ROW_ID, fitFirstPage, parseFirstPage, type FirstPage } from './firstPage';
import { PACK_SIZE, PACKED_MARKER_ID, packedMarkerRow, packId, packOf, packableRanges, parsePack } from './packs';
import { yieldToPage } from '../../workers/yieldToPage';
import { TaskCancelledError } from '../../workers/runTask';
import { openRows, opensOnPage, sliceSizes, type RowGroup } from './openRowsInWorker';
import { ArrivingRows, runsOf } from './arrivingRows';
import { SharedValues } from './sharedValues';
import { chainEnd, SEAL_ROW_ID, type ChainEnd, type SealFinding, type SealRow, type StoredSeal } from './seal';
import type { DiaryWrite, RevisionRecord } from './types';

/** A pack rewritten, and the IV of the pack as this storage last read or wrote it: stored only over that one. */
export interface PackWrite {
  row: EncryptedRow;
  index: number;
  readIv: Uint8Array;
}

/** A write's rows encrypted: rows it rewrites, packs it rewrites, new links, and the seal of the chain after it. */
export interface SealedWrite {
  updates: EncryptedRow[];
  packUpdates: PackWrite[];
  additions: EncryptedRow[];
  seal: EncryptedRow;
  /** The first page as the write leaves it (firstPage.ts), stored with the seal; none from a caller that keeps no page. */
  firstPage?: EncryptedRow;
}

/** What unlock reads before the whole diary: the seal row, the first page and the last record stored. */
export interface FirstPageRead {
  seal: StoredSeal;
  sealKey: CryptoKey;
  page: FirstPage | null;
  last: RevisionRecord | null;
  /** The place in the chain the last record is bound to (its row's id, or its place in its pack); null for none. */
  lastPlace: number | null;
}

/** A record read from a row of its own (not yet packed), with the row as stored. */
export interface LooseRecord {
  row: EncryptedRow;
  record: RevisionRecord;
}

/** Rows handed to the page in one message (see openRows): receiving them is a few milliseconds on a slow phone. */
const READ_SLICE = 500;

/** Packs handed to the page in one message: about as many records as READ_SLICE. */
const PACK_SLICE = 8;

/**
 * Packs per slice, and per read, when the page opens a small diary itself (openRowsInWorker.ts,
 * opensOnPage): one, so the page inflates and parses the first pack while IndexedDB reads the
 * rest, rather than waiting for all of them (bench harness at 500 incidents, builds alternating,
 * 10 rounds of 12 loads a side: medians of 28 to 38 ms against 34 to 43).
 */
const PAGE_PACK_SLICE = 1;

/** Reads of rows a load keeps asked for at once (see readAll). */
const READS_IN_FLIGHT = 8;

/** Packs written per transaction when a load packs rows: a large diary's first packing is many short writes, not one long one. */
const PACKS_PER_WRITE = 32;

/** Row ids follow chain order, so reading the table in key order reads the chain in order. */
export const rowId = (seq: number) => String(seq).padStart(12, '0');

/** The packs and the loose rows as openRows opens them, in that order. */
function rowGroups(packs: ArrivingRows, loose: ArrivingRows): RowGroup[] {
  return [
    {
      table: 'packs',
      rows: packs.rows,
      count: packs.count,
      arrived: (end) => packs.arrived(end),
      slice: PACK_SLICE,
      pageSlice: PAGE_PACK_SLICE,
    },
    { table: 'revisions', rows: loose.rows, count: loose.count, arrived: (end) => loose.arrived(end), slice: READ_SLICE },
  ];
}

/** The pack number a pack row's id names; a row with any other id is not one this code wrote. */
function packIndexOf(row: EncryptedRow): number {
  const index = Number(row.id);
  if (!Number.isSafeInteger(index) || index < 0 || packId(index) !== row.id) throw new DecryptionError('pack id is malformed');
  return index;
}

/** Whether `row` is stored and is the one that had `iv`: every encryption has a fresh IV. */
function hasIv(row: EncryptedRow | undefined, iv: Uint8Array): boolean {
  return row !== undefined && bytesEqual(row.iv, iv);
}

/** The same stored row (or both none): every encryption has a fresh IV. */
function sameRow(a: EncryptedRow | undefined, b: EncryptedRow | undefined): boolean {
  return a === undefined || b === undefined ? a === b : bytesEqual(a.iv, b.iv);
}

/**
 * The rows `ids` names (consecutive ids as listed, in key order), read with one request, with
 * `leftOut` (the packed marker, among the rows) left out. Anything but exactly those rows throws.
 */
async function readRun(table: Table<EncryptedRow, string>, ids: readonly string[], leftOut?: string): Promise<EncryptedRow[]> {
  const first = ids[0];
  const last = ids.at(-1);
  if (first === undefined || last === undefined) return [];
  const read = (await table.where(':id').between(first, last, true, true).toArray()).filter((row) => row.id !== leftOut);
  if (read.length !== ids.length || read.some((row, i) => row.id !== ids[i])) throw new Error('the rows read are not the rows listed');
  return read;
}

export class DiaryStorage {
  private readonly table: EncryptedTable<RevisionRecord>;
  private readonly packs: EncryptedTable<unknown>;
  private readonly settings: EncryptedTable<unknown>;
  /**
   * Each stored pack's IV as this storage last read or wrote it: the packs a write may rewrite,
   * and the ranges where records are no longer rows. Another tab's packing or rewriting since is
   * caught in the write's transaction (ChainMovedError).
   */
  private readonly packIvs = new Map<number, Uint8Array>();

  constructor(
    private readonly db: DaybookDatabase,
    private readonly key: () => CryptoKey,
    private readonly chainKey: () => CryptoKey,
  ) {
    this.table = new EncryptedTable(db, 'revisions', key);
    this.packs = new EncryptedTable(db, 'packs', key);
    this.settings = new EncryptedTable(db, 'settings', key);
  }

  /**
   * Every record, decrypted, in chain order, and the seal row. Both are read in one transaction,
   * so a write from another tab can never show as a chain and a seal out of step. `sealRow` is
   * the row as stored, for resealAtLoad to tell whether anyone has written since. `sealKey` is the
   * chain key to judge the seal with: the previous one for a seal row still under the previous
   * data key while that key is being replaced (a row's key and its seal's key always go together).
   *
   * The transaction first lists every id, then reads the rows a slice at a time: the open-rows
   * worker starts on the first slices while the rest are still being read (arrivingRows.ts).
   * Aborting `signal` (the vault has locked; `key()` would only say so at the worker's next
   * question) ends the worker and the reads at once, and readAll rejects (TaskCancelledError, or
   * the lock's own error).
   */
  async readAll(signal?: AbortSignal): Promise<{
    records: RevisionRecord[];
    /** The records still in rows of their own, for packAtLoad. */
    loose: LooseRecord[];
    seal: StoredSeal;
    sealRow: EncryptedRow | undefined;
    sealKey: CryptoKey;
    page: FirstPage | null;
  }> {
    this.key(); // locked already: read nothing
    if (signal?.aborted) throw new TaskCancelledError();
    // Ends the rows' worker, which holds the keys: on a lock, or once the load has failed.
    const stopRows = new AbortController();
    const stop = () => stopRows.abort();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      return await this.readAllUntil(stopRows);
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  /** readAll, its worker ended by aborting `stopRows`. */
  private async readAllUntil(stopRows: AbortController): ReturnType<DiaryStorage['readAll']> {
    type Listed = { packs: ArrivingRows; rows: ArrivingRows; sealRow?: EncryptedRow; pageRow?: EncryptedRow };
    let settle: { resolve: (listed: Listed) => void; reject: (error: unknown) => void } | undefined;
    const listed = new Promise<Listed>((resolve, reject) => (settle = { resolve, reject }));
    let arriving: ArrivingRows[] = [];
    const reading = guardStorage('read', () =>
      this.db.transaction('r', this.db.revisions, this.db.packs, this.db.settings, async (tx) => {
        // The transaction's own tables: a read that somehow left it would fail rather than read
        // another moment's rows.
        const packTable = tx.table<EncryptedRow, string>('packs');
        const rowTable = tx.table<EncryptedRow, string>('revisions');
        const settingsTable = tx.table<EncryptedRow, string>('settings');
        const [packIds, rowIds, sealRow, pageRow] = await Promise.all([
          packTable.toCollection().primaryKeys(),
          rowTable.toCollection().primaryKeys(),
          settingsTable.get(SEAL_ROW_ID),
          settingsTable.get(FIRST_PAGE_ROW_ID),
        ]);
        // Ids are text this code wrote; anything else is refused as a damaged diary, not read.
        if (![...packIds, ...rowIds].every((id: unknown) => typeof id === 'string')) {
          const error = new DecryptionError('a row id is not text');
          settle?.reject(error);
          throw error;
        }
        const packs = new ArrivingRows(packIds);
        const rows = new ArrivingRows(rowIds.filter((id) => id !== PACKED_MARKER_ID));
        arriving = [packs, rows];
        Dexie.ignoreTransaction(() => settle?.resolve({ packs, rows, sealRow, pageRow }));
        // A few reads in flight at once, in key order: one at a time leaves the database idle
        // between answers, and all at once delayed the first answer by over a second at 50,000
        // incidents, so the worker waited. Each run's rows are added in order, as they come.
        // Runs of the size openRows will open them in, so each slice is opened once its run is read.
        const [packRun = PACK_SLICE, rowRun = READ_SLICE] = sliceSizes(rowGroups(packs, rows));
        const runs = [
          ...runsOf(packIds, packRun).map((ids) => ({ table: packTable, ids, to: packs, leftOut: undefined })),
          ...runsOf(rows.ids, rowRun).map((ids) => ({ table: rowTable, ids, to: rows, leftOut: PACKED_MARKER_ID })),
        ];
        const read: (EncryptedRow[] | undefined)[] = [];
        let asked = 0;
        let added = 0;
        const reader = async () => {
          for (let at = asked++; at < runs.length; at = asked++) {
            // The load has failed or the vault has locked: nothing more is read.
            if (stopRows.signal.aborted) throw new TaskCancelledError();
            const run = runs[at];
            if (run) read[at] = await readRun(run.table, run.ids, run.leftOut);
            for (let ready = read[added]; ready; ready = read[added]) {
              runs[added]?.to.add(ready);
              read[added] = undefined;
              added += 1;
            }
          }
        };
        await Promise.all(Array.from({ length: READS_IN_FLIGHT }, reader));
        packs.finish();
        rows.finish();
      }),
    );
    reading.catch((error: unknown) => {
      settle?.reject(error);
      for (const table of arriving) table.fail(error);
    });
    const { packs, rows, sealRow, pageRow } = await listed;
    // A read, seal, page or opening that fails ends the rows' worker and the reads.
    const failing = <T>(read: Promise<T>) =>
      read.catch((error: unknown) => {
        stopRows.abort();
        throw error;
      });
    const [, { packed, opened }, { seal, sealKey }, page] = await Promise.all([
      failing(reading),
      failing(this.openRows(packs, rows, stopRows.signal)),
      failing(this.openSeal(sealRow)),
      failing(this.openPage(pageRow)),
    ]);
    // Locked while the rows were being decrypted (each decryption started before): nothing read
    // may outlive the lock. key() throws once the vault has locked.
    this.key();
    this.packIvs.clear();
    packs.rows.forEach((row, i) => this.packIvs.set(packed[i]?.index ?? -1, row.iv));
    // A row in a packed range (an earlier copy put back, say) is not the chain's: the pack is.
    const loose: LooseRecord[] = [];
    opened.forEach((record, i) => {
      const row = rows.rows[i];
      if (row && !this.packIvs.has(packOf(Number(row.id)))) loose.push({ row, record });
    });
    return { records: inChainOrder(packed, loose), loose, seal, sealRow, sealKey, page };
  }

  /**
   * The packs and the rows, decrypted by the open-rows task (openRowsInWorker.ts: in its worker,
   * or on the page for a small diary) and handed over a slice at a time, parsed on the page. Each
   * pack is checked here (packs.ts) as its slice arrives. Locked meanwhile: the task's next
   * question is refused and the task ended, and the load fails as the lock says. Aborting
   * `signal` ends the task too.
   */
  private async openRows(
    packs: ArrivingRows,
    loose: ArrivingRows,
    signal: AbortSignal,
  ): Promise<{ packed: { index: number; records: RevisionRecord[] }[]; opened: RevisionRecord[] }> {
    const current = this.key();
    let packed: { index: number; records: RevisionRecord[] }[] = [];
    let opened: RevisionRecord[] = [];
    const groups = rowGroups(packs, loose);
    // Shared as each slice is parsed, so the copies it replaces are dropped while still young.
    const shared = new SharedValues({ packSalts: !opensOnPage(groups) });
    await openRows(groups, {
      keys: { current, previous: retiringKeysOf(current)?.dataKey ?? null },
      take: (group, from, values) => {
        if (group !== 0 && group !== 1) throw new DecryptionError('rows of no table');
        for (let i = 0; i < values.length; i += 1) {
          if (group === 0) {
            const row = packs.rows[from + i];
            if (!row) throw new DecryptionError('pack out of range');
            const index = packIndexOf(row);
            const records = parsePack(values[i], index);
            shared.share(records);
            packed.push({ index, records });
          } else {
            const record = values[i] as RevisionRecord;
            shared.share([record]);
            opened.push(record);
          }
        }
      },
      restart: () => {
        packed = [];
        opened = [];
      },
      check: () => void this.key(),
      signal,
    });
    // Each value is read with the row it came from, by place: one for each, or none.
    if (packed.length !== packs.count || opened.length !== loose.count) throw new DecryptionError('rows and values do not match');
    return { packed, opened };
  }

  /**
   * What unlock needs to show the first page before the whole diary is read: the seal row, the
   * page and the last row of the chain, read in one transaction (so a write from another tab
   * cannot show them out of step) and decrypted. Whether they agree is the repository's to judge.
   */
  async readFirstPage(): Promise<FirstPageRead> {
    const [sealRow, pageRow, lastRow, lastPack] = await guardStorage('read', () =>
      this.db.transaction('r', this.db.revisions, this.db.packs, this.db.settings, () =>
        Promise.all([
          this.db.settings.get(SEAL_ROW_ID),
          this.db.settings.get(FIRST_PAGE_ROW_ID),
          this.db.revisions.where(':id').below(PACKED_MARKER_ID).last(),
          this.db.packs.orderBy(':id').last(),
        ]),
      ),
    );
    const [{ seal, sealKey }, page, last] = await Promise.all([
      this.openSeal(sealRow),
      this.openPage(pageRow),
      this.lastRecord(lastRow, lastPack),
    ]);
    return { seal, sealKey, page, last: last?.record ?? null, lastPlace: last?.place ?? null };
  }

  /** The record at the furthest place stored: the last row's, or the last pack's last one, whichever is further on. */
  private async lastRecord(
    lastRow: EncryptedRow | undefined,
    lastPack: EncryptedRow | undefined,
  ): Promise<{ record: RevisionRecord; place: number } | null> {
    const packIndex = lastPack ? packIndexOf(lastPack) : -1;
    const packEnd = (packIndex + 1) * PACK_SIZE - 1;
    if (lastRow && (!lastPack || Number(lastRow.id) > packEnd))
      return { record: await this.table.open(lastRow), place: Number(lastRow.id) };
    if (!lastPack) return null;
    const records = parsePack(await this.packs.open(lastPack), packIndex);
    const record = records.at(-1);
    return record ? { record, place: packEnd } : null;
  }

  /** The page decrypted and read; null for none, or one that does not decrypt or read (then the full load shows the diary). */
  private async openPage(row: EncryptedRow | undefined): Promise<FirstPage | null> {
    if (!row) return null;
    try {
      return parseFirstPage(await this.settings.open(row));
    } catch (error) {
      if (error instanceof DecryptionError) return null;
      throw error;
    }
  }

  private async openSeal(row: EncryptedRow | undefined): Promise<{ seal: StoredSeal; sealKey: CryptoKey }> {
    const key = this.key();
    const sealKey = this.chainKey();
    if (!row) return { seal: { kind: 'none' }, sealKey };
    const previous = retiringKeysOf(key);
    for (const keys of previous ? [{ dataKey: key, chainKey: sealKey }, previous] : [{ dataKey: key, chainKey: sealKey }]) {
      try {
        return { seal: { kind: 'found', value: await decryptRecord(keys.dataKey, 'settings', row.id, row) }, sealKey: keys.chainKey };
      } catch (error) {
        // An altered seal row is a finding about the diary, not a failure to read it.
        if (!(error instanceof DecryptionError)) throw error;
      }
    }
    return { seal: { kind: 'unreadable' }, sealKey };
  }

  /**
   * Encrypts a write's rows and its seal, first: IndexedDB would commit a transaction that waited
   * on it. The seal row carries `findings` forward: a write that passed none would drop them (the
   * repository always passes every finding it knows).
   */
  async seal(
    { rows, appended, end }: DiaryWrite,
    findings: readonly SealFinding[] = [],
    page?: FirstPage,
    recordAt: (seq: number) => RevisionRecord | undefined = () => undefined,
  ): Promise<SealedWrite> {
    const rewritten = rows.slice(0, rows.length - appended);
    // A rewritten record in a pack rewrites its pack: the pack's other records as held.
    const inPacks = new Map<number, Map<number, RevisionRecord>>();
    const asRows: RevisionRecord[] = [];
    for (const row of rewritten) {
      const index = packOf(row.link.seq);
      if (!this.packIvs.has(index)) asRows.push(row);
      else inPacks.set(index, (inPacks.get(index) ?? new Map<number, RevisionRecord>()).set(row.link.seq, row));
    }
    const [updates, packUpdates, additions, seal, firstPage] = await Promise.all([
      Promise.all(asRows.map((row) => this.table.seal(rowId(row.link.seq), row))),
      Promise.all([...inPacks].map(([index, changed]) => this.packWrite(index, changed, recordAt))),
      Promise.all(rows.slice(rows.length - appended).map((row) => this.table.seal(rowId(row.link.seq), row))),
      this.sealRow(end, findings),
      page ? this.pageRow(page) : undefined,
    ]);
    return firstPage ? { updates, packUpdates, additions, seal, firstPage } : { updates, packUpdates, additions, seal };
  }

  /** Pack `index` encrypted again with `changed` in place of what it held. */
  private async packWrite(
    index: number,
    changed: ReadonlyMap<number, RevisionRecord>,
    recordAt: (seq: number) => RevisionRecord | undefined,
  ): Promise<PackWrite> {
    const readIv = this.packIvs.get(index);
    if (!readIv) throw new Error(`pack ${index} is not stored`);
    const records: RevisionRecord[] = [];
    for (let seq = index * PACK_SIZE; seq < (index + 1) * PACK_SIZE; seq += 1) {
      const record = changed.get(seq) ?? recordAt(seq);
      // Every packed record is held once the diary is read: a gap here is a caller's bug.
      if (!record || record.link.seq !== seq) throw new Error(`pack ${index} is not held whole`);
      records.push(record);
    }
    return { index, readIv, row: await this.packs.seal(packId(index), records) };
  }

  /** The page encrypted, padded to its fixed length. */
  private pageRow(page: FirstPage): Promise<EncryptedRow> {
    return this.settings.seal(FIRST_PAGE_ROW_ID, padded(fitFirstPage(page), FIRST_PAGE_BYTES));
  }

  /**
   * Stores an empty page at the empty chain's end, unless a page row exists: every vault has the
   * row from its creation (vault/fixedRows.ts), so its appearing tells an onlooker nothing. Over a
   * diary that is not empty it is never shown (its end is not the seal's); the next load replaces it.
   */
  async ensureFirstPage(): Promise<void> {
    const empty: FirstPage = { v: 1, end: chainEnd([]), incidents: 0, rows: [] };
    const row = await this.pageRow(empty);
    await guardStorage('write', () =>
      this.db.transaction('rw', this.db.settings, async () => {
        if ((await this.db.settings.get(FIRST_PAGE_ROW_ID)) === undefined) await this.db.settings.put(row);
      }),
    );
  }

  /**
   * Writes sealed rows and the seal in one transaction, so on failure nothing is written and the
   * seal never disagrees with the rows. New links are added, not overwritten: a concurrent write
   * from another tab fails instead of forking the chain.
   */
  async store({ updates, packUpdates, additions, seal, firstPage }: SealedWrite): Promise<void> {
    await guardStorage('write', () =>
      this.db.transaction('rw', this.db.revisions, this.db.packs, this.db.settings, async () => {
        // Rows go only where records are still rows, and packs over the packs as read: another
        // tab that has packed or rewritten them since has moved the chain on.
        const rowPacks = [...new Set([...updates, ...additions].map((row) => packOf(Number(row.id))))];
        const packsThere = await this.db.packs.bulkGet(rowPacks.map(packId));
        if (packsThere.some((pack) => pack !== undefined)) throw new ChainMovedError();
        const packsNow = await this.db.packs.bulkGet(packUpdates.map(({ row }) => row.id));
        if (packUpdates.some(({ readIv }, i) => !hasIv(packsNow[i], readIv))) throw new ChainMovedError();
        if (updates.length) await this.db.revisions.bulkPut(updates);
        if (packUpdates.length) await this.db.packs.bulkPut(packUpdates.map(({ row }) => row));
        await this.db.revisions.bulkAdd(additions);
        await this.db.settings.put(seal);
        if (firstPage) await this.db.settings.put(firstPage);
      }),
    );
    for (const { index, row } of packUpdates) this.packIvs.set(index, row.iv);
  }

  /** Whether packAtLoad would find a run of `loose` to pack. */
  hasPackable(loose: readonly LooseRecord[]): boolean {
    return loose.length >= PACK_SIZE && this.packableRuns(loose).length > 0;
  }

  /** Whether any pack was read or written: the diary holds packed records. */
  hasPacks(): boolean {
    return this.packIvs.size > 0;
  }

  private packableRuns(loose: readonly LooseRecord[]): number[] {
    const atPlace = loose.filter(({ row, record }) => row.id === rowId(record.link.seq));
    return packableRanges(
      atPlace.map(({ record }) => record),
      new Set(this.packIvs.keys()),
    );
  }

  /**
   * Packs every complete run of PACK_SIZE records still in rows of their own (`loose`, as readAll
   * read them; packs.ts), each run written as its pack and its rows deleted in one transaction,
   * and only if no pack holds the run yet and every one of its rows is still the row read (another
   * tab may have written or packed since). Returns how many packs it stored.
   */
  async packAtLoad(loose: readonly LooseRecord[]): Promise<number> {
    // Only records at their row's place (as this code writes every record) are packed.
    const atPlace = loose.filter(({ row, record }) => row.id === rowId(record.link.seq));
    const runs = this.packableRuns(atPlace);
    if (runs.length === 0) return 0;
    const members = new Map<number, LooseRecord[]>();
    for (const item of atPlace) {
      const index = packOf(item.record.link.seq);
      members.set(index, [...(members.get(index) ?? []), item]);
    }
    let stored = 0;
    for (let start = 0; start < runs.length; start += PACKS_PER_WRITE) {
      if (start > 0) await yieldToPage();
      const batch = await Promise.all(
        runs.slice(start, start + PACKS_PER_WRITE).map(async (index) => {
          const run = members.get(index) ?? [];
          return {
            index,
            run,
            row: await this.packs.seal(
              packId(index),
              run.map(({ record }) => record),
            ),
          };
        }),
      );
      const written = await guardStorage('write', () =>
        this.db.transaction('rw', this.db.revisions, this.db.packs, this.db.meta, async () => {
          // Only under a header that versions from before packs refuse (vault/packsHeader.ts),
          // checked here: a header written back at version 1 meanwhile stops the packing.
          const header = (await this.db.meta.get(VAULT_HEADER_KEY))?.value as { version?: unknown } | undefined;
          if (header !== undefined && header.version !== 2) return false;
          const there = await this.db.packs.bulkGet(batch.map(({ row }) => row.id));
          if (there.some((pack) => pack !== undefined)) return false;
          const ids = batch.flatMap(({ run }) => run.map(({ row }) => row.id));
          const now = await this.db.revisions.bulkGet(ids);
          const read = batch.flatMap(({ run }) => run.map(({ row }) => row));
          if (now.some((row, i) => row === undefined || !sameRow(row, read[i]))) return false;
          // Before the first pack: from now on a version from before packs cannot read the diary.
          if ((await this.db.revisions.get(PACKED_MARKER_ID)) === undefined) await this.db.revisions.add(packedMarkerRow());
          await this.db.packs.bulkAdd(batch.map(({ row }) => row));
          await this.db.revisions.bulkDelete(ids);
          return true;
        }),
      );
      if (!written) return stored;
      for (const { index, row } of batch) this.packIvs.set(index, row.iv);
      stored += batch.length;
    }
    return stored;
  }

  /**
   * How the chain is stored, read inside a transaction over revisions and packs: how many records
   * (rows, and PACK_SIZE per pack) and the furthest place one is bound to (null for none).
   */
  private async storedChain(): Promise<{ count: number; lastPlace: number | null }> {
    const [rowIds, packIds] = await Promise.all([
      this.db.revisions.where(':id').below(PACKED_MARKER_ID).primaryKeys(),
      this.db.packs.toCollection().primaryKeys(),
    ]);
    const packed = new Set(packIds.map(Number));
    // Rows inside a packed run are not the chain's (readAll leaves them out), so not counted.
    const places = rowIds.map(Number).filter((place) => !packed.has(packOf(place)));
    const lastPlace = Math.max(-1, ...places.slice(-1), ...[...packed].map((index) => (index + 1) * PACK_SIZE - 1));
    return { count: places.length + packed.size * PACK_SIZE, lastPlace: lastPlace < 0 ? null : lastPlace };
  }

  /**
   * At load, stores `emptied` (records of deleted entries still holding content: chain.ts,
   * erasuresDue) over the rows and packs that hold them, only if each is still as read (its IV),
   * in one transaction. The links are unchanged, so the seal is too. Returns whether it stored them.
   */
  async eraseAtLoad(
    emptied: readonly RevisionRecord[],
    loose: readonly LooseRecord[],
    recordAt: (seq: number) => RevisionRecord | undefined,
  ): Promise<boolean> {
    if (emptied.length === 0) return true;
    const looseRows = new Map(loose.map(({ row, record }) => [record.link.seq, row]));
    const inPacks = new Map<number, Map<number, RevisionRecord>>();
    const asRows: { row: RevisionRecord; read: EncryptedRow }[] = [];
    for (const record of emptied) {
      const index = packOf(record.link.seq);
      const read = looseRows.get(record.link.seq);
      if (this.packIvs.has(index))
        inPacks.set(index, (inPacks.get(index) ?? new Map<number, RevisionRecord>()).set(record.link.seq, record));
      else if (read) asRows.push({ row: record, read });
    }
    const [rows, packWrites] = await Promise.all([
      Promise.all(asRows.map(async ({ row, read }) => ({ row: await this.table.seal(read.id, row), read }))),
      Promise.all([...inPacks].map(([index, changed]) => this.packWrite(index, changed, recordAt))),
    ]);
    const stored = await guardStorage('write', () =>
      this.db.transaction('rw', this.db.revisions, this.db.packs, async () => {
        const rowsNow = await this.db.revisions.bulkGet(rows.map(({ read }) => read.id));
        if (rows.some(({ read }, i) => !sameRow(rowsNow[i], read))) return false;
        const packsNow = await this.db.packs.bulkGet(packWrites.map(({ row }) => row.id));
        if (packWrites.some(({ readIv }, i) => !hasIv(packsNow[i], readIv))) return false;
        await this.db.revisions.bulkPut(rows.map(({ row }) => row));
        await this.db.packs.bulkPut(packWrites.map(({ row }) => row));
        return true;
      }),
    );
    if (stored) for (const { index, row } of packWrites) this.packIvs.set(index, row.iv);
    return stored;
  }

  /**
   * At load, stores the first page of the chain as read (`end`), unless another tab has meanwhile
   * written to the chain (its write stored its own page). Returns whether this call stored it.
   */
  async storeFirstPageAtLoad(page: FirstPage): Promise<boolean> {
    const row = await this.pageRow(page);
    return guardStorage('write', () =>
      this.db.transaction('rw', this.db.revisions, this.db.packs, this.db.settings, async () => {
        const { count, lastPlace } = await this.storedChain();
        if (count !== page.end.size) return false;
        if (lastPlace !== (page.end.size === 0 ? null : page.end.size - 1)) return false;
        await this.db.settings.put(row);
        return true;
      }),
    );
  }

  /**
   * At load, seals the chain as it is, with `findings`, in place of the seal row that load read
   * (`read`; undefined when there was none): a diary from before version 2 sealed for the first
   * time, or a finding recorded. Nothing is stored if another tab has meanwhile written to the
   * chain or the seal row. Returns whether this call stored the seal.
   */
  async resealAtLoad(end: ChainEnd, findings: readonly SealFinding[], read: EncryptedRow | undefined): Promise<boolean> {
    const seal = await this.sealRow(end, findings);
    return guardStorage('write', () =>
      this.db.transaction('rw', this.db.revisions, this.db.packs, this.db.settings, async () => {
        if (!sameRow(await this.db.settings.get(SEAL_ROW_ID), read)) return false;
        if ((await this.storedChain()).count !== end.size) return false;
        await this.db.settings.put(seal);
        return true;
      }),
    );
  }

  /** The seal row, encrypted, for a chain ending at `end` with `findings` (a new vault stores it with its header). */
  async sealRow({ size, head }: ChainEnd, findings: readonly SealFinding[]): Promise<EncryptedRow> {
    const value: SealRow = { v: 2, seal: await sealChain(this.chainKey(), size, head), findings: [...findings] };
    // Padded: the row's length must not tell how many findings it holds.
    return this.settings.seal(SEAL_ROW_ID, padded(value));
  }
}

/** Packed records and loose ones in chain order: packs in order, then rows, merged by place when a run of rows lies below a pack. */
function inChainOrder(packs: readonly { records: RevisionRecord[] }[], loose: readonly LooseRecord[]): RevisionRecord[] {
  const records: RevisionRecord[] = [];
  for (const pack of packs) for (const record of pack.records) records.push(record);
  for (const { record } of loose) records.push(record);
  // Packed runs come first and rows after, the usual case (packing takes every complete run);
  // rows below a pack (a run left with one missing) are put in place.
  for (let i = 1; i < records.length; i += 1) {
    if ((records[i - 1]?.link.seq ?? 0) > (records[i]?.link.seq ?? 0))
      return sharedPrevHashes(records.sort((a, b) => a.link.seq - b.link.seq));
  }
  return sharedPrevHashes(records);
}

/**
 * Each link's prevHash that equals the hash of the link before made the same string: JSON.parse
 * gives every record its own copy of it, 64 characters per record held for the whole session.
 * Only an equal string is replaced, so nothing the chain check sees changes.
 */
function sharedPrevHashes(records: RevisionRecord[]): RevisionRecord[] {
  for (let i = 1; i < records.length; i += 1) {
    const prev = records[i - 1]?.link;
    const link = records[i]?.link;
    if (prev && link && link.prevHash === prev.hash) link.prevHash = prev.hash;
  }
  return records;
}
