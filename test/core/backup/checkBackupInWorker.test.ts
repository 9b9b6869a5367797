// Checking a backup as a worker task: the result is plain data that survives postMessage (and a
// restore works from the copy), progress comes in order, cancelling stops it with nothing
// written, and every refusal crosses from the worker as the same error, translated the same.

import { describe, expect, it } from 'vitest';
import type { CheckBackupProgress } from '../../../src/core/backup/checkBackup';
import { checkBackupInWorker, checkBackupWorker } from '../../../src/core/backup/checkBackupInWorker';
import { restoreBackup } from '../../../src/core/backup/restoreBackup';
import { RestoreError } from '../../../src/core/backup/restoreErrors';
import { EncryptedFileError } from '../../../src/core/export/encryptedFile';
import { fileErrorCode } from '../../../src/core/export/fileErrorCode';
import { reviveError, serializeError } from '../../../src/core/workers/errorTransfer';
import { TaskCancelledError } from '../../../src/core/workers/runTask';
import { backupOf, dumpDatabase, expectUnchanged, newDevice, PASSPHRASE, rejectionOf, reopened, writeSampleDiary } from './backupFixture';

describe('checking a backup as a worker task', () => {
  it('gives plain data a restore can use after postMessage, with progress in order', async () => {
    const source = await newDevice();
    await writeSampleDiary(source);
    const made = await backupOf(source);
    const seen: CheckBackupProgress[] = [];
    const checked = await checkBackupInWorker(made.file, PASSPHRASE, { onProgress: (p) => seen.push(p) });

    // What a worker posts is a structured clone: no functions, no class instances.
    const posted = structuredClone(checked);
    expect(posted).toEqual(checked);

    expect(seen[0]).toEqual({ phase: 'unlock', done: 0, total: 0 });
    const reads = seen.filter((p) => p.phase === 'read');
    expect(reads.length).toBeGreaterThan(0);
    for (const [i, p] of reads.entries()) {
      expect(p.total).toBe(made.file.size);
      expect(p.done).toBeGreaterThanOrEqual(reads[i - 1]?.done ?? 0);
    }
    expect(reads.at(-1)?.done).toBe(made.file.size);
    expect(seen.at(-1)).toEqual({ phase: 'verify', done: 0, total: 0 });

    const target = await newDevice('2027-06-01T10:00:00.000Z', 1024 * 1024);
    const result = await restoreBackup(posted, target);
    expect(result.addedFiles).toBe(2);
    expect((await reopened(target)).allRecords()).toEqual((await reopened(source)).allRecords());
  });

  it('stops when cancelled, and nothing is written', async () => {
    const source = await newDevice();
    await writeSampleDiary(source);
    const made = await backupOf(source);
    const target = await newDevice();
    const before = await dumpDatabase(target.db);
    const controller = new AbortController();
    const error = await rejectionOf(
      checkBackupInWorker(made.file, PASSPHRASE, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'read') controller.abort();
        },
      }),
    );
    expect(error).toBeInstanceOf(TaskCancelledError);
    await expectUnchanged(target.db, before);
  });

  it('brings every refusal across as the same error, with the same message', () => {
    const errors = [
      new RestoreError('too-large'),
      new RestoreError('kdf-too-costly'),
      new RestoreError('wrong-kind', { cause: new EncryptedFileError('wrong-kind', 'x', { kind: 'evidence-package' }) }),
      new RestoreError('diary-does-not-verify'),
      new EncryptedFileError('corrupt', 'x'),
    ];
    for (const error of errors) {
      const revived = reviveError(structuredClone(serializeError(error)), checkBackupWorker.errors);
      expect(revived).toBeInstanceOf(error.constructor);
      expect(fileErrorCode(revived)).toBe(fileErrorCode(error));
    }
    expect(fileErrorCode(reviveError(structuredClone(serializeError(errors[2])), checkBackupWorker.errors))).toBe('is-package');
  });
});
