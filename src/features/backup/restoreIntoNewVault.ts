import type { CheckedBackup } from '../../core/backup/checkBackup';
import type { RestoreProgress } from '../../core/backup/restoreBackup';
import { fileErrorCode, type FileErrorCode } from '../../core/export/fileErrorCode';
import type { Vault } from '../../core/vault/vault';
import { isTaskCancelled } from '../../core/workers/runTask';

export interface NewVaultRestoreOptions {
  /**
   * Stops the restore while it writes files (see restoreBackup): the files it added are removed,
   * and it rejects with TaskCancelledError. The vault was stored whole, with its passphrase and
   * recovery key, before the restore began, so it is left as a whole, empty diary. Ignored once
   * the diary's records are being written.
   */
  signal?: AbortSignal;
  onProgress?: (progress: RestoreProgress) => void;
}

/**
 * Fills a vault created a moment ago (open, not yet announced as unlocked) with a checked
 * backup. Returns why it failed, or null; rejects only with TaskCancelledError after a stop.
 * Loaded on use: set-up is part of the first screen, this is not.
 */
export async function restoreIntoNewVault(
  backup: CheckedBackup,
  vault: Vault,
  options: NewVaultRestoreOptions = {},
): Promise<FileErrorCode | null> {
  try {
    const [{ restoreBackup }, { openDiary }, { createUnlockedStores }, { backupInboxOf }] = await Promise.all([
      import('../../core/backup/restoreBackup'),
      import('../../core/vault/instance'),
      import('../../core/vault/featureStores'),
      import('../../core/backup/inboxForBackup'),
    ]);
    const diary = await openDiary(vault);
    await diary.load();
    const stores = createUnlockedStores(vault);
    const inbox = backupInboxOf(stores.inbox, vault.db);
    await restoreBackup(backup, { diary, attachments: stores.attachments, checklists: stores.checklists, inbox }, options);
    // The backup file it came from is a backup of everything here: no reminder straight away.
    await stores.backupStatus.recordBackup(new Date(backup.info.createdAt));
    return null;
  } catch (error) {
    if (isTaskCancelled(error)) throw error;
    return fileErrorCode(error);
  }
}
