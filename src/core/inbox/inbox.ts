// The sealed inbox on the app's side (unlocked only, Dexie allowed): the vault's inbox key pair,
// and listing, reading and removing what was sealed into the inbox (seal.ts), locked or not.
//
// The key pair: its public key in the meta table in the clear (the lock screen and the service
// worker seal with it), its private key (pkcs8) only as an encrypted settings row with the fixed
// id 'inbox-private-key', under the data key like every other row, so replacing the data key
// re-encrypts it (store/rekey.ts covers every settings row). At every unlock ensureKeys() makes
// the pair if there is none, and puts back the public key that belongs to the private key if the
// stored one is missing or differs: someone holding the locked phone could have swapped in their
// own, to read what is shared later; from that unlock on, items are sealed to the vault's key again.
//
// Everything read is hostile: each row's shape and sizes are checked before anything is
// allocated or decrypted, and any failure is an InboxError (an item that fails is listed as
// damaged, never dropped silently and never crashing the list).

import { asBufferSource, base64ToBytes, bytesEqual, bytesToBase64, isBytes, utf8Decode } from '../crypto/encoding';
import { readBytes } from '../store/attachments/readBytes';
import type { DaybookDatabase } from '../store/db';
import { EncryptedTable } from '../store/encryptedTable';
import { padded } from '../store/padding';
import { guardStorage, StorageError } from '../store/storageErrors';
import { InboxError, inboxDamaged, inboxNotFound, type InboxErrorCode } from './errors';
import { liveStreamIds, streamChunkAdditionalData } from './stream';
import {
  INBOX_CHUNK_BYTES,
  INBOX_IV_BYTES,
  INBOX_PUBLIC_KEY,
  INBOX_PUBLIC_KEY_BYTES,
  INBOX_TAG_BYTES,
  inboxChunkId,
  inboxItemIdOfChunk,
  isInboxItemId,
  MAX_INBOX_META_BYTES,
  publicKeyFromMeta,
  type InboxChunkRow,
  type InboxItemRow,
} from './inboxRows';
import {
  chunkAdditionalData,
  chunkCountFor,
  itemKey,
  metaAdditionalData,
  MAX_STREAM_CHUNKS,
  openSealed,
  parseSealedMeta,
  resealInboxItem,
  toHex,
  type InboxItemMeta,
  type InboxWriter,
} from './seal';

/** The settings row holding the inbox's private key, encrypted with the data key. */
export const INBOX_PRIVATE_KEY_ROW = 'inbox-private-key';
/** Items listed at most (oldest first among them); an inbox filled beyond is told by count(). */
export const MAX_LISTED_ITEMS = 1000;

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

/**
 * An item as listed: its meta, or that it is damaged (and why). `live`: a recording being
 * written now (in this tab or another); one whose meta still says 'recording' but is not live
 * was cut off (interrupted) and holds what was written until then.
 */
export type OpenedInboxItem =
  { id: string; status: 'ok'; meta: InboxItemMeta; live?: boolean } | { id: string; status: 'damaged'; code: InboxErrorCode };

/** Whether a listed recording was cut off before it was stopped (a crash, a closed page). */
export function isInterrupted(item: OpenedInboxItem): boolean {
  return item.status === 'ok' && item.meta.state === 'recording' && item.live !== true;
}

interface InboxKeys {
  privateKey: CryptoKey;
  publicRaw: Uint8Array;
}

function base64UrlToBytes(text: string): Uint8Array {
  return base64ToBytes(
    text
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(text.length / 4) * 4, '='),
  );
}

/** The raw uncompressed public point of a pkcs8 P-256 private key. */
async function publicRawOf(pkcs8: Uint8Array): Promise<Uint8Array> {
  const extractable = await crypto.subtle.importKey('pkcs8', asBufferSource(pkcs8), ECDH, true, ['deriveBits']);
  const { x, y } = await crypto.subtle.exportKey('jwk', extractable);
  if (typeof x !== 'string' || typeof y !== 'string') throw inboxDamaged('private key has no public point');
  const xs = base64UrlToBytes(x);
  const ys = base64UrlToBytes(y);
  if (xs.length !== 32 || ys.length !== 32) throw inboxDamaged('private key has a bad public point');
  const raw = new Uint8Array(INBOX_PUBLIC_KEY_BYTES);
  raw[0] = 4;
  raw.set(xs, 1);
  raw.set(ys, 33);
  return raw;
}

function pkcs8Of(value: unknown): Uint8Array {
  const pkcs8 = typeof value === 'object' && value !== null ? (value as { v?: unknown; pkcs8?: unknown }) : {};
  if (pkcs8.v !== 1 || typeof pkcs8.pkcs8 !== 'string' || pkcs8.pkcs8.length > 1024) throw inboxDamaged('private key row malformed');
  return base64ToBytes(pkcs8.pkcs8);
}

/** An item row's fields, checked before anything is allocated or decrypted. */
export function checkItemRow(row: unknown): InboxItemRow {
  if (typeof row !== 'object' || row === null) throw inboxDamaged('item row is not an object');
  const { id, ephemeralPublicKey, iv, meta, chunks } = row as Record<string, unknown>;
  if (!isInboxItemId(id)) throw inboxDamaged('bad item id');
  if (!isBytes(ephemeralPublicKey) || ephemeralPublicKey.length !== INBOX_PUBLIC_KEY_BYTES) throw inboxDamaged('bad ephemeral key');
  if (!isBytes(iv) || iv.length !== INBOX_IV_BYTES) throw inboxDamaged('bad IV');
  if (!isBytes(meta) || meta.length < INBOX_TAG_BYTES || meta.length > MAX_INBOX_META_BYTES) throw inboxDamaged('bad meta length');
  // At least one for an item sealed whole (checked against its size once its meta is open); a
  // streamed item has none until its first chunk.
  if (typeof chunks !== 'number' || !Number.isSafeInteger(chunks) || chunks < 0 || chunks > MAX_STREAM_CHUNKS)
    throw inboxDamaged('bad chunk count');
  return { id, ephemeralPublicKey, iv, meta, chunks };
}

/** A streamed chunk row's fields: never empty, at most a chunk's length, never marked last (stream.ts). */
function checkStreamChunkRow(row: unknown, id: string): InboxChunkRow {
  if (typeof row !== 'object' || row === null) throw inboxDamaged('chunk missing');
  const fields = row as Record<string, unknown>;
  if (fields.id !== id) throw inboxDamaged('chunk id');
  if (!isBytes(fields.iv) || fields.iv.length !== INBOX_IV_BYTES) throw inboxDamaged('chunk IV');
  if (!isBytes(fields.data) || fields.data.length <= INBOX_TAG_BYTES || fields.data.length > INBOX_CHUNK_BYTES + INBOX_TAG_BYTES)
    throw inboxDamaged('chunk length');
  if (fields.last !== false) throw inboxDamaged('chunk order');
  return { id, iv: fields.iv, data: fields.data, last: false };
}

/** A chunk row's fields, checked against where it must stand in its item. */
function checkChunkRow(row: unknown, id: string, plaintextLength: number, last: boolean): InboxChunkRow {
  if (typeof row !== 'object' || row === null) throw inboxDamaged('chunk missing');
  const fields = row as Record<string, unknown>;
  if (fields.id !== id) throw inboxDamaged('chunk id');
  if (!isBytes(fields.iv) || fields.iv.length !== INBOX_IV_BYTES) throw inboxDamaged('chunk IV');
  if (!isBytes(fields.data) || fields.data.length !== plaintextLength + INBOX_TAG_BYTES) throw inboxDamaged('chunk length');
  if (fields.last !== last) throw inboxDamaged('chunk order');
  return { id, iv: fields.iv, data: fields.data, last };
}

/** Errors that are not the inbox's own (storage, locked vault) pass; anything else becomes 'inbox/damaged'. */
function typed(error: unknown): unknown {
  if (error instanceof InboxError || error instanceof StorageError) return error;
  // The vault's (core/vault imports this folder, so it is known here by name).
  if (error instanceof Error && error.name === 'VaultLockedError') return error;
  return inboxDamaged('unexpected failure', { cause: error });
}

/** Writes sealed rows through Dexie (sealing while unlocked; tests). */
export function dexieInboxWriter(db: DaybookDatabase): InboxWriter {
  return {
    putChunk: (row) => guardStorage('write', () => db.inboxChunks.put(row)).then(() => undefined),
    putItem: (row) => guardStorage('write', () => db.inbox.put(row)).then(() => undefined),
  };
}

/** The inbox of an unlocked vault. Every call needs the data key: locked, it throws VaultLockedError. */
export class InboxStore {
  private readonly settings: EncryptedTable<unknown>;

  constructor(
    private readonly db: DaybookDatabase,
    private readonly key: () => CryptoKey,
  ) {
    this.settings = new EncryptedTable<unknown>(db, 'settings', key);
  }

  /**
   * Makes the key pair unless it exists, and puts back the public key belonging to the private
   * key if the stored one is missing or differs. Two tabs at once make one pair: the private key
   * and the public key are written together only where no private key is stored.
   */
  async ensureKeys(): Promise<void> {
    let stored = await this.settings.get(INBOX_PRIVATE_KEY_ROW);
    if (stored === undefined) {
      const pair = (await crypto.subtle.generateKey(ECDH, true, ['deriveBits'])) as CryptoKeyPair;
      const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
      const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
      // Padded as the other fixed rows are (store/padding.ts): every vault's rows look alike.
      const row = await this.settings.seal(INBOX_PRIVATE_KEY_ROW, padded({ v: 1, pkcs8: bytesToBase64(pkcs8) }));
      pkcs8.fill(0);
      const wrote = await guardStorage('write', () =>
        this.db.transaction('rw', this.db.settings, this.db.meta, async () => {
          if ((await this.db.settings.get(INBOX_PRIVATE_KEY_ROW)) !== undefined) return false;
          await this.db.settings.put(row);
          await this.db.meta.put({ key: INBOX_PUBLIC_KEY, value: { v: 1, raw } });
          return true;
        }),
      );
      if (wrote) return;
      stored = await this.settings.get(INBOX_PRIVATE_KEY_ROW);
    }
    const publicRaw = await publicRawOf(pkcs8Of(stored));
    const current = publicKeyFromMeta((await guardStorage('read', () => this.db.meta.get(INBOX_PUBLIC_KEY)))?.value);
    if (!current || !bytesEqual(current, publicRaw)) {
      await guardStorage('write', () => this.db.meta.put({ key: INBOX_PUBLIC_KEY, value: { v: 1, raw: publicRaw } }));
    }
  }

  /** The private key (not extractable) and its public point, from the encrypted row. */
  private async keys(): Promise<InboxKeys> {
    const stored = await this.settings.get(INBOX_PRIVATE_KEY_ROW);
    if (stored === undefined) throw new InboxError('inbox/no-key', 'No inbox private key is stored');
    const pkcs8 = pkcs8Of(stored);
    try {
      const publicRaw = await publicRawOf(pkcs8);
      const privateKey = await crypto.subtle.importKey('pkcs8', asBufferSource(pkcs8), ECDH, false, ['deriveBits']);
      return { privateKey, publicRaw };
    } catch (error) {
      throw typed(error);
    } finally {
      pkcs8.fill(0);
    }
  }

  private async openItem(
    keys: InboxKeys,
    row: InboxItemRow,
  ): Promise<{ meta: InboxItemMeta; key: CryptoKey; streamChunks: number | null }> {
    let ephemeral: CryptoKey;
    try {
      ephemeral = await crypto.subtle.importKey('raw', asBufferSource(row.ephemeralPublicKey), ECDH, false, []);
    } catch (cause) {
      throw inboxDamaged('ephemeral key is no point on the curve', { cause });
    }
    const key = await itemKey(keys.privateKey, ephemeral, row.ephemeralPublicKey, keys.publicRaw, 'decrypt');
    const plaintext = await openSealed(key, row.iv, row.meta, metaAdditionalData(row.id));
    const { meta, streamChunks } = parseSealedMeta(plaintext);
    if (streamChunks === null ? row.chunks !== chunkCountFor(meta.size) : row.chunks !== streamChunks)
      throw inboxDamaged('chunk count does not match the meta');
    // A streamed item's bytes fill its chunks: each holds at least one byte and at most a chunk's worth.
    if (streamChunks !== null && (meta.size < streamChunks || meta.size > streamChunks * INBOX_CHUNK_BYTES))
      throw inboxDamaged('size does not fit the chunks');
    return { meta, key, streamChunks };
  }

  /** Complete items stored (an inbox filled beyond MAX_LISTED_ITEMS lists only that many). */
  count(): Promise<number> {
    return guardStorage('read', () => this.db.inbox.count());
  }

  /**
   * Every complete item's meta, oldest first by the time it was received (device clock), then
   * the damaged ones. At most MAX_LISTED_ITEMS are read (in id order, which is random).
   */
  async list(): Promise<OpenedInboxItem[]> {
    this.key();
    const rows = await guardStorage('read', () => this.db.inbox.limit(MAX_LISTED_ITEMS).toArray());
    if (rows.length === 0) return [];
    // No usable private key (being made at this unlock, or damaged): every item is listed as unreadable.
    const keys = await this.keys().catch((error: unknown) => {
      const failure = typed(error);
      if (failure instanceof InboxError) return failure;
      throw failure;
    });
    const live = await liveStreamIds();
    const listed = await Promise.all(
      rows.map(async (raw: unknown, index): Promise<OpenedInboxItem> => {
        const id = isInboxItemId((raw as { id?: unknown } | null)?.id) ? (raw as { id: string }).id : `damaged-${index}`;
        try {
          if (keys instanceof InboxError) throw keys;
          const { meta } = await this.openItem(keys, checkItemRow(raw));
          return meta.state === 'recording' && live.has(id) ? { id, status: 'ok', meta, live: true } : { id, status: 'ok', meta };
        } catch (error) {
          const failure = typed(error);
          if (!(failure instanceof InboxError)) throw failure;
          return { id, status: 'damaged', code: failure.code };
        }
      }),
    );
    const rank = (item: OpenedInboxItem) => (item.status === 'ok' ? item.meta.receivedAt : '\uffff');
    return listed.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : a.id < b.id ? -1 : 1));
  }

  /**
   * An item's meta and bytes, decrypted and checked: every chunk in place, the last one last, the
   * size and the SHA-256 as sealed. InboxError otherwise ('inbox/not-found', 'inbox/damaged',
   * 'inbox/unreadable').
   */
  async read(id: string): Promise<{ meta: InboxItemMeta; bytes: Blob }> {
    this.key();
    if (!isInboxItemId(id)) throw inboxNotFound();
    const raw: unknown = await guardStorage('read', () => this.db.inbox.get(id));
    if (raw === undefined) throw inboxNotFound();
    let buffer: Uint8Array<ArrayBuffer> | null = null;
    try {
      const row = checkItemRow(raw);
      if (row.id !== id) throw inboxDamaged('row id');
      const { meta, key, streamChunks } = await this.openItem(await this.keys(), row);
      // meta.size is at most MAX_INBOX_ITEM_BYTES and matches the chunk count: checked in openItem.
      buffer = new Uint8Array(meta.size);
      if (streamChunks === null) await this.readWhole(id, key, row.chunks, buffer);
      else await this.readStreamed(id, key, streamChunks, buffer);
      if (toHex(await crypto.subtle.digest('SHA-256', buffer)) !== meta.sha256) throw inboxDamaged('SHA-256 does not match');
      return { meta, bytes: new Blob([buffer], { type: meta.type }) };
    } catch (error) {
      throw typed(error);
    } finally {
      buffer?.fill(0);
    }
  }

  /** An item sealed whole: its chunks of INBOX_CHUNK_BYTES, the last one marked last, into `buffer`. */
  private async readWhole(id: string, key: CryptoKey, chunks: number, buffer: Uint8Array): Promise<void> {
    for (let index = 0; index < chunks; index++) {
      const last = index === chunks - 1;
      const length = Math.min(INBOX_CHUNK_BYTES, buffer.length - index * INBOX_CHUNK_BYTES);
      const chunkId = inboxChunkId(id, index);
      const chunk = checkChunkRow(await guardStorage('read', () => this.db.inboxChunks.get(chunkId)), chunkId, length, last);
      const plaintext = await openSealed(key, chunk.iv, chunk.data, chunkAdditionalData(id, index, last));
      buffer.set(plaintext, index * INBOX_CHUNK_BYTES);
      plaintext.fill(0);
    }
  }

  /**
   * A streamed item's first `chunks` chunks into `buffer` (exactly its size): each checked before
   * it is decrypted to fit what is left, and together they must fill it exactly.
   */
  private async readStreamed(id: string, key: CryptoKey, chunks: number, buffer: Uint8Array): Promise<void> {
    let offset = 0;
    for (let index = 0; index < chunks; index++) {
      const chunkId = inboxChunkId(id, index);
      const chunk = checkStreamChunkRow(await guardStorage('read', () => this.db.inboxChunks.get(chunkId)), chunkId);
      const length = chunk.data.length - INBOX_TAG_BYTES;
      if (offset + length > buffer.length) throw inboxDamaged('chunks exceed the size');
      const plaintext = await openSealed(key, chunk.iv, chunk.data, streamChunkAdditionalData(id, index));
      buffer.set(plaintext, offset);
      plaintext.fill(0);
      offset += length;
    }
    if (offset !== buffer.length) throw inboxDamaged('chunks fall short of the size');
  }

  /** A note's words (an item read and checked as by read()), as UTF-8 text. */
  async readText(id: string): Promise<string> {
    const { bytes } = await this.read(id);
    return utf8Decode(await readBytes(bytes));
  }

  /**
   * Seals an item again under this vault's inbox key, its meta as it is (a restore from a
   * backup): InboxError 'inbox/damaged' if the bytes are not those the meta describes, nothing written.
   */
  async reseal(meta: InboxItemMeta, bytes: Blob): Promise<string> {
    this.key();
    const { publicRaw } = await this.keys();
    return resealInboxItem(dexieInboxWriter(this.db), publicRaw, meta, bytes);
  }

  /** Removes an item and its chunks (after it became an incident). Unlocked only: VaultLockedError otherwise. */
  async remove(id: string): Promise<void> {
    this.key();
    await guardStorage('write', () =>
      this.db.transaction('rw', this.db.inbox, this.db.inboxChunks, async () => {
        await this.db.inbox.delete(id);
        await this.db.inboxChunks.where('id').between(`${id}:`, `${id}:\uffff`, true, true).delete();
      }),
    );
  }

  /**
   * Removes chunks whose item row is missing (a share cut off before its item row was written),
   * and chunk rows whose id names no item. Run at unlock. Returns how many items' chunks went.
   */
  async removeOrphanChunks(): Promise<number> {
    this.key();
    return guardStorage('write', () =>
      this.db.transaction('rw', this.db.inbox, this.db.inboxChunks, async () => {
        const items = new Set((await this.db.inbox.toCollection().primaryKeys()).map(String));
        const orphans = new Set<string>();
        const malformed: string[] = [];
        for (const key of await this.db.inboxChunks.toCollection().primaryKeys()) {
          const chunkId = String(key);
          const itemId = inboxItemIdOfChunk(chunkId);
          if (itemId === null) malformed.push(chunkId);
          else if (!items.has(itemId)) orphans.add(itemId);
        }
        await this.db.inboxChunks.bulkDelete(malformed);
        for (const itemId of orphans) await this.db.inboxChunks.where('id').between(`${itemId}:`, `${itemId}:\uffff`, true, true).delete();
        return orphans.size;
      }),
    );
  }
}
