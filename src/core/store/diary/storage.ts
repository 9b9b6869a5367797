// The diary's rows in IndexedDB: each record encrypted (bound to the table and its row id), all
// of a change written in one short transaction together with the seal of the chain it leaves.

import { sealChain } from '../../evidence';
import { bytesEqual, decryptRecord, DecryptionError } from '../../crypto';
import { retiringKeysOf } from '../../crypto/retiringKeys';
import type { DaybookDatabase, EncryptedRow } from '../db';
import { EncryptedTable } from '../encryptedTable';
import { padded } from '../padding';
import { guardStorage } from '../storageErrors';
import { FIRST_PAGE_BYTES, FIRST_PAGE_ROW_ID, fitFirstPage, parseFirstPage, type FirstPage } from './firstPage';
import { chainEnd, SEAL_ROW_ID, type ChainEnd, type SealFinding, type SealRow, type StoredSeal } from './seal';
import type { DiaryWrite, RevisionRecord } from './types';

/** A write's rows encrypted: rows it rewrites, new links, and the seal of the chain after it. */
export interface SealedWrite {
  updates: EncryptedRow[];
  additions: EncryptedRow[];
  seal: EncryptedRow;
  /** The first page as the write leaves it (firstPage.ts), stored with the seal; none from a caller that keeps no page. */
  firstPage?: EncryptedRow;
}

/** What unlock reads before the whole diary: the seal row, the first page and the last link's row, as stored. */
export interface FirstPageRead {
  seal: StoredSeal;
  sealKey: CryptoKey;
  page: FirstPage | null;
  last: RevisionRecord | null;
  lastRowId: string | null;
}

/** Rows decrypted between two turns of the page (see openInSlices): a few tens of milliseconds on a slow phone. */
const READ_SLICE = 250;

/**
 * Lets the page run what is waiting (a frame, a tap on Quick exit) before going on. A message to
 * itself, not a timer: browsers stretch nested timers to 4 ms, 200 times over for a large diary.
 */
function yieldToPage(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** Row ids follow chain order, so reading the table in key order reads the chain in order. */
export const rowId = (seq: number) => String(seq).padStart(12, '0');

/** The same stored row (or both none): every encryption has a fresh IV. */
function sameRow(a: EncryptedRow | undefined, b: EncryptedRow | undefined): boolean {
  return a === undefined || b === undefined ? a === b : bytesEqual(a.iv, b.iv);
}

export class DiaryStorage {
  private readonly table: EncryptedTable<RevisionRecord>;
  private readonly settings: EncryptedTable<unknown>;

  constructor(
    private readonly db: DaybookDatabase,
    private readonly key: () => CryptoKey,
    private readonly chainKey: () => CryptoKey,
  ) {
    this.table = new EncryptedTable(db, 'revisions', key);
    this.settings = new EncryptedTable(db, 'settings', key);
  }

  /**
   * Every record, decrypted, in chain order, and the seal row. Both are read in one transaction,
   * so a write from another tab can never show as a chain and a seal out of step. `sealRow` is
   * the row as stored, for resealAtLoad to tell whether anyone has written since. `sealKey` is the
   * chain key to judge the seal with: the previous one for a seal row still under the previous
   * data key while that key is being replaced (a row's key and its seal's key always go together).
   */
  async readAll(): Promise<{
    records: RevisionRecord[];
    seal: StoredSeal;
    sealRow: EncryptedRow | undefined;
    sealKey: CryptoKey;
    page: FirstPage | null;
  }> {
    this.key(); // locked already: read nothing
    const [rows, sealRow, pageRow] = await guardStorage('read', () =>
      this.db.transaction('r', this.db.revisions, this.db.settings, () =>
        Promise.all([this.db.revisions.toArray(), this.db.settings.get(SEAL_ROW_ID), this.db.settings.get(FIRST_PAGE_ROW_ID)]),
      ),
    );
    rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    const [records, { seal, sealKey }, page] = await Promise.all([this.openInSlices(rows), this.openSeal(sealRow), this.openPage(pageRow)]);
    // Locked while the rows were being decrypted (each decryption started before): nothing read
    // may outlive the lock. key() throws once the vault has locked.
    this.key();
    return { records, seal, sealRow, sealKey, page };
  }

  /**
   * Decrypts rows a slice at a time, giving the page a turn between slices: a large diary read
   * all at once queues tens of thousands of callbacks that hold up every frame (the first rows'
   * among them) and every tap until the last has run. Each slice's decryptions still run side by
   * side in WebCrypto.
   */
  private async openInSlices(rows: readonly EncryptedRow[]): Promise<RevisionRecord[]> {
    const records: RevisionRecord[] = [];
    for (let start = 0; start < rows.length; start += READ_SLICE) {
      if (start > 0) await yieldToPage();
      const slice = await Promise.all(rows.slice(start, start + READ_SLICE).map((row) => this.table.open(row)));
      for (const record of slice) records.push(record);
    }
    return records;
  }

  /**
   * What unlock needs to show the first page before the whole diary is read: the seal row, the
   * page and the last row of the chain, read in one transaction (so a write from another tab
   * cannot show them out of step) and decrypted. Whether they agree is the repository's to judge.
   */
  async readFirstPage(): Promise<FirstPageRead> {
    const [sealRow, pageRow, lastRow] = await guardStorage('read', () =>
      this.db.transaction('r', this.db.revisions, this.db.settings, () =>
        Promise.all([this.db.settings.get(SEAL_ROW_ID), this.db.settings.get(FIRST_PAGE_ROW_ID), this.db.revisions.orderBy(':id').last()]),
      ),
    );
    const [{ seal, sealKey }, page, last] = await Promise.all([
      this.openSeal(sealRow),
      this.openPage(pageRow),
      lastRow ? this.table.open(lastRow) : Promise.resolve(null),
    ]);
    return { seal, sealKey, page, last, lastRowId: lastRow?.id ?? null };
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
  async seal({ rows, appended, end }: DiaryWrite, findings: readonly SealFinding[] = [], page?: FirstPage): Promise<SealedWrite> {
    const [sealed, seal, firstPage] = await Promise.all([
      Promise.all(rows.map((row) => this.table.seal(rowId(row.link.seq), row))),
      this.sealRow(end, findings),
      page ? this.pageRow(page) : undefined,
    ]);
    const updates = sealed.slice(0, sealed.length - appended);
    const additions = sealed.slice(sealed.length - appended);
    return firstPage ? { updates, additions, seal, firstPage } : { updates, additions, seal };
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
  async store({ updates, additions, seal, firstPage }: SealedWrite): Promise<void> {
    await guardStorage('write', () =>
      this.db.transaction('rw', this.db.revisions, this.db.settings, async () => {
        if (updates.length) await this.db.revisions.bulkPut(updates);
        await this.db.revisions.bulkAdd(additions);
        await this.db.settings.put(seal);
        if (firstPage) await this.db.settings.put(firstPage);
      }),
    );
  }

  /**
   * At load, stores the first page of the chain as read (`end`), unless another tab has meanwhile
   * written to the chain (its write stored its own page). Returns whether this call stored it.
   */
  async storeFirstPageAtLoad(page: FirstPage): Promise<boolean> {
    const row = await this.pageRow(page);
    return guardStorage('write', () =>
      this.db.transaction('rw', this.db.revisions, this.db.settings, async () => {
        if ((await this.db.revisions.count()) !== page.end.size) return false;
        const last = await this.db.revisions.orderBy(':id').last();
        if ((last === undefined) !== (page.end.size === 0)) return false;
        if (last && last.id !== rowId(page.end.size - 1)) return false;
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
      this.db.transaction('rw', this.db.revisions, this.db.settings, async () => {
        if (!sameRow(await this.db.settings.get(SEAL_ROW_ID), read)) return false;
        if ((await this.db.revisions.count()) !== end.size) return false;
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
