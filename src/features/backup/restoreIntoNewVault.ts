import type { CheckedBackup } from '../../core/backup/checkBackup';
import { fileErrorCode, type FileErrorCode } from '../../core/export/fileErrorCode';
import type { Vault } from '../../core/vault/vault';

/**
 * Fills a vault created a moment ago (open, not yet announced as unlocked) with a checked
 * backup. Returns why it failed, or null. Loaded on use: set-up is part of the first screen,
 * this is not.
 */
export async function restoreIntoNewVault(backup: CheckedBackup, vault: Vault): Promise<FileErrorCode | null> {
  try {
    const [{ restoreBackup }, { openDiary }, { createUnlockedStores }] = await Promise.all([
      import('../../core/backup/restoreBackup'),
      import('../../core/vault/instance'),
      import('../../core/vault/featureStores'),
    ]);
    const diary = await openDiary(vault);
    await diary.load();
    const stores = createUnlockedStores(vault);
    await restoreBackup(backup, { diary, attachments: stores.attachments, checklists: stores.checklists });
    // The backup file it came from is a backup of everything here: no reminder straight away.
    await stores.backupStatus.recordBackup(new Date(backup.info.createdAt));
    return null;
  } catch (error) {
    return fileErrorCode(error);
  }
}
