import Dexie, { type Table } from 'dexie';
import type { EncryptedRecord } from '../crypto';
import { DATABASE_NAME, SCHEMA_VERSIONS, type SchemaVersion } from './schema';

export interface MetaRow {
  key: string;
  value: unknown;
}

/** The vault header's row in `meta` (crypto/vaultKeys.ts, VaultHeader). */
export const VAULT_HEADER_KEY = 'vaultHeader';

/** An encrypted record as stored: a random id, then ciphertext and IV only. */
export type EncryptedRow = EncryptedRecord & { id: string };

/** Tables whose rows are encrypted records. */
export type EncryptedTableName = 'settings' | 'drafts' | 'revisions' | 'packs' | 'checklists';

/** One encrypted chunk of an attachment (see crypto/blobs.ts); no plaintext but its position. */
export interface ChunkRow {
  id: string;
  iv: Uint8Array;
  data: Uint8Array;
  last: boolean;
}

/**
 * One item sealed into the inbox (core/inbox/seal.ts): written last, so its presence marks the
 * item complete. Only the ephemeral public key and the chunk count are in the clear.
 */
export interface InboxItemRow {
  /** Random, 128 bits, hex. */
  id: string;
  /** The item's ephemeral ECDH P-256 public key, raw uncompressed (65 bytes). */
  ephemeralPublicKey: Uint8Array;
  /** IV of the encrypted meta. */
  iv: Uint8Array;
  /** The item's meta (name, type, size, SHA-256, when received) as JSON, AES-GCM encrypted. */
  meta: Uint8Array;
  /** How many chunk rows the item has (at least 1). */
  chunks: number;
}

/** One encrypted chunk of an inbox item; id is `${itemId}:${index zero-padded to 6}`. */
export type InboxChunkRow = ChunkRow;

export class DaybookDatabase extends Dexie {
  declare meta: Table<MetaRow, string>;
  declare settings: Table<EncryptedRow, string>;
  declare drafts: Table<EncryptedRow, string>;
  declare revisions: Table<EncryptedRow, string>;
  declare packs: Table<EncryptedRow, string>;
  declare chunks: Table<ChunkRow, string>;
  declare checklists: Table<EncryptedRow, string>;
  declare inbox: Table<InboxItemRow, string>;
  declare inboxChunks: Table<InboxChunkRow, string>;

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
