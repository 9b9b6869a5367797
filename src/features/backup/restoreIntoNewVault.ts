import type { CheckedBackup } from '../../core/backup/checkBackup';

/**
 * Fills a vault created a moment ago with a checked backup (starting from a backup). Loaded
 * on use: set-up is part of the first screen, and the stores and restore code are not.
 */
export async function restoreIntoNewVault(backup: CheckedBackup): Promise<void> {
  const [{ restoreBackup }, { appDiary }, { appAttachments, appChecklistResults }] = await Promise.all([
    import('../../core/backup/restoreBackup'),
    import('../../core/vault/instance'),
    import('../../core/vault/featureStores'),
  ]);
  const diary = await appDiary();
  await diary.load();
  await restoreBackup(backup, { diary, attachments: appAttachments(), checklists: appChecklistResults() });
}
