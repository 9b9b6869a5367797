/**
 * Every version of Daybook's IndexedDB schema, oldest first. Never edit a shipped version:
 * add a new one (with an upgrade function when rows must change). The schema-upgrade test
 * builds a database at each version and opens it with the current code.
 *
 * Only random ids are indexed. Rows hold ciphertext, IVs and the vault header: never dates,
 * kinds, names or text of the user's.
 */
import type { Transaction } from 'dexie';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (transaction: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // Not secret: the vault header (salt, KDF parameters, wrapped keys) and unlock throttling.
      meta: '&key',
      // Encrypted records, one table per kind, keyed by random id.
      settings: '&id',
      drafts: '&id',
      // The diary: one row per revision or tombstone, keyed by its position in the hash chain.
      revisions: '&id',
      // Attachment bytes, encrypted in chunks; id is `${attachmentId}:${chunk index, zero-padded}`.
      chunks: '&id',
      // Saved results of the stalking-or-harassment checklist.
      checklists: '&id',
    },
  },
  {
    version: 2,
    stores: {
      // The sealed inbox (core/inbox): items added while locked, encrypted to the vault's inbox
      // public key (stored in meta). An item row is written after its chunks; ids are random.
      inbox: '&id',
      // An inbox item's bytes, encrypted in chunks; id is `${itemId}:${chunk index, zero-padded}`.
      inboxChunks: '&id',
    },
  },
  {
    version: 3,
    stores: {
      // The diary's records packed 64 to a row (core/store/diary/packs.ts), keyed by the pack's
      // number: records reach it from `revisions` when a load packs them. No upgrade: packing
      // needs the data key, so it happens at unlock.
      packs: '&id',
    },
  },
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 1;

export const DATABASE_NAME = 'daybook';
