// The vault's header says whether its diary is sealed (the passphrase wrap's label: see
// crypto/vaultKeys.ts), so removing the seal row cannot pass a diary off as one from before
// version 2. A vault from before sealing is moved on at its first unlock since, once its diary
// has been sealed; every new wrap says so where the seal row is stored.

import { describe, expect, it, vi } from 'vitest';
import { EncryptedTable } from '../../../src/core/store/encryptedTable';
import type { DaybookDatabase } from '../../../src/core/store/db';
import { SEAL_ROW_ID } from '../../../src/core/store/diary/seal';
import { WrongPassphraseError } from '../../../src/core/crypto/errors';
import { openDiary } from '../../../src/core/vault/instance';
import { VaultSession } from '../../../src/core/vault/session';
import { Vault } from '../../../src/core/vault/vault';
import { headerBeforeSealing, labelOf, storedHeader, writeV1Diary } from '../../support/beforeSealing';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault, TEST_KDF_COST, testVault } from '../../support/vault';

type Setup = Awaited<ReturnType<typeof createdVault>>;

/**
 * A vault as a version from before sealing left it, locked: its header's wrap labelled v1, its
 * diary v1 links only, no seal row (nor the other rows a vault is now created with).
 */
async function vaultFromBeforeSealing(texts = ['Old one', 'Old two']): Promise<Setup> {
  const setup = await createdVault();
  await writeV1Diary(setup, texts);
  await headerBeforeSealing(setup);
  setup.vault.lock();
  return setup;
}

/** The diary as the app opens it after an unlock, read. */
async function loadedDiary(setup: { vault: Vault }) {
  const diary = await openDiary(setup.vault);
  await diary.load();
  return diary;
}

const label = async (setup: { db: DaybookDatabase }, passphrase: string) => labelOf(await storedHeader(setup.db), passphrase);

/** Deletes the seal row and the rows of the newest `count` links, as someone holding the locked phone could. */
async function deleteSealAndNewRows(setup: Setup, count: number): Promise<void> {
  const ids = (await setup.db.revisions.toCollection().primaryKeys()).sort().slice(-count);
  await setup.db.revisions.bulkDelete(ids);
  await setup.db.settings.delete(SEAL_ROW_ID);
}

describe('a vault from before sealing', () => {
  it('unlocks, its diary is sealed from now, then its header says so: same data key, same KDF salt, no second Argon2', async () => {
    const setup = await vaultFromBeforeSealing();
    const before = await storedHeader(setup.db);
    await setup.vault.unlock(setup.passphrase);
    expect(setup.vault.diarySealed).toBe(false);
    // Not before the diary has its seal row.
    expect(await label(setup, setup.passphrase)).toBe('beforeSealing');

    const diary = await loadedDiary(setup);
    expect(diary.sealState()).toEqual({ state: 'sealed-from-now' });
    expect(await setup.db.settings.get(SEAL_ROW_ID)).toBeDefined();
    const after = await storedHeader(setup.db);
    expect(await labelOf(after, setup.passphrase)).toBe('sealed');
    expect(after.kdf).toEqual(before.kdf);
    expect(after.recovery).toEqual(before.recovery);
    expect(setup.vault.diarySealed).toBe(true);

    // The same data key: every row still opens, at this unlock and the next.
    expect(diary.snapshot().entries).toHaveLength(2);
    setup.vault.lock();
    await setup.vault.unlock(setup.passphrase);
    expect(setup.vault.diarySealed).toBe(true);
    const again = await loadedDiary(setup);
    expect(again.sealState()).toEqual({ state: 'sealed' });
    expect(again.snapshot().entries).toHaveLength(2);
    expect(await again.verify()).toMatchObject({ ok: true, length: 2 });
  });

  it('the attack: the seal row and every row since the upgrade deleted while locked is caught as an invalid seal, and kept', async () => {
    const setup = await vaultFromBeforeSealing();
    await setup.vault.unlock(setup.passphrase);
    const diary = await loadedDiary(setup);
    await diary.add(aQuickIncident({ whatHappened: 'Written since the upgrade' }));
    await diary.add(aQuickIncident({ whatHappened: 'And this, the night before' }));
    setup.vault.lock();

    // What is left looks exactly like a diary from before version 2: v1 links only, no seal.
    await deleteSealAndNewRows(setup, 2);

    await setup.vault.unlock(setup.passphrase);
    const opened = await loadedDiary(setup);
    expect(opened.sealState()).toEqual({ state: 'seal-invalid' });
    expect(opened.sealFindings()).toEqual([expect.objectContaining({ state: 'seal-invalid', size: 2 })]);
    // Kept for good: the next unlock still lists it.
    setup.vault.lock();
    await setup.vault.unlock(setup.passphrase);
    const later = await loadedDiary(setup);
    expect(later.sealState()).toEqual({ state: 'sealed' });
    expect(later.sealFindings()).toEqual([expect.objectContaining({ state: 'seal-invalid', size: 2 })]);
  });

  it('a diary emptied while locked, its seal row too, is caught the same way', async () => {
    const setup = await createdVault();
    const diary = await loadedDiary(setup);
    await diary.add(aQuickIncident({ whatHappened: 'The only entry' }));
    setup.vault.lock();
    await setup.db.revisions.clear();
    await setup.db.settings.delete(SEAL_ROW_ID);
    await setup.vault.unlock(setup.passphrase);
    expect((await loadedDiary(setup)).sealState()).toEqual({ state: 'seal-invalid' });
  });

  it('what it cannot catch: the same deletion before the first unlock since the upgrade (the header still from before)', async () => {
    const setup = await vaultFromBeforeSealing(['Old one', 'Old two', 'Old three']);
    await setup.db.revisions.delete('000000000002');
    await setup.vault.unlock(setup.passphrase);
    expect((await loadedDiary(setup)).sealState()).toEqual({ state: 'sealed-from-now' });
  });

  it('the header moves on only once the seal row is stored: if it cannot be, the next unlock tries again', async () => {
    const setup = await vaultFromBeforeSealing();
    await setup.vault.unlock(setup.passphrase);
    const put = vi.spyOn(setup.db.settings, 'put').mockImplementationOnce(() => Promise.reject(new Error('disk')) as never);
    const diary = await loadedDiary(setup);
    put.mockRestore();
    expect(diary.sealState()).toEqual({ state: 'sealed-from-now' });
    expect(await setup.db.settings.get(SEAL_ROW_ID)).toBeUndefined();
    expect(await label(setup, setup.passphrase)).toBe('beforeSealing');
    expect(setup.vault.diarySealed).toBe(false);

    setup.vault.lock();
    await setup.vault.unlock(setup.passphrase);
    expect((await loadedDiary(setup)).sealState()).toEqual({ state: 'sealed-from-now' });
    expect(await label(setup, setup.passphrase)).toBe('sealed');
  });

  it('if the header cannot be stored, the diary still opens, and the next unlock moves it on', async () => {
    const setup = await vaultFromBeforeSealing();
    await setup.vault.unlock(setup.passphrase);
    const put = vi.spyOn(setup.db.meta, 'put').mockImplementationOnce(() => Promise.reject(new Error('disk')) as never);
    const diary = await loadedDiary(setup);
    put.mockRestore();
    expect(diary.sealState()).toEqual({ state: 'sealed-from-now' });
    expect(await label(setup, setup.passphrase)).toBe('beforeSealing');
    setup.vault.lock();
    await setup.vault.unlock(setup.passphrase);
    expect((await loadedDiary(setup)).sealState()).toEqual({ state: 'sealed' });
    expect(await label(setup, setup.passphrase)).toBe('sealed');
  });

  it('never over a header changed meanwhile: a passphrase changed in another tab keeps working', async () => {
    const setup = await vaultFromBeforeSealing();
    await setup.vault.unlock(setup.passphrase);
    const otherTab = new Vault(setup.db, new VaultSession(`other-${setup.name}`), () => setup.clock.now, TEST_KDF_COST);
    await otherTab.changePassphrase(setup.passphrase, 'changed in the other tab');
    // No seal row yet (the diary has not been loaded): the other tab's new wrap does not say sealed.
    expect(await label(setup, 'changed in the other tab')).toBe('beforeSealing');
    await loadedDiary(setup);
    expect(await label(setup, 'changed in the other tab')).toBe('beforeSealing');
    expect(await label(setup, setup.passphrase)).toBeNull();
    setup.vault.lock();
    await setup.vault.unlock('changed in the other tab');
    await loadedDiary(setup);
    expect(await label(setup, 'changed in the other tab')).toBe('sealed');
  });

  it('a wrong passphrase is refused and counted as before, whichever label the header has', async () => {
    for (const setup of [await vaultFromBeforeSealing(), await createdVault()]) {
      setup.vault.lock();
      for (let attempt = 1; attempt <= 3; attempt++) {
        await expect(setup.vault.unlock('not my passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
      }
      expect(await setup.vault.unlockWait()).toBe(2000);
      setup.clock.now += 2000;
      await setup.vault.unlock(setup.passphrase);
      expect(await setup.vault.unlockWait()).toBe(0);
      await expect(setup.vault.confirmPassphrase('not my passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
      await setup.vault.confirmPassphrase(setup.passphrase);
    }
  });
});

describe('every new passphrase wrap', () => {
  it('a new vault stores its header and its diary’s seal in one transaction: neither without the other', async () => {
    const setup = testVault();
    const pending = await setup.vault.prepare('correct horse battery staple');
    const put = vi.spyOn(setup.db.settings, 'put').mockImplementationOnce(() => Promise.reject(new Error('disk')) as never);
    await expect(pending.commit()).rejects.toThrow();
    put.mockRestore();
    expect(await setup.db.meta.get('vaultHeader')).toBeUndefined();
    expect(await setup.vault.status()).toBe('none');
    await pending.commit();
    expect(await labelOf(await storedHeader(setup.db), 'correct horse battery staple')).toBe('sealed');
    expect(await setup.db.settings.get(SEAL_ROW_ID)).toBeDefined();
    expect(setup.vault.diarySealed).toBe(true);
    expect((await loadedDiary(setup)).sealState()).toEqual({ state: 'sealed' });
  });

  it('a passphrase change says so where the seal row is stored, and never where it is not', async () => {
    const fresh = await createdVault();
    await fresh.vault.changePassphrase(fresh.passphrase, 'another good passphrase');
    expect(await label(fresh, 'another good passphrase')).toBe('sealed');

    // From before sealing, the diary not yet loaded (no seal row): the label stays, for the next
    // unlock's load to move on.
    const before = await vaultFromBeforeSealing();
    await before.vault.unlock(before.passphrase);
    await before.vault.changePassphrase(before.passphrase, 'another good passphrase');
    expect(await label(before, 'another good passphrase')).toBe('beforeSealing');
    await loadedDiary(before);
    before.vault.lock();
    await before.vault.unlock('another good passphrase');
    await loadedDiary(before);
    expect(await label(before, 'another good passphrase')).toBe('sealed');

    // From before sealing, its (empty) diary's seal row written at unlock: the change says so.
    const empty = await vaultFromBeforeSealing([]);
    await empty.vault.unlock(empty.passphrase);
    expect(await empty.db.settings.get(SEAL_ROW_ID)).toBeDefined();
    await empty.vault.changePassphrase(empty.passphrase, 'another good passphrase');
    expect(await label(empty, 'another good passphrase')).toBe('sealed');
    expect(empty.vault.diarySealed).toBe(true);
  });

  it('a recovery says so where the seal row is stored; otherwise the diary goes by its row until its first load', async () => {
    const fresh = await createdVault();
    fresh.vault.lock();
    await fresh.vault.recover(fresh.recoveryKey, 'a brand new passphrase');
    expect(await label(fresh, 'a brand new passphrase')).toBe('sealed');
    expect(fresh.vault.diarySealed).toBe(true);

    const before = await vaultFromBeforeSealing();
    await before.vault.recover(before.recoveryKey, 'a brand new passphrase');
    expect(before.vault.diarySealed).toBe(false);
    expect(await label(before, 'a brand new passphrase')).toBe('beforeSealing');
    const diary = await loadedDiary(before);
    expect(diary.sealState()).toEqual({ state: 'sealed-from-now' });
    expect(await label(before, 'a brand new passphrase')).toBe('sealed');
    expect(before.vault.diarySealed).toBe(true);
    const rows = new EncryptedTable<unknown>(before.db, 'settings', () => before.session.dataKey());
    expect(await rows.get(SEAL_ROW_ID)).toMatchObject({ seal: { size: 2 } });
  });

  it('what a recovery cannot catch: the seal row and the newest rows removed first (the recovery key cannot say the diary is sealed)', async () => {
    const setup = await vaultFromBeforeSealing();
    await setup.vault.unlock(setup.passphrase);
    const diary = await loadedDiary(setup);
    await diary.add(aQuickIncident({ whatHappened: 'Written since the upgrade' }));
    setup.vault.lock();
    await deleteSealAndNewRows(setup, 1);
    await setup.vault.recover(setup.recoveryKey, 'a brand new passphrase');
    expect((await loadedDiary(setup)).sealState()).toEqual({ state: 'sealed-from-now' });
  });
});
