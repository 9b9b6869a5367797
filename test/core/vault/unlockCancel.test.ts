import { afterEach, describe, expect, it, vi } from 'vitest';
import { TaskCancelledError } from '../../../src/core/workers/runTask';
import { WrongPassphraseError } from '../../../src/core/crypto';
import { UnlockThrottledError, type Vault, type VaultState } from '../../../src/core/vault/vault';
import { ControlledKdfWorker } from '../../support/controlledKdfWorker';
import { createdVault } from '../../support/vault';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Every state the vault announces from now on. */
function announced(vault: Vault): VaultState[] {
  const states: VaultState[] = [];
  vault.subscribe(() => states.push(vault.getState()));
  return states;
}

async function lockedVault() {
  const setup = await createdVault();
  setup.vault.lock();
  const before = await setup.db.meta.toArray();
  // Workers from here on: each derivation waits for the test.
  vi.stubGlobal('Worker', ControlledKdfWorker);
  return { ...setup, before };
}

describe('stopping an unlock', () => {
  it('while Argon2id runs: TaskCancelledError, the worker ended, no failed attempt, still locked; the right passphrase then opens', async () => {
    const { vault, db, passphrase, before } = await lockedVault();
    const states = announced(vault);
    const controller = new AbortController();
    const unlocking = vault.unlock(passphrase, { signal: controller.signal });
    const worker = await ControlledKdfWorker.nextRun();
    controller.abort();
    await expect(unlocking).rejects.toBeInstanceOf(TaskCancelledError);
    expect(worker.terminated).toBe(true);
    expect(await vault.unlockWait()).toBe(0);
    expect(await db.meta.toArray()).toEqual(before);
    expect(await vault.status()).toBe('locked');
    expect(states).not.toContain('unlocked');

    vi.unstubAllGlobals();
    await vault.unlock(passphrase);
    expect(await vault.status()).toBe('unlocked');
  });

  it('with a wrong passphrase, stopped again and again: nothing counted, no wait', async () => {
    const { vault, db, before } = await lockedVault();
    for (let attempt = 0; attempt < 5; attempt++) {
      const controller = new AbortController();
      const unlocking = vault.unlock('not the passphrase', { signal: controller.signal });
      await ControlledKdfWorker.nextRun();
      controller.abort();
      await expect(unlocking).rejects.toBeInstanceOf(TaskCancelledError);
    }
    expect(await vault.unlockWait()).toBe(0);
    expect(await db.meta.toArray()).toEqual(before);
  });

  it('keeps the failures already counted (a stop does not clear them as an unlock would)', async () => {
    const { vault, db, passphrase, clock } = await createdVault();
    vault.lock();
    for (let attempt = 0; attempt < 3; attempt++) await vault.unlock('not the passphrase').catch(() => undefined);
    const waitBefore = await vault.unlockWait();
    expect(waitBefore).toBeGreaterThan(0);
    clock.now += waitBefore;
    const before = await db.meta.toArray();
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const controller = new AbortController();
    const unlocking = vault.unlock(passphrase, { signal: controller.signal });
    await ControlledKdfWorker.nextRun();
    controller.abort();
    await expect(unlocking).rejects.toBeInstanceOf(TaskCancelledError);
    expect(await db.meta.toArray()).toEqual(before);
  });

  for (const which of ['right', 'wrong'] as const) {
    it(`just after Argon2id has finished (${which} passphrase): the same TaskCancelledError, nothing counted, still locked`, async () => {
      const { vault, db, passphrase, before } = await lockedVault();
      const states = announced(vault);
      const controller = new AbortController();
      const unlocking = vault.unlock(which === 'right' ? passphrase : 'not the passphrase', { signal: controller.signal });
      const worker = await ControlledKdfWorker.nextRun();
      await worker.answer(() => controller.abort());
      await expect(unlocking).rejects.toBeInstanceOf(TaskCancelledError);
      expect(await vault.unlockWait()).toBe(0);
      expect(await db.meta.toArray()).toEqual(before);
      expect(await vault.status()).toBe('locked');
      expect(states).not.toContain('unlocked');
    });
  }

  it('a stop after the unlock has finished changes nothing: the vault stays open', async () => {
    const { vault, passphrase } = await lockedVault();
    const controller = new AbortController();
    const unlocking = vault.unlock(passphrase, { signal: controller.signal });
    const worker = await ControlledKdfWorker.nextRun();
    await worker.answer();
    await unlocking;
    controller.abort();
    expect(await vault.status()).toBe('unlocked');
  });
});

describe('stopping a recovery', () => {
  it('while Argon2id runs for the new passphrase: TaskCancelledError, nothing stored, the old passphrase still opens', async () => {
    const { vault, db, passphrase, recoveryKey, before } = await lockedVault();
    const controller = new AbortController();
    const recovering = vault.recover(recoveryKey, 'a brand new passphrase', { signal: controller.signal });
    const worker = await ControlledKdfWorker.nextRun();
    controller.abort();
    await expect(recovering).rejects.toBeInstanceOf(TaskCancelledError);
    expect(worker.terminated).toBe(true);
    expect(await db.meta.toArray()).toEqual(before);
    expect(await vault.status()).toBe('locked');

    vi.unstubAllGlobals();
    await vault.unlock(passphrase);
    expect(await vault.status()).toBe('unlocked');
  });

  it('just after Argon2id has finished: nothing stored', async () => {
    const { vault, db, recoveryKey, before } = await lockedVault();
    const controller = new AbortController();
    const recovering = vault.recover(recoveryKey, 'a brand new passphrase', { signal: controller.signal });
    const worker = await ControlledKdfWorker.nextRun();
    await worker.answer(() => controller.abort());
    await expect(recovering).rejects.toBeInstanceOf(TaskCancelledError);
    expect(await db.meta.toArray()).toEqual(before);
    expect(await vault.status()).toBe('locked');
  });
});

describe('stopping set-up and a passphrase change', () => {
  it('set-up stopped: TaskCancelledError and nothing to store', async () => {
    const { testVault } = await import('../../support/vault');
    const { vault, db } = testVault();
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const controller = new AbortController();
    const preparing = vault.prepare('correct horse battery staple', { signal: controller.signal });
    await ControlledKdfWorker.nextRun();
    controller.abort();
    await expect(preparing).rejects.toBeInstanceOf(TaskCancelledError);
    expect(await db.meta.count()).toBe(0);
    expect(await vault.status()).toBe('none');
  });

  it('a passphrase change stopped: the current passphrase stays', async () => {
    const { vault, db, passphrase } = await createdVault();
    const before = await db.meta.get('vaultHeader');
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const controller = new AbortController();
    const changing = vault.changePassphrase(passphrase, 'another good passphrase', { signal: controller.signal });
    await ControlledKdfWorker.nextRun();
    controller.abort();
    await expect(changing).rejects.toBeInstanceOf(TaskCancelledError);
    expect(await db.meta.get('vaultHeader')).toEqual(before);
  });
});

describe('onKeysOpened: the moment after which Stop has no effect', () => {
  it('unlock: called once, before the vault announces itself open; a Stop then is ignored and the diary opens', async () => {
    const { vault, db, passphrase, clock } = await createdVault();
    vault.lock();
    await vault.unlock('not the passphrase').catch(() => undefined);
    clock.now += await vault.unlockWait();
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const states = announced(vault);
    const controller = new AbortController();
    const statesAtCall: VaultState[][] = [];
    const deletes = vi.spyOn(db.meta, 'delete');
    const deletesAtCall: number[] = [];
    const onKeysOpened = vi.fn(() => {
      statesAtCall.push([...states]);
      deletesAtCall.push(deletes.mock.calls.length);
      controller.abort(); // Stop pressed at that very moment
    });
    const unlocking = vault.unlock(passphrase, { signal: controller.signal, onKeysOpened });
    const worker = await ControlledKdfWorker.nextRun();
    await worker.answer();
    await unlocking;
    expect(onKeysOpened).toHaveBeenCalledTimes(1);
    // Before anything was written: the failures were still there to clear.
    expect(statesAtCall).toEqual([[]]);
    expect(deletesAtCall).toEqual([0]);
    expect(deletes).toHaveBeenCalledWith('unlockFailures');
    // Not locked again: the failures are cleared, as after any right passphrase.
    expect(await vault.status()).toBe('unlocked');
    expect(states).toEqual(['unlocked']);
    expect(await db.meta.get('unlockFailures')).toBeUndefined();
  });

  it('unlock: never called when stopped during or just after Argon2id, refused, or throttled', async () => {
    const { vault, passphrase, clock } = await lockedVault();
    const onKeysOpened = vi.fn();
    for (const which of ['during', 'after'] as const) {
      const controller = new AbortController();
      const unlocking = vault.unlock(passphrase, { signal: controller.signal, onKeysOpened });
      const worker = await ControlledKdfWorker.nextRun();
      if (which === 'during') controller.abort();
      else await worker.answer(() => controller.abort());
      await expect(unlocking).rejects.toBeInstanceOf(TaskCancelledError);
    }
    vi.unstubAllGlobals();
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(vault.unlock('not the passphrase', { onKeysOpened })).rejects.toBeInstanceOf(WrongPassphraseError);
      clock.now += await vault.unlockWait();
    }
    await vault.unlock('not the passphrase', { onKeysOpened }).catch(() => undefined);
    await expect(vault.unlock(passphrase, { onKeysOpened })).rejects.toBeInstanceOf(UnlockThrottledError);
    expect(onKeysOpened).not.toHaveBeenCalled();
    expect(await vault.status()).toBe('locked');
  });

  it('recover: called once, before the new header is stored; a Stop then is ignored and the recovery completes', async () => {
    const { vault, db, recoveryKey, before } = await lockedVault();
    const controller = new AbortController();
    const puts = vi.spyOn(db.meta, 'put');
    const putsAtCall: number[] = [];
    const onKeysOpened = vi.fn(() => {
      putsAtCall.push(puts.mock.calls.length);
      controller.abort(); // Stop pressed at that very moment
    });
    const recovering = vault.recover(recoveryKey, 'a brand new passphrase', { signal: controller.signal, onKeysOpened });
    const worker = await ControlledKdfWorker.nextRun();
    await worker.answer();
    await recovering;
    expect(onKeysOpened).toHaveBeenCalledTimes(1);
    expect(putsAtCall).toEqual([0]);
    expect(await vault.status()).toBe('unlocked');
    expect(await db.meta.get('vaultHeader')).not.toEqual(before.find((row) => row.key === 'vaultHeader'));
    vault.lock();
    vi.unstubAllGlobals();
    await vault.unlock('a brand new passphrase');
    expect(await vault.status()).toBe('unlocked');
  });

  it('recover: never called when stopped during or just after Argon2id, or with a wrong recovery key', async () => {
    const { vault, recoveryKey } = await lockedVault();
    const onKeysOpened = vi.fn();
    for (const which of ['during', 'after'] as const) {
      const controller = new AbortController();
      const recovering = vault.recover(recoveryKey, 'a brand new passphrase', { signal: controller.signal, onKeysOpened });
      const worker = await ControlledKdfWorker.nextRun();
      if (which === 'during') controller.abort();
      else await worker.answer(() => controller.abort());
      await expect(recovering).rejects.toBeInstanceOf(TaskCancelledError);
    }
    vi.unstubAllGlobals();
    const wrongKey = recoveryKey.replace(/[0-9A-Z]/i, (c) => (c === 'A' || c === 'a' ? 'B' : 'A'));
    await expect(vault.recover(wrongKey, 'a brand new passphrase', { onKeysOpened })).rejects.toThrow();
    expect(onKeysOpened).not.toHaveBeenCalled();
    expect(await vault.status()).toBe('locked');
  });
});
