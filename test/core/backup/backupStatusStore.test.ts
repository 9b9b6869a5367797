import { describe, expect, it } from 'vitest';
import { snoozedUntil } from '../../../src/core/backup/backupReminder';
import { BackupStatusStore } from '../../../src/core/backup/backupStatusStore';
import { EncryptedTable } from '../../../src/core/store/encryptedTable';
import { createdVault } from '../../support/vault';

async function setup() {
  const vault = await createdVault();
  return { ...vault, store: new BackupStatusStore(vault.db, () => vault.session.dataKey()) };
}

const AT = new Date('2026-05-20T12:34:56.789Z');

describe('backup status store', () => {
  it('has no status before the first backup', async () => {
    const { store } = await setup();
    expect(await store.get()).toEqual({});
  });

  it('round-trips the time of the last backup and a snooze', async () => {
    const { store, db, session } = await setup();
    await store.recordBackup(AT);
    expect(await store.get()).toEqual({ lastBackupAt: '2026-05-20T12:34:56.789Z' });
    const until = snoozedUntil(AT);
    await store.snooze(until);
    expect(await store.get()).toEqual({ lastBackupAt: '2026-05-20T12:34:56.789Z', snoozedUntil: until });
    // Read again through a new store over the same database.
    expect(await new BackupStatusStore(db, () => session.dataKey()).get()).toEqual({
      lastBackupAt: '2026-05-20T12:34:56.789Z',
      snoozedUntil: until,
    });
  });

  it('a new backup clears the snooze', async () => {
    const { store } = await setup();
    await store.snooze(snoozedUntil(AT));
    await store.recordBackup(new Date('2026-05-21T08:00:00.000Z'));
    expect(await store.get()).toEqual({ lastBackupAt: '2026-05-21T08:00:00.000Z' });
  });

  it('stores ciphertext only: no date, field name or text in the row', async () => {
    const { store, db } = await setup();
    await store.recordBackup(AT);
    await store.snooze(snoozedUntil(AT));
    // The settings table holds other rows too (the diary's seal, for one): this store's is its own.
    const rows = (await db.settings.toArray()).filter((r) => r.id === 'backup-status');
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(Object.keys(row ?? {}).sort()).toEqual(['data', 'id', 'iv', 'v']);
    const stored = `${row?.id ?? ''}${new TextDecoder('latin1').decode(row?.data)}${new TextDecoder('latin1').decode(row?.iv)}`;
    for (const plain of ['2026', '12:34', 'lastBackupAt', 'snoozedUntil', 'T12', ':56.789Z']) expect(stored, plain).not.toContain(plain);
  });

  it('cannot be read under another key', async () => {
    const { store, db } = await setup();
    await store.recordBackup(AT);
    const otherKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await expect(new BackupStatusStore(db, () => otherKey).get()).rejects.toThrow();
  });

  it('ignores anything in the row that is not a status', async () => {
    const { db, session, store } = await setup();
    const table = new EncryptedTable<unknown>(db, 'settings', () => session.dataKey());
    await table.put('backup-status', 'not an object');
    expect(await store.get()).toEqual({});
    await table.put('backup-status', { lastBackupAt: 'last Tuesday', snoozedUntil: 12, extra: 'x' });
    expect(await store.get()).toEqual({});
    await table.put('backup-status', { lastBackupAt: AT.toISOString(), snoozedUntil: null });
    expect(await store.get()).toEqual({ lastBackupAt: AT.toISOString() });
  });
});
