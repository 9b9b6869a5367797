import type { CheckedBackup } from '../../core/backup/checkBackup';
import { fileErrorCode, type FileErrorCode } from '../../core/export/fileErrorCode';

/**
 * Fills a vault created a moment ago with a checked backup (starting from a backup). Returns
 * why it failed, or null. Loaded on use: set-up is part of the first screen, this is not.
 */
export async function restoreIntoNewVault(backup: CheckedBackup): Promise<FileErrorCode | null> {
  try {
    const [{ restoreBackup }, { appDiary }, { appAttachments, appBackupStatus, appChecklistResults }] = await Promise.all([
      import('../../core/backup/restoreBackup'),
      import('../../core/vault/instance'),
      import('../../core/vault/featureStores'),
    ]);
    const diary = await appDiary();
    await diary.load();
    await restoreBackup(backup, { diary, attachments: appAttachments(), checklists: appChecklistResults() });
    // The backup file it came from is a backup of everything here: no reminder straight away.
    await appBackupStatus().recordBackup(new Date(backup.info.createdAt));
    return null;
  } catch (error) {
    return fileErrorCode(error);
  }
}
