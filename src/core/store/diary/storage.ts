// The diary's rows in IndexedDB: each record encrypted (bound to the table and its row id), all
// of a change written in one short transaction.

import type { DaybookDatabase, EncryptedRow } from '../db';
import { EncryptedTable } from '../encryptedTable';
import { guardStorage } from '../storageErrors';
import type { DiaryWrite, RevisionRecord } from './types';

/** A write's rows encrypted: rows it rewrites, and new links. */
export interface SealedWrite {
  updates: EncryptedRow[];
  additions: EncryptedRow[];
}

/** Row ids follow chain order, so reading the table in key order reads the chain in order. */
const rowId = (seq: number) => String(seq).padStart(12, '0');

export class DiaryStorage {
  private readonly table: EncryptedTable<RevisionRecord>;

  constructor(
    private readonly db: DaybookDatabase,
    key: () => CryptoKey,
  ) {
    this.table = new EncryptedTable(db, 'revisions', key);
  }

  /** Every record, decrypted, in chain order. */
  async readAll(): Promise<RevisionRecord[]> {
    const rows = await this.table.all();
    rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    return rows.map((row) => row.value);
  }

  /** Encrypts a write's rows, first: IndexedDB would commit a transaction that waited on it. */
  async seal({ rows, appended }: DiaryWrite): Promise<SealedWrite> {
    const sealed = await Promise.all(rows.map((row) => this.table.seal(rowId(row.link.seq), row)));
    return { updates: sealed.slice(0, sealed.length - appended), additions: sealed.slice(sealed.length - appended) };
  }

  /**
   * Writes sealed rows in one transaction, so on failure nothing is written. New links are
   * added, not overwritten: a concurrent write from another tab fails instead of forking the chain.
   */
  async store({ updates, additions }: SealedWrite): Promise<void> {
    await guardStorage('write', () =>
      this.db.transaction('rw', this.db.revisions, async () => {
        if (updates.length) await this.db.revisions.bulkPut(updates);
        await this.db.revisions.bulkAdd(additions);
      }),
    );
  }
}
