import type { BackupStatus } from './backupReminder';
import type { DaybookDatabase } from '../store/db';
import { EncryptedTable } from '../store/encryptedTable';

const ROW_ID = 'backup-status';

function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/**
 * When the last backup was made and any snooze of the reminder, encrypted like everything
 * else: even the date of a backup says something about the person.
 */
export class BackupStatusStore {
  private readonly table: EncryptedTable<unknown>;

  constructor(db: DaybookDatabase, key: () => CryptoKey) {
    this.table = new EncryptedTable<unknown>(db, 'settings', key);
  }

  async get(): Promise<BackupStatus> {
    const value = await this.table.get(ROW_ID);
    if (typeof value !== 'object' || value === null) return {};
    const { lastBackupAt, snoozedUntil } = value as Record<string, unknown>;
    return { ...(isTimestamp(lastBackupAt) ? { lastBackupAt } : {}), ...(isTimestamp(snoozedUntil) ? { snoozedUntil } : {}) };
  }

  /** A backup was made now: the reminder starts counting again. */
  async recordBackup(at: Date): Promise<void> {
    await this.table.put(ROW_ID, { lastBackupAt: at.toISOString() });
  }

  async snooze(until: string): Promise<void> {
    await this.table.put(ROW_ID, { ...(await this.get()), snoozedUntil: until });
  }
}
