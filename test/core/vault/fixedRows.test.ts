import { describe, expect, it, vi } from 'vitest';
import type { DaybookDatabase, EncryptedRow } from '../../../src/core/store/db';
import { createUnlockedStores } from '../../../src/core/vault/featureStores';
import { aQuickIncident } from '../../support/incidentFactories';
import { SEAL_ROW_ID } from '../../../src/core/store/diary/seal';
import { openDiary } from '../../../src/core/vault/instance';
import { FIRST_PAGE_BYTES } from '../../../src/core/store/diary/firstPage';
import { headerBeforeSealing } from '../../support/beforeSealing';
import { createdVault, diaryOver } from '../../support/vault';

// Row ids are not encrypted: a row that appeared only once a fingerprint was shared or a backup
// made would say so. Every vault has them all from the start, each as long as any other.
const FIXED_IDS = ['backup-status', 'chain-seal', 'diary-first-page', 'inbox-private-key', 'shared-fingerprints'];

const byId = async (db: DaybookDatabase): Promise<Map<string, EncryptedRow>> =>
  new Map((await db.settings.toArray()).map((row) => [row.id, row]));

/** What an onlooker sees of the settings table: each row's id and length. */
const visible = async (db: DaybookDatabase) => (await db.settings.toArray()).map((row) => ({ id: row.id, length: row.data.length }));

describe('settings rows with fixed ids', () => {
  it('a new vault has every one of them, encrypted, all of one length, saying nothing happened', async () => {
    const setup = await createdVault();
    const rows = await setup.db.settings.toArray();
    expect(rows.map((row) => row.id)).toEqual(FIXED_IDS);
    // The diary's first page has a fixed length of its own (16 KiB of JSON and the GCM tag).
    expect(new Set(rows.filter((row) => row.id !== 'diary-first-page').map((row) => row.data.length)).size).toBe(1);
    expect(rows.find((row) => row.id === 'diary-first-page')?.data.length).toBe(FIRST_PAGE_BYTES + 16);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['data', 'id', 'iv', 'v']);
    const stores = createUnlockedStores(setup.vault);
    expect(await stores.fingerprints.list()).toEqual([]);
    expect(await stores.fingerprints.lastSharedAt()).toBeNull();
    expect(await stores.backupStatus.get()).toEqual({});
    const diary = diaryOver(setup);
    await diary.load();
    expect(diary.sealState()).toEqual({ state: 'sealed' });
    expect(diary.sealFindings()).toEqual([]);
  });

  it('a backup, a snooze, a shared fingerprint and a saved entry change no id and no length', async () => {
    const setup = await createdVault();
    const before = await visible(setup.db);
    const stores = createUnlockedStores(setup.vault);
    await stores.backupStatus.recordBackup(new Date('2026-05-20T12:34:56.789Z'));
    await stores.backupStatus.snooze('2026-06-20T12:34:56.789Z');
    const diary = diaryOver(setup);
    await diary.load();
    await diary.add(aQuickIncident({ whatHappened: 'Outside again' }));
    await stores.fingerprints.record(await diary.treeHead(), 'share', new Date('2026-05-21T09:00:00.000Z'));
    await stores.fingerprints.record(await diary.treeHead(), 'copy', new Date('2026-05-22T09:00:00.000Z'));
    expect(await visible(setup.db)).toEqual(before);
  });

  it('a vault from before gets them at its next unlock; rows that exist are left as they are', async () => {
    const setup = await createdVault();
    await headerBeforeSealing(setup);
    await setup.db.settings.bulkDelete(['backup-status', 'shared-fingerprints', 'chain-seal']);
    await setup.db.settings.put({ id: 'kept', v: 1, iv: new Uint8Array(12), data: new Uint8Array(4) });
    const kept = (await byId(setup.db)).get('kept');
    setup.vault.lock();
    await setup.vault.unlock(setup.passphrase);
    const rows = await byId(setup.db);
    expect([...rows.keys()]).toEqual([
      'backup-status',
      'chain-seal',
      'diary-first-page',
      'inbox-private-key',
      'kept',
      'shared-fingerprints',
    ]);
    expect(rows.get('kept')).toEqual(kept);
    // Unlocking again rewrites nothing.
    setup.vault.lock();
    await setup.vault.unlock(setup.passphrase);
    expect(await byId(setup.db)).toEqual(rows);
  });

  it('the seal is left to the diary when the diary is not empty: an empty seal over it would be wrong', async () => {
    const setup = await createdVault();
    const diary = diaryOver(setup);
    await diary.load();
    await diary.add(aQuickIncident({ whatHappened: 'One' }));
    await setup.db.settings.clear();
    setup.vault.lock();
    await setup.vault.unlock(setup.passphrase);
    expect([...(await byId(setup.db)).keys()]).toEqual(['backup-status', 'diary-first-page', 'inbox-private-key', 'shared-fingerprints']);
    // The diary's own load judges what it finds: v2 links with no seal.
    const again = diaryOver(setup);
    await again.load();
    expect(again.sealState()).toEqual({ state: 'seal-invalid' });
    expect([...(await byId(setup.db)).keys()]).toEqual(FIXED_IDS);
  });

  it('a vault whose header says its diary is sealed gets no seal over an empty diary: its load finds the row removed', async () => {
    const setup = await createdVault();
    await setup.db.settings.clear();
    setup.vault.lock();
    await setup.vault.unlock(setup.passphrase);
    expect([...(await byId(setup.db)).keys()]).toEqual(['backup-status', 'diary-first-page', 'inbox-private-key', 'shared-fingerprints']);
    const diary = await openDiary(setup.vault);
    await diary.load();
    expect(diary.sealState()).toEqual({ state: 'seal-invalid' });
    expect(await setup.db.settings.get(SEAL_ROW_ID)).toBeDefined();
  });

  it('a recovery writes them too', async () => {
    const setup = await createdVault();
    await setup.db.settings.clear();
    setup.vault.lock();
    await setup.vault.recover(setup.recoveryKey, 'a brand new passphrase');
    expect([...(await byId(setup.db)).keys()]).toEqual(FIXED_IDS);
  });

  it('if they cannot be written, the vault still unlocks, and the next unlock writes them', async () => {
    const setup = await createdVault();
    await headerBeforeSealing(setup);
    await setup.db.settings.clear();
    setup.vault.lock();
    const transaction = vi.spyOn(setup.db, 'transaction').mockImplementation(() => Promise.reject(new Error('disk')) as never);
    await setup.vault.unlock(setup.passphrase);
    transaction.mockRestore();
    expect(await setup.vault.status()).toBe('unlocked');
    expect(await setup.db.settings.count()).toBe(0);
    setup.vault.lock();
    await setup.vault.unlock(setup.passphrase);
    expect([...(await byId(setup.db)).keys()]).toEqual(FIXED_IDS);
  });
});
