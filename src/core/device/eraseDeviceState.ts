import { DEFAULT_NATION } from '../model/helpline';
import { PREFERENCE_KEYS, type Preferences } from '../prefs/preferences';
import { DATABASE_NAME } from '../store/schema';

/** What every key Daybook keeps in localStorage or sessionStorage starts with. */
const OWN_PREFIX = 'daybook.';

/** Every key of a Storage that is Daybook's, whichever version wrote it. */
function ownKeys(store: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i += 1) {
    const key = store.key(i);
    if (key !== null && key.startsWith(OWN_PREFIX)) keys.push(key);
  }
  return keys;
}

/**
 * What "Erase everything" clears besides the diary itself: what this browser keeps for Daybook
 * outside its database. Each part is tried even if another fails, and the result says which
 * could not be cleared, so the screen claims only what happened.
 *
 * - `preferences`: every `daybook.*` key in localStorage (language, quick exit, automatic lock,
 *   and any an earlier version left) and in sessionStorage (the quick-exit flag), and this
 *   visit's helpline nation.
 * - `serviceWorker`: Daybook's service worker is unregistered, so no later visit is served from
 *   it; the one controlling this page stays until the page closes (browsers do not stop it
 *   sooner).
 * - `caches`: every Cache Storage cache of the origin (Daybook's saved copy of itself for
 *   offline use; the origin is Daybook's alone).
 * - Daybook's database: the vault erases the diary; `forgetDatabase` then removes the empty
 *   database it opens again, so nothing named after Daybook stays in IndexedDB until Daybook
 *   is used again.
 *
 * Not clearable by a web page, and said so on screen: the browser's history, files saved or
 * downloaded (exports, backups, PDFs), and anything the browser itself keeps (a passphrase it
 * was allowed to save, its own cache of pages).
 */
export type DevicePart = 'preferences' | 'serviceWorker' | 'caches';

export interface DeviceEraseReport {
  /** Parts that could not be cleared (empty when all were). */
  failed: DevicePart[];
}

/** The app's preferences (core/prefs): writes there are refused while the diary is locked. */
export type ErasablePreferences = Pick<Preferences, 'canWrite' | 'write' | 'setHelplineNation'>;

export interface DeviceStateTargets {
  preferences: ErasablePreferences;
  localStorage: Storage | null;
  sessionStorage: Storage | null;
  caches: Pick<CacheStorage, 'keys' | 'delete'> | null;
  serviceWorker: Pick<ServiceWorkerContainer, 'getRegistrations'> | null;
}

function browserStorage(name: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return globalThis[name] ?? null;
  } catch {
    // Storage this page cannot reach (a policy, private mode) Daybook could not write to either.
    return null;
  }
}

/** The browser's own, for the app (tests pass fakes). */
export function browserTargets(preferences: ErasablePreferences): DeviceStateTargets {
  return {
    preferences,
    localStorage: browserStorage('localStorage'),
    sessionStorage: browserStorage('sessionStorage'),
    caches: typeof globalThis.caches === 'object' ? globalThis.caches : null,
    serviceWorker: typeof navigator === 'object' && 'serviceWorker' in navigator ? navigator.serviceWorker : null,
  };
}

function clearPreferences({ preferences, localStorage, sessionStorage }: DeviceStateTargets): boolean {
  // Like every preference, only while the diary is unlocked.
  if (!preferences.canWrite()) return false;
  // Through the preferences first, so what follows them (automatic lock) hears of it.
  for (const key of PREFERENCE_KEYS) preferences.write(key, null);
  preferences.setHelplineNation(DEFAULT_NATION);
  // Then anything else of Daybook's: keys an earlier version wrote, the quick-exit flag.
  let cleared = true;
  for (const store of [localStorage, sessionStorage]) {
    if (!store) continue;
    try {
      for (const key of ownKeys(store)) store.removeItem(key);
      cleared &&= ownKeys(store).length === 0;
    } catch {
      cleared = false;
    }
  }
  return cleared;
}

async function unregisterServiceWorkers(container: DeviceStateTargets['serviceWorker']): Promise<boolean> {
  if (!container) return true; // No service workers in this browser: none to remove.
  const registrations = await container.getRegistrations();
  const results = await Promise.all(registrations.map((registration) => registration.unregister()));
  return results.every(Boolean);
}

async function deleteCaches(storage: DeviceStateTargets['caches']): Promise<boolean> {
  if (!storage) return true;
  const names = await storage.keys();
  await Promise.all(names.map((name) => storage.delete(name)));
  return (await storage.keys()).length === 0;
}

const attempt = async (work: () => Promise<boolean> | boolean): Promise<boolean> => {
  try {
    return await work();
  } catch {
    return false;
  }
};

/**
 * Clears preferences, the service worker and Cache Storage, in that order, while the diary is
 * still unlocked (preferences change only then). The service worker goes before the caches: a
 * registered worker could install or update and fill them again after they were emptied.
 */
export async function eraseDeviceState(targets: DeviceStateTargets): Promise<DeviceEraseReport> {
  const failed: DevicePart[] = [];
  if (!(await attempt(() => clearPreferences(targets)))) failed.push('preferences');
  if (!(await attempt(() => unregisterServiceWorkers(targets.serviceWorker)))) failed.push('serviceWorker');
  if (!(await attempt(() => deleteCaches(targets.caches)))) failed.push('caches');
  return { failed };
}

/**
 * After the vault's erase: deletes Daybook's database if it is there again (the vault opens an
 * empty one). 'blocked' when another open tab still holds it: the browser deletes it once that
 * tab lets go, and this does not wait for that.
 */
export function forgetDatabase(
  factory: Pick<IDBFactory, 'deleteDatabase'> | null = typeof indexedDB === 'object' ? indexedDB : null,
  name: string = DATABASE_NAME,
): Promise<'deleted' | 'blocked' | 'failed'> {
  if (!factory) return Promise.resolve('deleted');
  return new Promise((resolve) => {
    try {
      const request = factory.deleteDatabase(name);
      request.onsuccess = () => resolve('deleted');
      request.onerror = () => resolve('failed');
      request.onblocked = () => resolve('blocked');
    } catch {
      resolve('failed');
    }
  });
}
