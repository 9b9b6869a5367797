// The sealed inbox's rows as stored (docs: /tmp contract "Sealed inbox", issue 17). Nothing here
// is plaintext but ids, IVs, the ephemeral public key and the chunk count; this module has no
// Dexie and no React, so the service worker can bundle it.

import { isBytes } from '../crypto/encoding';

// The row types live beside the database's tables (store/db.ts), which this folder imports.
export type { InboxChunkRow, InboxItemRow } from '../store/db';

export const INBOX_TABLE = 'inbox';
export const INBOX_CHUNKS_TABLE = 'inboxChunks';
/** The meta row (key) holding the inbox's public key in the clear: `{ v: 1, raw: Uint8Array }`. */
export const INBOX_PUBLIC_KEY = 'inboxPublicKey';

/** Plaintext bytes per chunk. */
export const INBOX_CHUNK_BYTES = 1024 * 1024;
/** The largest item accepted (as an attachment: core/store/attachmentStore.ts MAX_ATTACHMENT_BYTES). */
export const MAX_INBOX_ITEM_BYTES = 100 * 1024 * 1024;
/** Chunks of the largest item: more on a row is refused before anything is read. */
export const MAX_INBOX_CHUNKS = Math.ceil(MAX_INBOX_ITEM_BYTES / INBOX_CHUNK_BYTES);
/** The encrypted meta's largest length (JSON of a name of at most 1,000 characters and a type, plus the tag). */
export const MAX_INBOX_META_BYTES = 16 * 1024;
/** AES-GCM IV and tag lengths. */
export const INBOX_IV_BYTES = 12;
export const INBOX_TAG_BYTES = 16;
/** Raw uncompressed P-256 point. */
export const INBOX_PUBLIC_KEY_BYTES = 65;

const ITEM_ID = /^[0-9a-f]{32}$/;

export function isInboxItemId(value: unknown): value is string {
  return typeof value === 'string' && ITEM_ID.test(value);
}

export function inboxChunkId(itemId: string, index: number): string {
  return `${itemId}:${String(index).padStart(6, '0')}`;
}

/** The item id a chunk row belongs to, or null for a key that is no chunk id. */
export function inboxItemIdOfChunk(chunkId: string): string | null {
  const [itemId, index, ...rest] = chunkId.split(':');
  return rest.length === 0 && isInboxItemId(itemId) && index !== undefined && /^\d{6}$/.test(index) ? itemId : null;
}

/** The stored public-key meta value, if it is one: `{ v: 1, raw }` with a raw uncompressed point. */
export function publicKeyFromMeta(value: unknown): Uint8Array | null {
  if (typeof value !== 'object' || value === null) return null;
  const { v, raw } = value as { v?: unknown; raw?: unknown };
  if (v !== 1 || !isBytes(raw) || raw.length !== INBOX_PUBLIC_KEY_BYTES || raw[0] !== 4) return null;
  return raw;
}
