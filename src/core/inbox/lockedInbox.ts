// Sealing into the inbox from the lock screen: the public key is read and the rows written with
// IndexedDB itself, so the locked screen does not load Dexie (store/lazyDatabase.ts). Only a
// database made before the inbox existed (no inbox tables yet) loads Dexie, once, to upgrade it.
// Loaded with import() when the person first saves a quick note.

import { peekMetaRow } from '../store/lazyDatabase';
import { noInboxKey } from './errors';
import { INBOX_CHUNKS_TABLE, INBOX_PUBLIC_KEY, INBOX_TABLE, publicKeyFromMeta, type InboxChunkRow, type InboxItemRow } from './inboxRows';
import { sealIntoInbox, type InboxWriter } from './seal';
import { InboxStreamSealer, type InboxStreamWriter, type StreamStart } from './stream';

/** The longest quick note, in characters. */
export const MAX_QUICK_NOTE = 10_000;

/** Writes a streamed item's row and chunk in one transaction: both are stored, or neither. */
export function rawStreamWriter(db: IDBDatabase): InboxStreamWriter {
  return {
    put: (item, chunk) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction([INBOX_TABLE, INBOX_CHUNKS_TABLE], 'readwrite');
        if (chunk) tx.objectStore(INBOX_CHUNKS_TABLE).put(chunk);
        tx.objectStore(INBOX_TABLE).put(item);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
      }),
  };
}

/** Opens the existing database (never creates one); null where it has no inbox tables yet. */
function openExisting(name: string, factory: IDBFactory): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    let absent = false;
    const req = factory.open(name);
    req.onupgradeneeded = () => {
      absent = true;
      req.transaction?.abort();
    };
    req.onerror = () => (absent ? reject(noInboxKey()) : reject(req.error ?? new Error('IndexedDB open failed')));
    req.onblocked = () => reject(new Error('IndexedDB open blocked'));
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => db.close();
      if (db.objectStoreNames.contains(INBOX_TABLE) && db.objectStoreNames.contains(INBOX_CHUNKS_TABLE)) resolve(db);
      else {
        db.close();
        resolve(null);
      }
    };
  });
}

/** The database with its inbox tables, upgrading it through Dexie (loaded now) if it predates them. */
async function openWithInbox(name: string, factory: IDBFactory): Promise<IDBDatabase> {
  const db = await openExisting(name, factory);
  if (db) return db;
  const { DaybookDatabase } = await import('../store/db');
  const upgraded = new DaybookDatabase(name);
  await upgraded.open();
  upgraded.close();
  const again = await openExisting(name, factory);
  if (!again) throw new Error('The inbox tables are missing after the upgrade');
  return again;
}

function put(db: IDBDatabase, table: string, row: InboxItemRow | InboxChunkRow): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(table, 'readwrite');
    tx.objectStore(table).put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}

/** An InboxWriter over an open IndexedDB connection: one short transaction per row. */
export function rawInboxWriter(db: IDBDatabase): InboxWriter {
  return {
    putChunk: (row) => put(db, INBOX_CHUNKS_TABLE, row),
    putItem: (row) => put(db, INBOX_TABLE, row),
  };
}

/**
 * Seals a quick note into the inbox of database `name` with the time `at`, without the vault's
 * keys. InboxError 'inbox/no-key' where no vault or no inbox key is stored (a vault not unlocked
 * since the inbox came). Returns the item's id.
 */
export async function saveQuickNote(name: string, text: string, at: Date, factory: IDBFactory = indexedDB): Promise<string> {
  const publicKey = publicKeyFromMeta((await peekMetaRow(name, INBOX_PUBLIC_KEY, factory))?.value);
  if (!publicKey) throw noInboxKey();
  const db = await openWithInbox(name, factory);
  try {
    const bytes = new Blob([text.slice(0, MAX_QUICK_NOTE)], { type: 'text/plain' });
    return await sealIntoInbox(rawInboxWriter(db), publicKey, { via: 'quick-note', name: '', type: 'text/plain', bytes, receivedAt: at });
  } finally {
    db.close();
  }
}

/** The public key stored for database `name`: InboxError 'inbox/no-key' where there is none. */
async function publicKeyOf(name: string, factory: IDBFactory): Promise<Uint8Array> {
  const publicKey = publicKeyFromMeta((await peekMetaRow(name, INBOX_PUBLIC_KEY, factory))?.value);
  if (!publicKey) throw noInboxKey();
  return publicKey;
}

/**
 * Starts streaming a recording into the inbox of database `name` (stream.ts), on its own
 * connection, so it goes on writing while the vault locks. `close()` the connection once the
 * sealer is finished or closed.
 */
export async function openInboxStream(
  name: string,
  start: StreamStart,
  factory: IDBFactory = indexedDB,
): Promise<{ sealer: InboxStreamSealer; close: () => void }> {
  const publicKey = await publicKeyOf(name, factory);
  const db = await openWithInbox(name, factory);
  try {
    return { sealer: await InboxStreamSealer.open(rawStreamWriter(db), publicKey, start), close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Seals a photo taken in Daybook into the inbox of database `name` (via 'camera'). Returns the item's id. */
export async function sealPhoto(name: string, photo: Blob, fileName: string, at: Date, factory: IDBFactory = indexedDB): Promise<string> {
  const publicKey = await publicKeyOf(name, factory);
  const db = await openWithInbox(name, factory);
  try {
    return await sealIntoInbox(rawInboxWriter(db), publicKey, {
      via: 'camera',
      name: fileName,
      type: 'image/jpeg',
      bytes: photo,
      receivedAt: at,
    });
  } finally {
    db.close();
  }
}
