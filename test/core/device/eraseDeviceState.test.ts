// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { eraseDeviceState, forgetDatabase, type DeviceStateTargets } from '../../../src/core/device/eraseDeviceState';
import { Preferences } from '../../../src/core/prefs/preferences';

/** Cache Storage and a service-worker container that record what was done to them, in order. */
function fakeBrowser(options: { cacheNames?: string[]; registrations?: number; unregisterFails?: boolean; cachesThrow?: boolean } = {}) {
  const log: string[] = [];
  const names = new Set(options.cacheNames ?? ['workbox-precache-v2-http://localhost/', 'other']);
  const caches: DeviceStateTargets['caches'] = {
    keys: async () => {
      if (options.cachesThrow) throw new Error('SecurityError');
      return [...names];
    },
    delete: async (name: string) => {
      log.push(`cache:${name}`);
      return names.delete(name);
    },
  };
  const registrations = Array.from({ length: options.registrations ?? 1 }, (_, i) => ({
    unregister: async () => {
      log.push(`unregister:${i}`);
      return !options.unregisterFails;
    },
  }));
  const serviceWorker = {
    getRegistrations: async () => registrations as unknown as readonly ServiceWorkerRegistration[],
  } as DeviceStateTargets['serviceWorker'];
  return { log, names, caches, serviceWorker };
}

const unlocked = () => {
  const preferences = new Preferences(() => localStorage);
  preferences.onlyWriteWhen(() => true);
  return preferences;
};

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('erasing what the browser keeps for Daybook', () => {
  it("removes every daybook key from both storages, the visit's nation, then unregisters the worker before emptying the caches", async () => {
    localStorage.setItem('daybook.language', 'cy');
    localStorage.setItem('daybook.quickExitUrl', 'https://example.org/');
    localStorage.setItem('daybook.nation', 'wales'); // from an earlier version
    localStorage.setItem('another-app', 'kept');
    sessionStorage.setItem('daybook.exited', '1');
    const preferences = unlocked();
    preferences.setHelplineNation('scotland');
    const browser = fakeBrowser({ registrations: 2 });

    const report = await eraseDeviceState({
      preferences,
      localStorage,
      sessionStorage,
      caches: browser.caches,
      serviceWorker: browser.serviceWorker,
    });

    expect(report).toEqual({ failed: [] });
    expect(Object.keys(localStorage)).toEqual(['another-app']);
    expect(Object.keys(sessionStorage)).toEqual([]);
    expect(preferences.helplineNation()).toBe('england');
    expect(browser.names.size).toBe(0);
    expect(browser.log).toEqual(['unregister:0', 'unregister:1', 'cache:workbox-precache-v2-http://localhost/', 'cache:other']);
  });

  it('tells each listener that preferences changed, so what follows them (automatic lock) returns to defaults', async () => {
    localStorage.setItem('daybook.autoLockMinutes', '30');
    const preferences = unlocked();
    const heard: string[] = [];
    preferences.subscribe((key) => heard.push(key));
    await eraseDeviceState({ preferences, localStorage, sessionStorage, caches: null, serviceWorker: null });
    expect(heard).toEqual(['language', 'quickExitUrl', 'autoLockMinutes', 'hiddenLockMinutes']);
    expect(preferences.autoLockSettings().inactivityMinutes).toBe(5);
  });

  it('changes no preference while the diary is locked, and says so', async () => {
    localStorage.setItem('daybook.quickExitUrl', 'https://example.org/');
    const preferences = new Preferences(() => localStorage);
    preferences.onlyWriteWhen(() => false);
    const report = await eraseDeviceState({ preferences, localStorage, sessionStorage, caches: null, serviceWorker: null });
    expect(report.failed).toEqual(['preferences']);
    expect(localStorage.getItem('daybook.quickExitUrl')).toBe('https://example.org/');
  });

  it('tries every part even when one fails, and reports exactly the ones that did', async () => {
    localStorage.setItem('daybook.language', 'cy');
    const preferences = unlocked();
    const refusing = fakeBrowser({ unregisterFails: true, cachesThrow: true });
    const report = await eraseDeviceState({
      preferences,
      localStorage,
      sessionStorage,
      caches: refusing.caches,
      serviceWorker: refusing.serviceWorker,
    });
    expect(report.failed).toEqual(['serviceWorker', 'caches']);
    expect(localStorage.getItem('daybook.language')).toBeNull();
  });

  it('a browser without service workers or Cache Storage has nothing of them to clear', async () => {
    const report = await eraseDeviceState({
      preferences: unlocked(),
      localStorage: null,
      sessionStorage: null,
      caches: null,
      serviceWorker: null,
    });
    expect(report).toEqual({ failed: [] });
  });

  it('storage that throws on every call is reported, not thrown', async () => {
    const throwing = new Proxy({} as Storage, {
      get: () => {
        throw new Error('SecurityError');
      },
    });
    const preferences = new Preferences(() => throwing);
    preferences.onlyWriteWhen(() => true);
    const report = await eraseDeviceState({
      preferences,
      localStorage: throwing,
      sessionStorage: throwing,
      caches: null,
      serviceWorker: null,
    });
    expect(report.failed).toEqual(['preferences']);
  });
});

describe('forgetting the database', () => {
  it('deletes the named database, and is content when there is none', async () => {
    const open = indexedDB.open('daybook-forget-test');
    await new Promise((resolve) => (open.onsuccess = resolve));
    open.result.close();
    expect((await indexedDB.databases()).map((db) => db.name)).toContain('daybook-forget-test');
    expect(await forgetDatabase(indexedDB, 'daybook-forget-test')).toBe('deleted');
    expect((await indexedDB.databases()).map((db) => db.name)).not.toContain('daybook-forget-test');
    expect(await forgetDatabase(indexedDB, 'daybook-forget-test')).toBe('deleted');
    expect(await forgetDatabase(null)).toBe('deleted');
  });

  it('does not wait for a tab that keeps the database open', async () => {
    const open = indexedDB.open('daybook-held-open');
    await new Promise((resolve) => (open.onsuccess = resolve));
    // A connection that ignores versionchange, as a stuck tab would.
    expect(await forgetDatabase(indexedDB, 'daybook-held-open')).toBe('blocked');
    open.result.close();
  });
});
