// Opens an evidence package (or a JSON export) in its own worker: Argon2id, decrypting every
// record, hashing the files and verifying the chain happen off the page, so it, and Quick exit
// with it, stays responsive; with progress, and cancelled at once by aborting.

import { runTask, type WorkerTask } from '../workers/runTask';
import { EncryptedFileError, type EncryptedFileErrorCode, type EncryptedFileKind } from './encryptedFile';
import type { OpenedPackage, PackageErrorCode } from './evidencePackage';
import { PackageError } from './evidencePackage/packageError';
import type { OpenPackageInput, OpenPackageProgress } from './openPackageTask';

export const openPackageWorker: WorkerTask<OpenPackageInput, OpenedPackage, OpenPackageProgress> = {
  name: 'open-package',
  // Written out literally here: Vite only bundles workers from this exact pattern.
  spawn: () => new Worker(new URL('./openPackage.worker.ts', import.meta.url), { type: 'module', name: 'open-package' }),
  inProcess: async () => (await import('./openPackageTask')).openPackageTask,
  errors: {
    EncryptedFileError: (e, cause) =>
      new EncryptedFileError(e.fields.code as EncryptedFileErrorCode, e.message, {
        cause,
        ...(typeof e.fields.kind === 'string' ? { kind: e.fields.kind as EncryptedFileKind } : {}),
      }),
    PackageError: (e, cause) => new PackageError(e.fields.code as PackageErrorCode, { cause }),
  },
};

export interface OpenInWorkerOptions {
  signal?: AbortSignal;
  onProgress?: (progress: OpenPackageProgress) => void;
}

/** Opens `file` in a worker. Rejects with PackageError for a file refused, TaskCancelledError once `signal` aborts. */
export function openPackageInWorker(file: Blob, passphrase: string, options: OpenInWorkerOptions = {}): Promise<OpenedPackage> {
  return runTask(openPackageWorker, { file, passphrase }, options);
}
