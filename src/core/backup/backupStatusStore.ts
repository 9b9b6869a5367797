import type { BackupStatus } from './backupReminder';
import type { DaybookDatabase } from '../store/db';
import { EncryptedTable } from '../store/encryptedTable';
import { padded } from '../store/padding';

const ROW_ID = 'backup-status';

function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/**
 * When the last backup was made and any snooze of the reminder, encrypted like everything
 * else: even the date of a backup says something about the person. The row is written, with no
 * backup, when the vault is created (ensureRow), and padded, so neither its existence nor its
 * length tells an onlooker that a backup was made.
 */
export class BackupStatusStore {
  private readonly table: EncryptedTable<unknown>;

  constructor(db: DaybookDatabase, key: () => CryptoKey) {
    this.table = new EncryptedTable<unknown>(db, 'settings', key);
  }

  /** Writes the row with no backup made, unless it exists. Returns whether it wrote it. */
  ensureRow(): Promise<boolean> {
    return this.table.putIfAbsent(ROW_ID, padded({}));
  }

  async get(): Promise<BackupStatus> {
    const value = await this.table.get(ROW_ID);
    if (typeof value !== 'object' || value === null) return {};
    const { lastBackupAt, snoozedUntil } = value as Record<string, unknown>;
    return { ...(isTimestamp(lastBackupAt) ? { lastBackupAt } : {}), ...(isTimestamp(snoozedUntil) ? { snoozedUntil } : {}) };
  }

  /** A backup was made now: the reminder starts counting again. */
  async recordBackup(at: Date): Promise<void> {
    await this.table.put(ROW_ID, padded({ lastBackupAt: at.toISOString() }));
  }

  async snooze(until: string): Promise<void> {
    await this.table.put(ROW_ID, padded({ ...(await this.get()), snoozedUntil: until }));
  }
}
