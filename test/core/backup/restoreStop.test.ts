// Restoring a backup shows how far it has got and can be stopped while it writes files: a stop
// then takes out the files it added and leaves every table exactly as it was. Once the diary's
// records are being written, a stop is not heard, so no diary is left half-restored.

import { describe, expect, it, vi } from 'vitest';
import { checkBackup, type CheckedBackup } from '../../../src/core/backup/checkBackup';
import { restoreBackup, type RestoreProgress } from '../../../src/core/backup/restoreBackup';
import { StorageError } from '../../../src/core/store/storageErrors';
import { TaskCancelledError } from '../../../src/core/workers/runTask';
import { restoreIntoNewVault } from '../../../src/features/backup/restoreIntoNewVault';
import { createUnlockedStores } from '../../../src/core/vault/featureStores';
import { openDiary } from '../../../src/core/vault/instance';
import { testVault } from '../../support/vault';
import {
  backupOf,
  dumpDatabase,
  expectUnchanged,
  incident,
  newDevice,
  PASSPHRASE,
  pattern,
  rejectionOf,
  writeSampleDiary,
  type Device,
} from './backupFixture';

/** A backup of the sample diary (a 3 KB file in three chunks and a 200-byte one). */
async function sampleBackup(): Promise<CheckedBackup> {
  const source = await newDevice();
  await writeSampleDiary(source);
  return checkBackup((await backupOf(source)).file, PASSPHRASE);
}

/** A device with a diary of its own: an incident with a file, and an edit. */
async function deviceWithItsOwnDiary(): Promise<Device> {
  const device = await newDevice('2026-02-01T09:00:00.000Z');
  const ref = await device.attachments.save(new Blob([pattern(1500, 3)], { type: 'image/jpeg' }), 'llun.jpg');
  const id = await device.diary.add(incident('Roedd e wrth y giât', { attachments: [ref] }));
  await device.diary.edit(id, incident('Roedd e wrth y giât eto', { attachments: [ref] }));
  return device;
}

/** Every progress report of a restore left to finish, and how many records it wrote. */
async function progressOfWholeRestore(backup: CheckedBackup): Promise<{ seen: RestoreProgress[]; records: number }> {
  const target = await deviceWithItsOwnDiary();
  const seen: RestoreProgress[] = [];
  const { plan } = await restoreBackup(backup, target, { onProgress: (p) => seen.push({ ...p }) });
  return { seen, records: plan.verbatim.length + plan.imported.length };
}

describe('progress while restoring', () => {
  it('counts the files in bytes, then the records, never going back, and ends at the total', async () => {
    const backup = await sampleBackup();
    const { seen, records: diary } = await progressOfWholeRestore(backup);
    const files = seen.filter((p) => p.phase === 'files');
    const records = seen.filter((p) => p.phase === 'records');
    // Files first, then records, never back.
    expect(seen).toEqual([...files, ...records]);

    expect(files.map((p) => p.total)).toEqual(files.map(() => 3 * 1024 + 200));
    expect(files[0]?.done).toBe(0);
    expect(files.at(-1)?.done).toBe(3 * 1024 + 200);
    // One report per chunk: three for the big file, one for the small one.
    expect(files).toHaveLength(5);

    // The diary's records in one write, then two checklist results one by one.
    expect(diary).toBeGreaterThan(0);
    expect(records.map((p) => p.total)).toEqual(records.map(() => diary + 2));
    expect(records.map((p) => p.done)).toEqual([0, diary, diary + 1, diary + 2]);

    for (const phase of [files, records]) {
      const done = phase.map((p) => p.done);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      for (const p of phase) expect(p.done).toBeLessThanOrEqual(p.total);
    }
  });

  it('reports no file phase when there are no files to add', async () => {
    const source = await newDevice();
    await source.diary.add(incident('Dim ffeil'));
    const backup = await checkBackup((await backupOf(source)).file, PASSPHRASE);
    const { seen } = await progressOfWholeRestore(backup);
    expect(seen).toEqual([
      { phase: 'records', done: 0, total: 1 },
      { phase: 'records', done: 1, total: 1 },
    ]);
  });
});

describe('stopping a restore while it writes files', () => {
  it('at every point of the file phase: rejects with TaskCancelledError and leaves every table exactly as it was', async () => {
    const backup = await sampleBackup();
    const steps = (await progressOfWholeRestore(backup)).seen.filter((p) => p.phase === 'files').length;
    for (let stopAt = 0; stopAt < steps; stopAt++) {
      const target = await deviceWithItsOwnDiary();
      const before = await dumpDatabase(target.db);
      const controller = new AbortController();
      let heard = 0;
      const seen: RestoreProgress[] = [];
      const error = await rejectionOf(
        restoreBackup(backup, target, {
          signal: controller.signal,
          onProgress: (p) => {
            seen.push(p);
            if (p.phase === 'files' && heard++ === stopAt) controller.abort();
          },
        }),
      );
      expect(error, `stopped at step ${stopAt}`).toBeInstanceOf(TaskCancelledError);
      expect(seen.some((p) => p.phase === 'records')).toBe(false);
      await expectUnchanged(target.db, before);
    }
  });

  it('takes out a whole file already added, not only the one being written', async () => {
    const backup = await sampleBackup();
    const target = await deviceWithItsOwnDiary();
    const before = await dumpDatabase(target.db);
    const controller = new AbortController();
    const removeAll = vi.spyOn(target.attachments, 'removeAll');
    const error = await rejectionOf(
      restoreBackup(backup, target, {
        signal: controller.signal,
        // The last report of the phase: both files are written.
        onProgress: (p) => {
          if (p.phase === 'files' && p.done === p.total) controller.abort();
        },
      }),
    );
    expect(error).toBeInstanceOf(TaskCancelledError);
    expect(removeAll).toHaveBeenCalledTimes(1);
    expect(removeAll.mock.calls[0]?.[0]).toHaveLength(2);
    await expectUnchanged(target.db, before);
  });

  it('writes nothing when stopped before it starts', async () => {
    const backup = await sampleBackup();
    const target = await deviceWithItsOwnDiary();
    const before = await dumpDatabase(target.db);
    const error = await rejectionOf(restoreBackup(backup, target, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(TaskCancelledError);
    await expectUnchanged(target.db, before);
  });

  it('says the storage failed, not "stopped", when the files it added cannot be taken out', async () => {
    const backup = await sampleBackup();
    const target = await deviceWithItsOwnDiary();
    const controller = new AbortController();
    vi.spyOn(target.attachments, 'removeAll').mockRejectedValue(new StorageError('write-failed'));
    const error = await rejectionOf(
      restoreBackup(backup, target, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'files' && p.done === p.total) controller.abort();
        },
      }),
    );
    expect(error).toBeInstanceOf(StorageError);
  });
});

describe('a stop once the records are being written', () => {
  it('is not heard: the restore finishes, whole', async () => {
    const backup = await sampleBackup();
    const stopped = await deviceWithItsOwnDiary();
    const whole = await deviceWithItsOwnDiary();
    const controller = new AbortController();
    const result = await restoreBackup(backup, stopped, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'records') controller.abort();
      },
    });
    expect(controller.signal.aborted).toBe(true);
    expect(result.addedFiles).toBe(2);
    await restoreBackup(backup, whole);
    // The same incidents, files and checklist results as a restore nobody tried to stop.
    const words = (device: Device) =>
      device.diary
        .snapshot()
        .entries.map((e) => e.incident.whatHappened)
        .sort();
    expect(words(stopped)).toEqual(words(whole));
    expect(stopped.diary.allRecords()).toHaveLength(whole.diary.allRecords().length);
    expect((await stopped.attachments.storedIds()).length).toBe((await whole.attachments.storedIds()).length);
    expect(await stopped.diary.verify()).toMatchObject({ ok: true });
    expect((await stopped.checklists.list()).length).toBe(2);
  });
});

describe('stopping a restore into a new vault (set-up from a backup)', () => {
  it('leaves the new vault whole and empty: no record, file, checklist result or backup date from the backup', async () => {
    const backup = await sampleBackup();
    const { vault, db } = testVault();
    const pending = await vault.prepare('a new passphrase for the new phone');
    const controller = new AbortController();
    let error: unknown = null;
    await pending.commit(async () => {
      // The vault as stored whole before the restore began.
      const before = await dumpDatabase(db);
      error = await rejectionOf(
        restoreIntoNewVault(backup, vault, {
          signal: controller.signal,
          onProgress: (p) => {
            if (p.phase === 'files' && p.done > 0) controller.abort();
          },
        }),
      );
      await expectUnchanged(db, before);
    });
    expect(error).toBeInstanceOf(TaskCancelledError);
    expect(await vault.status()).toBe('unlocked');
    expect(await db.chunks.count()).toBe(0);
    expect(await db.checklists.count()).toBe(0);
    const diary = await openDiary(vault);
    await diary.load();
    expect(diary.allRecords()).toEqual([]);
    expect(await createUnlockedStores(vault).backupStatus.get()).toEqual({});
  });

  it('with no stop, restores everything and says nothing failed', async () => {
    const backup = await sampleBackup();
    const { vault, db } = testVault();
    const pending = await vault.prepare('a new passphrase for the new phone');
    const seen: RestoreProgress[] = [];
    let failed: unknown = 'not run';
    await pending.commit(async () => {
      failed = await restoreIntoNewVault(backup, vault, { signal: new AbortController().signal, onProgress: (p) => seen.push(p) });
    });
    expect(failed).toBeNull();
    // Three chunks of the 3 KB file and one of the small one, as the backup holds them.
    expect(await db.chunks.count()).toBe(4);
    expect(seen.at(-1)).toEqual({ phase: 'records', done: 9, total: 9 });
  });
});
