import { decryptRecord, DecryptionError, encryptRecord, type EncryptedRecord } from '../crypto';
import { retiringKeysOf } from '../crypto/retiringKeys';
import { rowWriting } from './diary/packs';
import type { DaybookDatabase, EncryptedRow, EncryptedTableName } from './db';
import { guardStorage } from './storageErrors';

/** Random, meaningless ids: 128 bits, hex. */
export function newRecordId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Decrypts a record with `key`, or, while the data key is being replaced (crypto/retiringKeys.ts),
 * with the previous key for a row not yet re-encrypted. The additional data is the same either
 * way: the row is still bound to its table and id.
 */
export async function openRecord<T>(key: CryptoKey, table: string, id: string, record: EncryptedRecord): Promise<T> {
  try {
    return await decryptRecord<T>(key, table, id, record);
  } catch (error) {
    const previous = error instanceof DecryptionError ? retiringKeysOf(key) : undefined;
    if (!previous) throw error;
    return decryptRecord<T>(previous.dataKey, table, id, record);
  }
}

/**
 * A table of encrypted records. Each value is encrypted (bound to table and id) before a short
 * write transaction: IndexedDB commits a transaction as soon as it waits on anything else.
 */
export class EncryptedTable<T> {
  constructor(
    private readonly db: DaybookDatabase,
    private readonly name: EncryptedTableName,
    private readonly key: () => CryptoKey,
  ) {}

  async seal(id: string, value: T): Promise<EncryptedRow> {
    return { id, ...(await encryptRecord(this.key(), this.name, id, value, rowWriting(this.name))) };
  }

  async put(id: string, value: T): Promise<void> {
    const row = await this.seal(id, value);
    await guardStorage('write', () => this.db.encrypted(this.name).put(row));
  }

  /**
   * Stores `value` under `id` unless a row with that id exists (another tab, or an earlier
   * unlock, may have written it). Encrypted first; checked and written in one transaction.
   * Returns whether this call stored it.
   */
  async putIfAbsent(id: string, value: T): Promise<boolean> {
    const row = await this.seal(id, value);
    const table = this.db.encrypted(this.name);
    return guardStorage('write', () =>
      this.db.transaction('rw', table, async () => {
        if ((await table.get(id)) !== undefined) return false;
        await table.put(row);
        return true;
      }),
    );
  }

  /** Decrypts a row read elsewhere (inside a transaction that also read other tables). */
  open(row: EncryptedRow): Promise<T> {
    return openRecord<T>(this.key(), this.name, row.id, row);
  }

  async get(id: string): Promise<T | undefined> {
    const row = await guardStorage('read', () => this.db.encrypted(this.name).get(id));
    if (!row) return undefined;
    return openRecord<T>(this.key(), this.name, id, row);
  }

  async all(): Promise<{ id: string; value: T }[]> {
    const rows = await guardStorage('read', () => this.db.encrypted(this.name).toArray());
    const key = this.key();
    return Promise.all(rows.map(async (row) => ({ id: row.id, value: await openRecord<T>(key, this.name, row.id, row) })));
  }

  async delete(id: string): Promise<void> {
    await guardStorage('write', () => this.db.encrypted(this.name).delete(id));
  }
}
