// Checks a backup in its own worker (Argon2id, decrypting and checking every record, verifying
// the chain), so the page, and Quick exit with it, stays responsive; with progress, and
// cancelled at once by aborting. In-process where there are no workers (tests).

import { EncryptedFileError, type EncryptedFileErrorCode, type EncryptedFileKind } from '../export/encryptedFile';
import { runTask, type WorkerTask } from '../workers/runTask';
import type { ErrorRevivers } from '../workers/errorTransfer';
import type { CheckBackupProgress, CheckedBackup } from './checkBackup';
import type { CheckBackupInput } from './checkBackupTask';
import { RestoreError, type RestoreErrorCode } from './restoreErrors';

/** The errors a check can end with, rebuilt on the page so fileErrorCode translates them. */
export const FILE_ERROR_REVIVERS: ErrorRevivers = {
  EncryptedFileError: (e, cause) =>
    new EncryptedFileError(e.fields.code as EncryptedFileErrorCode, e.message, {
      cause,
      ...(typeof e.fields.kind === 'string' ? { kind: e.fields.kind as EncryptedFileKind } : {}),
    }),
};

export const checkBackupWorker: WorkerTask<CheckBackupInput, CheckedBackup, CheckBackupProgress> = {
  name: 'check-backup',
  // Written out literally here: Vite only bundles workers from this exact pattern.
  spawn: () => new Worker(new URL('./checkBackup.worker.ts', import.meta.url), { type: 'module', name: 'check-backup' }),
  inProcess: async () => (await import('./checkBackupTask')).checkBackupTask,
  errors: {
    ...FILE_ERROR_REVIVERS,
    RestoreError: (e, cause) => new RestoreError(e.fields.code as RestoreErrorCode, { cause }),
  },
};

export interface CheckInWorkerOptions {
  signal?: AbortSignal;
  onProgress?: (progress: CheckBackupProgress) => void;
}

/** As checkBackup, in a worker. Rejects with TaskCancelledError once `signal` aborts. */
export function checkBackupInWorker(file: Blob, passphrase: string, options: CheckInWorkerOptions = {}): Promise<CheckedBackup> {
  return runTask(checkBackupWorker, { file, passphrase }, options);
}
