import type { DaybookDatabase, MetaRow } from './db';

/**
 * The app's database before Dexie's code has loaded: its name, and how to load it. The vault
 * reads whether it exists (and the unlock wait) through `peekMetaRow`, so the first (locked)
 * screen does not download Dexie; it loads when the person sets up, unlocks or recovers.
 */
export class LazyDatabase {
  constructor(
    readonly name: string,
    readonly load: () => Promise<DaybookDatabase>,
  ) {}
}

/**
 * Reads one row of the meta table with IndexedDB itself. Never creates the database: where it
 * does not exist, the upgrade that opening starts is aborted, which leaves nothing behind.
 * Never blocks Dexie: the connection closes after the read, or at once if a newer schema asks.
 */
export function peekMetaRow(name: string, key: string, factory: IDBFactory = indexedDB): Promise<MetaRow | undefined> {
  return new Promise((resolve, reject) => {
    let absent = false;
    const request = factory.open(name);
    request.onupgradeneeded = () => {
      absent = true;
      request.transaction?.abort();
    };
    request.onerror = () => (absent ? resolve(undefined) : reject(request.error ?? new Error('IndexedDB open failed')));
    request.onblocked = () => reject(new Error('IndexedDB open blocked'));
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close();
      if (!db.objectStoreNames.contains('meta')) {
        db.close();
        resolve(undefined);
        return;
      }
      const get = db.transaction('meta', 'readonly').objectStore('meta').get(key);
      get.onsuccess = () => {
        db.close();
        resolve(get.result as MetaRow | undefined);
      };
      get.onerror = () => {
        db.close();
        reject(get.error ?? new Error('IndexedDB read failed'));
      };
    };
  });
}
