// Sealing an item into the inbox with only its public key: locked or unlocked, on a page or in
// the service worker (WebCrypto only; no Dexie, no React). Per item a fresh ephemeral ECDH P-256
// key pair; shared secret = ECDH(ephemeral private, inbox public); item key = HKDF-SHA-256(shared,
// salt = ephemeral public || inbox public, info = "daybook inbox v1") as AES-GCM-256. The meta and
// every 1 MiB chunk are encrypted under it, each with its own random IV and additional data that
// names the item (and the chunk's index and whether it is the last), so no row can be moved to
// another item or place. The ephemeral private key never leaves memory (not extractable), so
// once sealed, an item opens only with the inbox's private key, which needs the unlocked vault.

import { decryptBytes, encryptBytes } from '../crypto/aead';
import { asBufferSource, utf8Decode, utf8Encode } from '../crypto/encoding';
import { readBytes } from '../store/attachments/readBytes';
import { inboxDamaged, inboxTooLarge, inboxUnreadable } from './errors';
import {
  INBOX_CHUNK_BYTES,
  INBOX_PUBLIC_KEY_BYTES,
  inboxChunkId,
  MAX_INBOX_ITEM_BYTES,
  type InboxChunkRow,
  type InboxItemRow,
} from './inboxRows';

export interface InboxItemMeta {
  v: 1;
  /** Shared into Daybook, noted on the lock screen, or recorded or photographed in Daybook itself. */
  via: 'share' | 'quick-note' | 'recording' | 'camera';
  /** ISO time from this device's clock when the item was received (a recording: when it started). */
  receivedAt: string;
  /** File name as given (cleaned later for display), '' for a note. */
  name: string;
  /** Declared MIME type, '' if none; text notes: 'text/plain'. */
  type: string;
  /** Bytes. */
  size: number;
  /** Of the plaintext bytes, lowercase hex, computed while sealing. */
  sha256: string;
  /**
   * A recording streamed in (stream.ts) only: 'recording' while it is written, 'stopped' once it
   * was stopped. Still 'recording' with no recorder running means it was cut off (interrupted):
   * the bytes are what was written up to then.
   */
  state?: 'recording' | 'stopped';
  /** A recording only: how long it ran, in milliseconds, up to the bytes stored. */
  durationMs?: number;
  /** A stopped recording only: ISO time from this device's clock when it stopped. */
  endedAt?: string;
}

/** The via values of items Daybook recorded or photographed itself. */
export const CAPTURED_VIA = ['recording', 'camera'] as const;

/** Where sealed rows go: Dexie on a page (inbox.ts), raw IndexedDB on the lock screen or in the service worker. */
export interface InboxWriter {
  putChunk(row: InboxChunkRow): Promise<void>;
  /** Written LAST: its presence marks the item complete. */
  putItem(row: InboxItemRow): Promise<void>;
}

export interface SealInput {
  via: InboxItemMeta['via'];
  name: string;
  type: string;
  bytes: Blob;
  receivedAt: Date;
}

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const INFO = utf8Encode('daybook inbox v1');
/** Longest name and type kept in the meta (as an attachment's: model/incident.ts INCIDENT_LIMITS). */
const MAX_NAME = 1000;
const MAX_TYPE = 255;

export const metaAdditionalData = (itemId: string) => utf8Encode(`daybook-inbox-meta:${itemId}`);
export const chunkAdditionalData = (itemId: string, index: number, last: boolean) =>
  utf8Encode(`daybook-inbox-chunk:${itemId}:${index}:${last ? 1 : 0}`);

/** Chunks an item of `size` bytes has: at least one (an empty item has one empty chunk). */
export const chunkCountFor = (size: number) => Math.max(1, Math.ceil(size / INBOX_CHUNK_BYTES));

function randomItemId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The item's AES-GCM key from the ECDH secret; the secret's bytes are wiped once imported. */
export async function itemKey(
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  ephemeralRaw: Uint8Array,
  inboxRaw: Uint8Array,
  usage: 'encrypt' | 'decrypt',
): Promise<CryptoKey> {
  const shared = new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256));
  try {
    const base = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
    return await crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: concat(ephemeralRaw, inboxRaw), info: INFO },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      [usage],
    );
  } finally {
    shared.fill(0);
  }
}

export function importInboxPublicKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== INBOX_PUBLIC_KEY_BYTES) throw inboxDamaged('public key has the wrong length');
  return crypto.subtle.importKey('raw', asBufferSource(raw), ECDH, true, []);
}

/**
 * Seals `input` into the inbox under the public key `publicKeyRaw` (raw uncompressed P-256) and
 * returns the item's id. Every chunk is encrypted before it is written; the item row last.
 * The SHA-256 is taken of the bytes as given, before anything else. InboxError 'inbox/too-large'
 * over MAX_INBOX_ITEM_BYTES (nothing written).
 */
export async function sealIntoInbox(writer: InboxWriter, publicKeyRaw: Uint8Array, input: SealInput): Promise<string> {
  if (input.bytes.size > MAX_INBOX_ITEM_BYTES) throw inboxTooLarge();
  // WebCrypto hashes whole buffers only: the item is held once in memory (at most 100 MiB).
  const plaintext = await readBytes(input.bytes);
  try {
    const meta: InboxItemMeta = {
      v: 1,
      via: input.via,
      receivedAt: input.receivedAt.toISOString(),
      name: input.name.slice(0, MAX_NAME),
      type: input.type.slice(0, MAX_TYPE),
      size: plaintext.length,
      sha256: toHex(await crypto.subtle.digest('SHA-256', plaintext)),
    };
    return await sealPlaintext(writer, publicKeyRaw, meta, plaintext);
  } finally {
    plaintext.fill(0);
  }
}

/**
 * Seals an item again under (another) inbox's public key, keeping its meta as it was: when it
 * was received, how, its name and its SHA-256 (a restore from a backup). The bytes must be
 * exactly those the meta describes: InboxError 'inbox/damaged' otherwise, nothing written.
 */
export async function resealInboxItem(writer: InboxWriter, publicKeyRaw: Uint8Array, meta: InboxItemMeta, bytes: Blob): Promise<string> {
  if (bytes.size > MAX_INBOX_ITEM_BYTES) throw inboxTooLarge();
  if (bytes.size !== meta.size) throw inboxDamaged('size differs from the meta');
  const plaintext = await readBytes(bytes);
  try {
    if (toHex(await crypto.subtle.digest('SHA-256', plaintext)) !== meta.sha256) throw inboxDamaged('SHA-256 differs from the meta');
    return await sealPlaintext(writer, publicKeyRaw, meta, plaintext);
  } finally {
    plaintext.fill(0);
  }
}

/** A new item's id and encryption key, from a fresh ephemeral key pair whose private half stays in memory. */
export async function newItemKey(publicKeyRaw: Uint8Array): Promise<{ id: string; key: CryptoKey; ephemeralRaw: Uint8Array }> {
  const inboxPublic = await importInboxPublicKey(publicKeyRaw);
  const ephemeral = (await crypto.subtle.generateKey(ECDH, false, ['deriveBits'])) as CryptoKeyPair;
  const ephemeralRaw = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
  const key = await itemKey(ephemeral.privateKey, inboxPublic, ephemeralRaw, publicKeyRaw, 'encrypt');
  return { id: randomItemId(), key, ephemeralRaw };
}

/** The meta as sealed: a streamed item's also says how many chunks it covers (its layout, see stream.ts). */
export function metaJson(meta: InboxItemMeta, streamChunks?: number): Uint8Array {
  // Field by field, so nothing else a caller's object carries is sealed with it.
  const { v, via, receivedAt, name, type, size, sha256, state, durationMs, endedAt } = meta;
  return utf8Encode(JSON.stringify({ v, via, receivedAt, name, type, size, sha256, state, durationMs, endedAt, streamChunks }));
}

async function sealPlaintext(writer: InboxWriter, publicKeyRaw: Uint8Array, meta: InboxItemMeta, plaintext: Uint8Array): Promise<string> {
  const { id, key, ephemeralRaw } = await newItemKey(publicKeyRaw);
  const chunks = chunkCountFor(plaintext.length);
  for (let index = 0; index < chunks; index++) {
    const last = index === chunks - 1;
    const part = plaintext.subarray(index * INBOX_CHUNK_BYTES, (index + 1) * INBOX_CHUNK_BYTES);
    const { iv, data } = await encryptBytes(key, part, chunkAdditionalData(id, index, last));
    await writer.putChunk({ id: inboxChunkId(id, index), iv, data, last });
  }
  const sealedMeta = await encryptBytes(key, metaJson(meta), metaAdditionalData(id));
  await writer.putItem({ id, ephemeralPublicKey: ephemeralRaw, iv: sealedMeta.iv, meta: sealedMeta.data, chunks });
  return id;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const SHA = /^[0-9a-f]{64}$/;

/** The largest durationMs accepted (a week), and streamed chunks at most (see stream.ts MAX_STREAM_CHUNKS). */
const MAX_DURATION_MS = 7 * 24 * 3600 * 1000;
export const MAX_STREAM_CHUNKS = 200_000;

const isIsoTime = (value: unknown): value is string => typeof value === 'string' && ISO.test(value) && !Number.isNaN(Date.parse(value));

/**
 * The meta of an opened item and, for a streamed one (stream.ts), how many chunks its bytes are
 * in; null for an item sealed whole (its chunks follow from its size). Checked field by field:
 * InboxError 'inbox/damaged' if anything is off.
 */
export function parseSealedMeta(bytes: Uint8Array): { meta: InboxItemMeta; streamChunks: number | null } {
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(bytes));
  } catch (cause) {
    throw inboxDamaged('meta is not JSON', { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw inboxDamaged('meta is not an object');
  const { v, via, receivedAt, name, type, size, sha256, state, durationMs, endedAt, streamChunks } = value as Record<string, unknown>;
  if (v !== 1) throw inboxDamaged('unknown meta version');
  if (via !== 'share' && via !== 'quick-note' && via !== 'recording' && via !== 'camera') throw inboxDamaged('unknown origin');
  if (!isIsoTime(receivedAt)) throw inboxDamaged('bad time');
  if (typeof name !== 'string' || name.length > MAX_NAME) throw inboxDamaged('bad name');
  if (typeof type !== 'string' || type.length > MAX_TYPE) throw inboxDamaged('bad type');
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0 || size > MAX_INBOX_ITEM_BYTES) throw inboxDamaged('bad size');
  if (typeof sha256 !== 'string' || !SHA.test(sha256)) throw inboxDamaged('bad SHA-256');
  const meta: InboxItemMeta = { v, via, receivedAt, name, type, size, sha256 };
  // A recording's fields only on what Daybook captured itself; endedAt only once stopped.
  const captured = via === 'recording' || via === 'camera';
  if (state !== undefined) {
    if (!captured || (state !== 'recording' && state !== 'stopped')) throw inboxDamaged('bad state');
    meta.state = state;
  }
  if (durationMs !== undefined) {
    if (
      state === undefined ||
      typeof durationMs !== 'number' ||
      !Number.isSafeInteger(durationMs) ||
      durationMs < 0 ||
      durationMs > MAX_DURATION_MS
    )
      throw inboxDamaged('bad duration');
    meta.durationMs = durationMs;
  }
  if (endedAt !== undefined) {
    if (state !== 'stopped' || !isIsoTime(endedAt)) throw inboxDamaged('bad end time');
    meta.endedAt = endedAt;
  }
  if (streamChunks === undefined) return { meta, streamChunks: null };
  if (
    state === undefined ||
    typeof streamChunks !== 'number' ||
    !Number.isSafeInteger(streamChunks) ||
    streamChunks < 0 ||
    streamChunks > MAX_STREAM_CHUNKS
  )
    throw inboxDamaged('bad stream chunk count');
  return { meta, streamChunks };
}

/** The meta of an opened item, checked field by field: InboxError 'inbox/damaged' if anything is off. */
export function parseInboxMeta(bytes: Uint8Array): InboxItemMeta {
  return parseSealedMeta(bytes).meta;
}

/** Decrypts, mapping any failure to InboxError 'inbox/unreadable'. */
export async function openSealed(
  key: CryptoKey,
  iv: Uint8Array,
  data: Uint8Array,
  additionalData: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return await decryptBytes(key, iv, data, additionalData);
  } catch (cause) {
    throw inboxUnreadable({ cause });
  }
}
