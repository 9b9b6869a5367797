// Opens what an advocate was given: an encrypted evidence package, or a plain JSON export.
// Either way it stays in memory only, and its chain is verified, in a worker (see
// core/export/openPackageInWorker.ts): this module is loaded with the screen, the reading code is not.

import type { OpenedPackage } from '../../core/export/evidencePackage';
import type { OpenInWorkerOptions } from '../../core/export/openPackageInWorker';

export type { OpenPackageProgress } from '../../core/export/openPackageTask';

export async function needsPassphrase(file: Blob): Promise<boolean> {
  const { looksLikeJson } = await import('../../core/export/openPackageTask');
  return !(await looksLikeJson(file));
}

/** Opens `file` off the page, reporting progress; aborting `signal` stops it at once (TaskCancelledError). */
export async function openPackageFile(file: Blob, passphrase: string, options: OpenInWorkerOptions = {}): Promise<OpenedPackage> {
  const { openPackageInWorker } = await import('../../core/export/openPackageInWorker');
  return openPackageInWorker(file, passphrase, options);
}
