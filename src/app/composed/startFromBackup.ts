import { lazy } from 'react';
import type { StartFromBackup } from '../../features/vault/SetupScreen';

// Starting from a backup is the rarer path: its code stays out of the first screen.
export const startFromBackup: StartFromBackup = {
  Step: lazy(async () => ({ default: (await import('../../features/backup/SetupFromBackup')).SetupFromBackup })),
  Restoring: lazy(async () => ({ default: (await import('../../features/backup/SetupRestoring')).SetupRestoring })),
  restore: async (backup, vault) => (await import('../../features/backup/restoreIntoNewVault')).restoreIntoNewVault(backup, vault),
};
