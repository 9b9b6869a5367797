/**
 * The service worker's way into the sealed inbox: IndexedDB itself, no Dexie (the worker is one
 * small classic script). It only ever opens the database the app made, at whatever version it
 * is: never creates it, never upgrades it, and closes at once when the app asks for a newer
 * schema. It reads one thing in the clear, the inbox's public key, and writes only the inbox's
 * two tables, with rows that sealIntoInbox has already encrypted.
 */
import {
  INBOX_CHUNKS_TABLE,
  INBOX_PUBLIC_KEY,
  INBOX_TABLE,
  publicKeyFromMeta,
  type InboxChunkRow,
  type InboxItemRow,
} from '../core/inbox/inboxRows';
import type { InboxWriter } from '../core/inbox/seal';
import { DATABASE_NAME } from '../core/store/schema';

/** Where the vault header lives in the meta table (core/vault/vault.ts). */
const VAULT_HEADER_KEY = 'vaultHeader';

export type InboxNotReady = 'no-database' | 'no-inbox-tables' | 'no-vault' | 'no-public-key';

export type OpenedInbox = { ready: true; db: IDBDatabase; publicKey: Uint8Array } | { ready: false; reason: InboxNotReady };

/** Opens the app's database as it is, or says it is not there (nothing is left behind). */
function openExisting(factory: IDBFactory, name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    let absent = false;
    // No version: the current one. Only a database that does not exist asks for an upgrade,
    // and that is aborted, so none is created.
    const request = factory.open(name);
    request.onupgradeneeded = () => {
      absent = true;
      request.transaction?.abort();
    };
    request.onerror = () => (absent ? resolve(undefined) : reject(request.error ?? new Error('IndexedDB open failed')));
    request.onblocked = () => reject(new Error('IndexedDB open blocked'));
    request.onsuccess = () => {
      const db = request.result;
      // The app's schema upgrade always wins: this connection steps aside.
      db.onversionchange = () => db.close();
      resolve(db);
    };
  });
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Opens the database for sealing into the inbox, or says why it cannot: no diary on this device,
 * a database from before the inbox (the app has not opened since updating), or no inbox key.
 * A database that is not ready is closed before this returns.
 */
export async function openInboxForSharing(factory: IDBFactory = indexedDB, name: string = DATABASE_NAME): Promise<OpenedInbox> {
  const db = await openExisting(factory, name);
  if (!db) return { ready: false, reason: 'no-database' };
  const notReady = (reason: InboxNotReady): OpenedInbox => {
    db.close();
    return { ready: false, reason };
  };
  const names = db.objectStoreNames;
  if (!names.contains('meta')) return notReady('no-database');
  if (!names.contains(INBOX_TABLE) || !names.contains(INBOX_CHUNKS_TABLE)) return notReady('no-inbox-tables');
  try {
    const meta = db.transaction('meta', 'readonly').objectStore('meta');
    const [header, key] = await Promise.all([
      requestResult(meta.get(VAULT_HEADER_KEY)) as Promise<{ value?: unknown } | undefined>,
      requestResult(meta.get(INBOX_PUBLIC_KEY)) as Promise<{ value?: unknown } | undefined>,
    ]);
    if (!header) return notReady('no-vault');
    const publicKey = publicKeyFromMeta(key?.value);
    if (!publicKey) return notReady('no-public-key');
    return { ready: true, db, publicKey };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Puts one row in its own transaction; resolves once the transaction has committed. */
function put(db: IDBDatabase, table: string, row: object, durability: IDBTransactionDurability): Promise<void> {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(table, 'readwrite', { durability });
    transaction.objectStore(table).put(row);
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB write failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB write aborted'));
  });
}

/**
 * A writer for sealIntoInbox over the opened database. The item row is written last and
 * strictly durable: once it is there, the item is complete and on disk before the share sheet
 * closes. Chunks of an item whose row never came are removed by the app at unlock.
 */
export function rawInboxWriter(db: IDBDatabase): InboxWriter {
  return {
    putChunk: (row: InboxChunkRow) => put(db, INBOX_CHUNKS_TABLE, row, 'default'),
    putItem: (row: InboxItemRow) => put(db, INBOX_TABLE, row, 'strict'),
  };
}
