import { useImperativeHandle, type Ref } from 'react';
import type { CheckedBackup } from '../../core/backup/checkBackup';
import type { FileErrorCode } from '../../core/export/fileErrorCode';
import type { Vault } from '../../core/vault/vault';
import { isTaskCancelled } from '../../core/workers/runTask';
import { RestoreProgress } from './RestoreProgress';
import { restoreIntoNewVault } from './restoreIntoNewVault';
import { useRestoreTask } from './useRestoreTask';

/** Set-up's handle on the restore into the vault it has just stored. */
export interface NewVaultRestorer {
  /**
   * Restores with progress and Stop shown where this component is: null when done, why it
   * failed, or 'stopped' (the new vault is then whole and empty: see restoreIntoNewVault).
   */
  restore: (backup: CheckedBackup, vault: Vault) => Promise<FileErrorCode | 'stopped' | null>;
}

/**
 * Where set-up shows a restore into the new vault. Mounted before the person opens the diary and
 * started by set-up from that click (never from an effect, which React may run twice).
 */
export function SetupRestoring({ ref }: { ref: Ref<NewVaultRestorer> }) {
  const task = useRestoreTask();
  const { run } = task;
  useImperativeHandle(
    ref,
    () => ({
      restore: async (backup, vault) => {
        try {
          return await run((options) => restoreIntoNewVault(backup, vault, options));
        } catch (caught) {
          if (isTaskCancelled(caught)) return 'stopped';
          throw caught;
        }
      },
    }),
    [run],
  );
  return <RestoreProgress task={task} />;
}
