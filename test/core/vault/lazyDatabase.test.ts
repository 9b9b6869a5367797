import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DaybookDatabase } from '../../../src/core/store/db';
import { LazyDatabase, peekMetaRow } from '../../../src/core/store/lazyDatabase';
import { VaultSession } from '../../../src/core/vault/session';
import { Vault } from '../../../src/core/vault/vault';
import { TEST_KDF_COST } from '../../support/vault';

let counter = 0;

/** A vault as the app makes one: Dexie loads on first use, and each load is counted. */
function lazyVault(name = `daybook-lazy-${process.pid}-${counter++}`) {
  const loads = { count: 0 };
  const source = new LazyDatabase(name, async () => {
    loads.count += 1;
    return new DaybookDatabase(name);
  });
  const vault = new Vault(source, new VaultSession(`channel-${name}`), () => 1_700_000_000_000, TEST_KDF_COST);
  return { vault, loads, name };
}

const databaseNames = async () => (await indexedDB.databases()).map((info) => info.name);

describe('vault over a database loaded on first use', () => {
  it('tells that no vault exists without loading the database or creating one', async () => {
    const { vault, loads, name } = lazyVault();
    expect(await vault.status()).toBe('none');
    expect(await vault.unlockWait()).toBe(0);
    expect(loads.count).toBe(0);
    expect(await databaseNames()).not.toContain(name);
    expect(() => vault.db).toThrow();
  });

  it('loads the database once to set up, and a later page load reads the vault as locked without it', async () => {
    const first = lazyVault();
    const pending = await first.vault.prepare('correct horse battery staple');
    await pending.commit();
    expect(first.loads.count).toBe(1);
    expect(await first.vault.status()).toBe('unlocked');
    expect(first.vault.db).toBeInstanceOf(DaybookDatabase);

    const later = lazyVault(first.name);
    expect(await later.vault.status()).toBe('locked');
    expect(later.loads.count).toBe(0);
    await later.vault.unlock('correct horse battery staple');
    expect(later.loads.count).toBe(1);
    expect(await later.vault.status()).toBe('unlocked');
  });

  it('a preload while the passphrase is typed loads the database once, and the unlock uses it', async () => {
    const first = lazyVault();
    await (await first.vault.prepare('correct horse battery staple')).commit();
    const later = lazyVault(first.name);
    later.vault.preloadDatabase();
    later.vault.preloadDatabase();
    await later.vault.unlock('correct horse battery staple');
    expect(later.loads.count).toBe(1);
    expect(await later.vault.status()).toBe('unlocked');
  });

  it('a preload that fails leaves the unlock to load the database again', async () => {
    const first = lazyVault();
    await (await first.vault.prepare('correct horse battery staple')).commit();
    let attempts = 0;
    const vault = new Vault(
      new LazyDatabase(first.name, async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('chunk failed to load');
        return new DaybookDatabase(first.name);
      }),
      new VaultSession(`channel-preload-${counter++}`),
      () => 1_700_000_000_000,
      TEST_KDF_COST,
    );
    vault.preloadDatabase();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await vault.unlock('correct horse battery staple');
    expect(attempts).toBe(2);
    expect(await vault.status()).toBe('unlocked');
  });

  it('counts failed attempts through the loaded database and reads the wait without it', async () => {
    const first = lazyVault();
    await (await first.vault.prepare('correct horse battery staple')).commit();
    first.vault.lock();
    for (let attempt = 0; attempt < 3; attempt++) await expect(first.vault.unlock('wrong passphrase here')).rejects.toThrow();
    const later = lazyVault(first.name);
    expect(await later.vault.unlockWait()).toBeGreaterThan(0);
    expect(later.loads.count).toBe(0);
  });

  it('a database without the meta table reads as no vault, and a failed load can be retried', async () => {
    const name = `daybook-lazy-other-${counter++}`;
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('other');
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    expect(await peekMetaRow(name, 'vaultHeader')).toBeUndefined();

    let fail = true;
    const vault = new Vault(
      new LazyDatabase(`daybook-lazy-${counter++}`, async () => {
        if (fail) throw new Error('chunk failed to load');
        return new DaybookDatabase(`daybook-lazy-${counter++}`);
      }),
      new VaultSession(`channel-retry-${counter}`),
      () => 1_700_000_000_000,
      TEST_KDF_COST,
    );
    await expect(vault.prepare('correct horse battery staple')).rejects.toThrow('chunk failed to load');
    fail = false;
    await expect(vault.prepare('correct horse battery staple')).resolves.toBeDefined();
  });

  it('a stored header of any shape is refused or read the same as through the loaded database', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (value) => {
        const name = `daybook-lazy-prop-${counter++}`;
        const db = new DaybookDatabase(name);
        await db.meta.put({ key: 'vaultHeader', value });
        db.close();
        const peeked = new Vault(new LazyDatabase(name, async () => new DaybookDatabase(name)), new VaultSession(`channel-${name}`));
        const loaded = new Vault(new DaybookDatabase(name), new VaultSession(`channel-${name}-2`));
        const outcome = (vault: Vault) =>
          vault.status().then(
            (status) => status,
            (error: unknown) => (error instanceof Error ? error.name : 'thrown'),
          );
        expect(await outcome(peeked)).toBe(await outcome(loaded));
        loaded.db.close();
      }),
      { numRuns: 40 },
    );
  });
});
