import { describe, expect, it } from 'vitest';
import { WrongPassphraseError, WrongRecoveryKeyError } from '../../../src/core/crypto';
import { EncryptedTable } from '../../../src/core/store/encryptedTable';
import { VaultLockedError } from '../../../src/core/vault/session';
import { UnlockThrottledError } from '../../../src/core/vault/vault';
import { createdVault, testVault } from '../../support/vault';

describe('vault lifecycle', () => {
  it('stores nothing until the recovery key is confirmed, then opens', async () => {
    const { vault, db } = testVault();
    expect(await vault.status()).toBe('none');
    const pending = await vault.prepare('correct horse battery staple');
    expect(pending.recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(await vault.status()).toBe('none');
    expect(await db.meta.count()).toBe(0);
    await pending.commit();
    expect(await vault.status()).toBe('unlocked');
  });

  it('reads its state once when asked early, and tells the subscribers that come later', async () => {
    const { vault } = testVault();
    expect(vault.getState()).toBe('loading');
    vault.readStateEarly();
    vault.readStateEarly();
    let told = 0;
    vault.subscribe(() => (told += 1));
    await expect.poll(() => vault.getState()).toBe('none');
    expect(told).toBe(1);
    // Already read: asking again reads nothing more.
    vault.readStateEarly();
    expect(vault.getState()).toBe('none');
  });

  it('locks, stays locked, and unlocks with the passphrase', async () => {
    const { vault, passphrase, db, session } = await createdVault();
    const notes = new EncryptedTable<{ text: string }>(db, 'settings', () => session.dataKey());
    await notes.put('n1', { text: 'before lock' });
    vault.lock();
    expect(await vault.status()).toBe('locked');
    expect(() => session.dataKey()).toThrow();
    await expect(notes.get('n1')).rejects.toThrow();
    await vault.unlock(passphrase);
    expect(await notes.get('n1')).toEqual({ text: 'before lock' });
  });

  it('a wrong passphrase changes nothing and grows the wait after repeated failures', async () => {
    const { vault, passphrase, db, clock } = await createdVault();
    vault.lock();
    const headerBefore = await db.meta.get('vaultHeader');
    for (let attempt = 1; attempt <= 3; attempt++) {
      await expect(vault.unlock('wrong passphrase here')).rejects.toBeInstanceOf(WrongPassphraseError);
    }
    expect(await db.meta.get('vaultHeader')).toEqual(headerBefore);
    expect(await vault.unlockWait()).toBe(2000);
    // Even the right passphrase must wait.
    await expect(vault.unlock(passphrase)).rejects.toBeInstanceOf(UnlockThrottledError);
    clock.now += 2000;
    await expect(vault.unlock('wrong again, sorry')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(await vault.unlockWait()).toBe(4000);
    clock.now += 4000;
    await vault.unlock(passphrase);
    expect(await vault.unlockWait()).toBe(0);
  });

  it('the wait survives a reload (a new Vault over the same database)', async () => {
    const { vault, db, clock, name } = await createdVault();
    vault.lock();
    for (let i = 0; i < 4; i++) {
      clock.now += 60_000;
      await vault.unlock('nope nope nope').catch(() => undefined);
    }
    const { Vault } = await import('../../../src/core/vault/vault');
    const { VaultSession } = await import('../../../src/core/vault/session');
    const reloaded = new Vault(db, new VaultSession(`other-${name}`), () => clock.now);
    expect(await reloaded.unlockWait()).toBe(4000);
  });

  it('the recovery key opens the vault only together with a new passphrase', async () => {
    const { vault, recoveryKey, passphrase } = await createdVault();
    vault.lock();
    await expect(vault.recover('0000-0000-0000-0000-0000-0000-0000-0000', 'a brand new passphrase')).rejects.toBeInstanceOf(
      WrongRecoveryKeyError,
    );
    await vault.recover(recoveryKey.toLowerCase().replaceAll('-', ' '), 'a brand new passphrase');
    expect(await vault.status()).toBe('unlocked');
    vault.lock();
    await expect(vault.unlock(passphrase)).rejects.toBeInstanceOf(WrongPassphraseError);
    await vault.unlock('a brand new passphrase');
  });

  it('changing the passphrase rewraps without re-encrypting any record', async () => {
    const { vault, passphrase, db, session } = await createdVault();
    const table = new EncryptedTable<string>(db, 'settings', () => session.dataKey());
    await table.put('x', 'kept as it was');
    const rowBefore = await db.settings.get('x');
    await expect(vault.changePassphrase('not the passphrase', 'another good passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    await vault.changePassphrase(passphrase, 'another good passphrase');
    expect(await db.settings.get('x')).toEqual(rowBefore);
    vault.lock();
    await expect(vault.unlock(passphrase)).rejects.toBeInstanceOf(WrongPassphraseError);
    await vault.unlock('another good passphrase');
    expect(await table.get('x')).toBe('kept as it was');
  });

  it('a new recovery key replaces the old one', async () => {
    const { vault, passphrase, recoveryKey } = await createdVault();
    const next = await vault.newRecoveryKey(passphrase);
    expect(next).not.toBe(recoveryKey);
    vault.lock();
    await expect(vault.recover(recoveryKey, 'yet another passphrase')).rejects.toBeInstanceOf(WrongRecoveryKeyError);
    await vault.recover(next, 'yet another passphrase');
  });

  it('erase deletes everything and leaves a usable empty database', async () => {
    const { vault, db, session } = await createdVault();
    await new EncryptedTable<string>(db, 'settings', () => session.dataKey()).put('x', 'secret');
    await vault.erase();
    expect(await vault.status()).toBe('none');
    expect(await db.settings.count()).toBe(0);
    expect(await db.meta.count()).toBe(0);
  });
});

/** The MAC the session's chain key makes over a fixed message: equal MACs mean the same key. */
async function sealMac(session: { chainKey(): CryptoKey }): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', session.chainKey(), new TextEncoder().encode('daybook chain seal check'));
  return Buffer.from(mac).toString('hex');
}

describe('the chain-seal key in the session', () => {
  it('is held beside the data key and dropped on lock', async () => {
    const { vault, session } = await createdVault();
    expect(session.chainKey().algorithm).toMatchObject({ name: 'HMAC' });
    vault.lock();
    expect(() => session.chainKey()).toThrow(VaultLockedError);
    expect(() => session.dataKey()).toThrow(VaultLockedError);
  });

  it('is the same after lock and unlock, recovery, a passphrase change and a new recovery key', async () => {
    const { vault, session, passphrase, recoveryKey } = await createdVault();
    const mac = await sealMac(session);
    vault.lock();
    await vault.unlock(passphrase);
    expect(await sealMac(session)).toBe(mac);
    vault.lock();
    await vault.recover(recoveryKey, 'a brand new passphrase');
    expect(await sealMac(session)).toBe(mac);
    await vault.changePassphrase('a brand new passphrase', 'another good passphrase');
    const next = await vault.newRecoveryKey('another good passphrase');
    vault.lock();
    await vault.unlock('another good passphrase');
    expect(await sealMac(session)).toBe(mac);
    vault.lock();
    await vault.recover(next, 'and one more passphrase');
    expect(await sealMac(session)).toBe(mac);
  });

  it('differs between two vaults', async () => {
    const a = await createdVault();
    const b = await createdVault();
    expect(await sealMac(a.session)).not.toBe(await sealMac(b.session));
  });
});

describe('confirming the passphrase', () => {
  it('accepts the passphrase and changes nothing', async () => {
    const { vault, passphrase, db, session } = await createdVault();
    const before = await db.meta.toArray();
    const dataKey = session.dataKey();
    const heard: string[] = [];
    vault.subscribe(() => heard.push(vault.getState()));
    await vault.confirmPassphrase(passphrase);
    expect(await db.meta.toArray()).toEqual(before);
    expect(session.dataKey()).toBe(dataKey);
    expect(vault.getState()).toBe('unlocked');
    expect(heard).toEqual([]);
  });

  it('refuses a wrong passphrase, which counts towards the wait as a wrong unlock does', async () => {
    const { vault, passphrase, db, clock } = await createdVault();
    const header = await db.meta.get('vaultHeader');
    for (let attempt = 1; attempt <= 3; attempt++) {
      await expect(vault.confirmPassphrase('not my passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    }
    await expect(vault.confirmPassphrase('')).rejects.toBeInstanceOf(UnlockThrottledError);
    expect(await db.meta.get('vaultHeader')).toEqual(header);
    // Still unlocked: a wrong confirmation does not lock the diary.
    expect(vault.session.unlocked).toBe(true);
    await expect(vault.confirmPassphrase(passphrase)).rejects.toBeInstanceOf(UnlockThrottledError);
    clock.now += 2000;
    await vault.confirmPassphrase(passphrase);
    expect(await vault.unlockWait()).toBe(0);
  });
});

describe('locking across tabs', () => {
  it('locking one session locks every other session on the same channel', async () => {
    const { VaultSession } = await import('../../../src/core/vault/session');
    const dataKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const chainKey = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    const tabA = new VaultSession('shared-test-channel');
    const tabB = new VaultSession('shared-test-channel');
    tabA.open({ dataKey, chainKey });
    tabB.open({ dataKey, chainKey });
    let bLocked = false;
    tabB.onLock(() => (bLocked = true));
    tabA.lock();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tabA.unlocked).toBe(false);
    expect(tabB.unlocked).toBe(false);
    expect(bLocked).toBe(true);
    tabA.close();
    tabB.close();
  });
});

describe('the state the vault announces', () => {
  /** Every state announced to a subscriber, in order. */
  function record(vault: ReturnType<typeof testVault>['vault']): string[] {
    const heard: string[] = [];
    vault.subscribe(() => heard.push(vault.getState()));
    return heard;
  }

  it('reads its state on first subscription, then announces set-up, lock, unlock and erase', async () => {
    const { vault } = testVault();
    expect(vault.getState()).toBe('loading');
    const heard = record(vault);
    await waitFor(() => vault.getState() !== 'loading');
    const pending = await vault.prepare('correct horse battery staple');
    await pending.commit();
    vault.lock();
    await vault.unlock('correct horse battery staple');
    await vault.erase();
    expect(heard).toEqual(['none', 'unlocked', 'locked', 'unlocked', 'locked', 'none']);
  });

  it('a set-up fill runs with the vault open, before it announces itself unlocked', async () => {
    const { vault } = testVault();
    const heard = record(vault);
    await waitFor(() => vault.getState() === 'none');
    const pending = await vault.prepare('correct horse battery staple');
    let stateDuringFill = '';
    await pending.commit(async () => {
      stateDuringFill = vault.getState();
      expect(vault.session.unlocked).toBe(true);
    });
    expect(stateDuringFill).toBe('none');
    expect(heard).toEqual(['none', 'unlocked']);
  });

  it('never claims to be unlocked after a lock that came while it was opening', async () => {
    const { vault, session } = await createdVault();
    vault.lock();
    const heard = record(vault);
    // Another tab locks while this one is still clearing its failure count.
    const meta = vault.db.meta;
    const original = meta.delete.bind(meta);
    meta.delete = (async (key: string) => {
      session.lock();
      return original(key);
    }) as typeof meta.delete;
    await vault.unlock('correct horse battery staple');
    expect(vault.getState()).toBe('locked');
    expect(heard).not.toContain('unlocked');

    // A set-up fill interrupted by a lock (quick exit) ends locked too.
    const fresh = testVault().vault;
    await waitFor(
      () => fresh.getState() !== 'loading',
      () => fresh.subscribe(() => undefined),
    );
    const pending = await fresh.prepare('another good passphrase here');
    await pending.commit(async () => fresh.lock());
    expect(fresh.getState()).toBe('locked');
  });
});

/** Polls until `done` (the vault's first read is asynchronous). */
async function waitFor(done: () => boolean, start?: () => void): Promise<void> {
  start?.();
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!done()) throw new Error('timed out');
}
