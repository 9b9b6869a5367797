import { describe, expect, it } from 'vitest';
import type { DaybookDatabase } from '../../../src/core/store/db';
import { EncryptedTable } from '../../../src/core/store/encryptedTable';
import { PROTECTED_SETTINGS_ROW_ID, ProtectedSettingsStore } from '../../../src/core/store/protectedSettingsStore';
import { PAD_BUCKET } from '../../../src/core/store/padding';
import { createdVault } from '../../support/vault';

const URL_MARK = 'https://attacker-watch.example/q?who=me';
const NONE = { quickExitUrl: null, autoLockMinutes: null, hiddenLockMinutes: null };

async function store() {
  const setup = await createdVault();
  return { ...setup, store: new ProtectedSettingsStore(setup.db, () => setup.session.dataKey()) };
}

/** Every row of every table, bytes as text, as someone reading the database file would see them. */
async function rawDump(db: DaybookDatabase): Promise<string> {
  const text = (value: unknown): string => {
    if (value instanceof Uint8Array) return new TextDecoder('latin1').decode(value);
    if (Array.isArray(value)) return value.map(text).join(' ');
    if (value && typeof value === 'object')
      return Object.entries(value)
        .map(([k, v]) => `${k}=${text(v)}`)
        .join(' ');
    return String(value);
  };
  const parts: string[] = [];
  for (const table of db.tables) parts.push(text(await table.toArray()));
  return parts.join('\n');
}

describe('the protected settings in the vault', () => {
  it('reads missing, then what was adopted; adopting again keeps the first', async () => {
    const { store: settings } = await store();
    expect(await settings.read()).toEqual({ kind: 'missing' });
    expect(await settings.adopt({ ...NONE, quickExitUrl: 'https://example.org/' })).toBe(true);
    expect(await settings.adopt({ ...NONE, quickExitUrl: 'https://other.example/' })).toBe(false);
    expect(await settings.read()).toEqual({ kind: 'found', values: { ...NONE, quickExitUrl: 'https://example.org/' } });
  });

  it('is encrypted: no address in any row of any table, and the row is padded', async () => {
    const { store: settings, db } = await store();
    await settings.replace({ quickExitUrl: URL_MARK, autoLockMinutes: '30', hiddenLockMinutes: '15' });
    const dump = await rawDump(db);
    expect(dump).toContain(PROTECTED_SETTINGS_ROW_ID);
    for (const fragment of ['attacker-watch', 'who=me', 'https://', 'quickExitUrl']) expect(dump).not.toContain(fragment);
    const row = await db.settings.get(PROTECTED_SETTINGS_ROW_ID);
    const short = await (async () => {
      await settings.replace(NONE);
      return db.settings.get(PROTECTED_SETTINGS_ROW_ID);
    })();
    // The same length whether an address was chosen or not (16 bytes of GCM tag on top).
    expect(row?.data.length).toBe(PAD_BUCKET + 16);
    expect(short?.data.length).toBe(PAD_BUCKET + 16);
  });

  it('a row that does not decrypt, or was moved from another id, is unreadable, not missing', async () => {
    const { store: settings, db, session } = await store();
    await settings.replace({ ...NONE, quickExitUrl: 'https://example.org/' });
    const row = await db.settings.get(PROTECTED_SETTINGS_ROW_ID);
    if (!row) throw new Error('no row');
    const flipped = new Uint8Array(row.data);
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    await db.settings.put({ ...row, data: flipped });
    expect(await settings.read()).toEqual({ kind: 'unreadable' });

    // Another settings row (the backup status) copied under this id fails its binding.
    const other = await db.settings.get('backup-status');
    if (!other) throw new Error('no backup-status row');
    await db.settings.put({ ...other, id: PROTECTED_SETTINGS_ROW_ID });
    expect(await settings.read()).toEqual({ kind: 'unreadable' });

    // Something Daybook never writes there, properly encrypted: unreadable too.
    await new EncryptedTable(db, 'settings', () => session.dataKey()).put(PROTECTED_SETTINGS_ROW_ID, { quickExitUrl: URL_MARK });
    expect(await settings.read()).toEqual({ kind: 'unreadable' });
  });

  it('values inside a genuine row are checked like any other input', async () => {
    const { store: settings, db, session } = await store();
    await new EncryptedTable(db, 'settings', () => session.dataKey()).put(PROTECTED_SETTINGS_ROW_ID, {
      format: 'daybook/device-settings/v1',
      quickExitUrl: 'javascript:alert(1)',
      autoLockMinutes: 7,
      hiddenLockMinutes: '0',
    });
    expect(await settings.read()).toEqual({ kind: 'found', values: { ...NONE, hiddenLockMinutes: '0' } });
  });

  it('update merges with what is stored, and a change by another tab meanwhile is not lost', async () => {
    const setup = await store();
    const other = new ProtectedSettingsStore(setup.db, () => setup.session.dataKey());
    await setup.store.adopt({ ...NONE, quickExitUrl: 'https://example.org/' });
    let theirs: Promise<unknown> | undefined;
    const stored = await setup.store.update((saved) => {
      // Another tab saves between this read and this write.
      theirs ??= other.update((kept) => ({ ...(kept ?? NONE), hiddenLockMinutes: '0' }));
      return { ...(saved ?? NONE), autoLockMinutes: '15' };
    });
    await theirs;
    expect(stored.autoLockMinutes).toBe('15');
    expect(await setup.store.read()).toEqual({
      kind: 'found',
      values: { quickExitUrl: 'https://example.org/', autoLockMinutes: '15', hiddenLockMinutes: '0' },
    });
  });

  it('while locked it neither reads nor writes', async () => {
    const { store: settings, vault } = await store();
    await settings.adopt(NONE);
    vault.lock();
    await expect(settings.read()).rejects.toThrow();
    await expect(settings.replace(NONE)).rejects.toThrow();
    await expect(settings.update(() => NONE)).rejects.toThrow();
  });
});
