import { bytesEqual, DecryptionError, UnsupportedVaultError } from '../crypto';
import type { ProtectedSettingsVault, SavedSettings } from '../prefs/protectedSettings';
import { canonicalValues, type ProtectedValues } from '../prefs/settingValues';
import type { DaybookDatabase, EncryptedRow } from './db';
import { EncryptedTable } from './encryptedTable';
import { padded } from './padding';
import { guardStorage } from './storageErrors';

/** The row's fixed id (ids are not encrypted: this one says no more than that Daybook was unlocked once). */
export const PROTECTED_SETTINGS_ROW_ID = 'device-settings';
/** What the row's value says it is: anything else is not Daybook's. */
const FORMAT = 'daybook/device-settings/v1';
/** Attempts when another tab keeps changing the row between our read and our write. */
const ATTEMPTS = 5;

/** The row's value, padded so its length does not tell whether an address was chosen. */
function stored(values: ProtectedValues) {
  return padded({ format: FORMAT, ...values });
}

/** What a decrypted row holds: checked, as anything read back is. */
function parse(value: unknown): SavedSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'unreadable' };
  const record = value as Record<string, unknown>;
  if (record.format !== FORMAT) return { kind: 'unreadable' };
  const values = canonicalValues({
    quickExitUrl: record.quickExitUrl,
    autoLockMinutes: record.autoLockMinutes,
    hiddenLockMinutes: record.hiddenLockMinutes,
  });
  return { kind: 'found', values };
}

function sameRow(a: EncryptedRow | undefined, b: EncryptedRow | undefined): boolean {
  // Every encryption has a fresh IV, so an unchanged IV means an unchanged row.
  return a === undefined || b === undefined ? a === b : bytesEqual(a.iv, b.iv);
}

/**
 * The real values of the protected settings (where quick exit goes, when the diary locks itself),
 * in one encrypted row of the settings table bound to its table and id like every other. The
 * localStorage copy is what the locked state reads; this is what it is checked against at every
 * unlock (see prefs/protectedSettings.ts).
 */
export class ProtectedSettingsStore implements ProtectedSettingsVault {
  private readonly table: EncryptedTable<unknown>;

  constructor(
    private readonly db: DaybookDatabase,
    key: () => CryptoKey,
  ) {
    this.table = new EncryptedTable<unknown>(db, 'settings', key);
  }

  async read(): Promise<SavedSettings> {
    const row = await guardStorage('read', () => this.db.settings.get(PROTECTED_SETTINGS_ROW_ID));
    return row ? this.open(row) : { kind: 'missing' };
  }

  adopt(values: ProtectedValues): Promise<boolean> {
    return this.table.putIfAbsent(PROTECTED_SETTINGS_ROW_ID, stored(values));
  }

  async replace(values: ProtectedValues): Promise<void> {
    await this.table.put(PROTECTED_SETTINGS_ROW_ID, stored(values));
  }

  async update(change: (saved: ProtectedValues | null) => ProtectedValues): Promise<ProtectedValues> {
    for (let attempt = 1; ; attempt++) {
      const before = await guardStorage('read', () => this.db.settings.get(PROTECTED_SETTINGS_ROW_ID));
      const saved = before ? await this.open(before) : { kind: 'missing' as const };
      const next = canonicalValues(change(saved.kind === 'found' ? saved.values : null));
      // Encrypted first; then written only if no other tab changed the row meanwhile.
      const row = await this.table.seal(PROTECTED_SETTINGS_ROW_ID, stored(next));
      const written = await guardStorage('write', () =>
        this.db.transaction('rw', this.db.settings, async () => {
          if (!sameRow(await this.db.settings.get(PROTECTED_SETTINGS_ROW_ID), before)) return false;
          await this.db.settings.put(row);
          return true;
        }),
      );
      if (written) return next;
      if (attempt === ATTEMPTS) throw new Error('The saved settings kept changing');
    }
  }

  /** A row that does not decrypt is unreadable; any other failure (locked, storage) is thrown. */
  private async open(row: EncryptedRow): Promise<SavedSettings> {
    try {
      return parse(await this.table.open(row));
    } catch (error) {
      if (error instanceof DecryptionError || error instanceof UnsupportedVaultError) return { kind: 'unreadable' };
      throw error;
    }
  }
}
