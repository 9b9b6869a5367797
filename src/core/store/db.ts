import Dexie, { type Table } from 'dexie';
import type { EncryptedRecord } from '../crypto';
import { DATABASE_NAME, SCHEMA_VERSIONS, type SchemaVersion } from './schema';

export interface MetaRow {
  key: string;
  value: unknown;
}

/** An encrypted record as stored: a random id, then ciphertext and IV only. */
export type EncryptedRow = EncryptedRecord & { id: string };

/** Tables whose rows are encrypted records. */
export type EncryptedTableName = 'settings' | 'drafts' | 'revisions' | 'checklists';

/** One encrypted chunk of an attachment (see crypto/blobs.ts); no plaintext but its position. */
export interface ChunkRow {
  id: string;
  iv: Uint8Array;
  data: Uint8Array;
  last: boolean;
}

export class DaybookDatabase extends Dexie {
  declare meta: Table<MetaRow, string>;
  declare settings: Table<EncryptedRow, string>;
  declare drafts: Table<EncryptedRow, string>;
  declare revisions: Table<EncryptedRow, string>;
  declare chunks: Table<ChunkRow, string>;
  declare checklists: Table<EncryptedRow, string>;

  constructor(name: string = DATABASE_NAME, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
    super(name);
    for (const { version, stores, upgrade } of versions) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
  }

  encrypted(table: EncryptedTableName): Table<EncryptedRow, string> {
    return this.table(table);
  }
}
