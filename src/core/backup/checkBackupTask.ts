// Checking a backup, as a task: what the backup worker runs (and what runs in-process where
// there are no workers). Passphrase in, plain data out (see CheckedBackup): nothing is written.

import type { TaskFunction } from '../workers/protocol';
import { checkBackup, type CheckBackupProgress, type CheckedBackup } from './checkBackup';

export interface CheckBackupInput {
  file: Blob;
  passphrase: string;
}

export const checkBackupTask: TaskFunction<CheckBackupInput, CheckedBackup, CheckBackupProgress> = (input, { progress, signal }) => {
  // Only changes are posted: records come many to a read window, and each message costs the page.
  let last: CheckBackupProgress | null = null;
  const onProgress = (next: CheckBackupProgress) => {
    if (last?.phase === next.phase && last.done === next.done && last.total === next.total) return;
    last = next;
    progress(next);
  };
  return checkBackup(input.file, input.passphrase, { onProgress, signal });
};
