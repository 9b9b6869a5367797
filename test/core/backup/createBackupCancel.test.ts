// Stopping a backup half-way: nothing more is decrypted or encrypted, no file comes back, and
// its progress only moves forward, ending at each phase's total.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackup, type BackupPhase } from '../../../src/core/backup/createBackup';
import { TaskCancelledError } from '../../../src/core/workers/runTask';
import { ControlledKdfWorker } from '../../support/controlledKdfWorker';
import { expectRejection, FAST_COST } from '../crypto/helpers';
import { CHECKLIST_ANSWERS, newDevice, PASSPHRASE, type Device } from './backupFixture';
import { countEncryptions, countingStore, phasesOf, writeThreeRecordings } from './countingChunks';

let device: Device;

beforeAll(async () => {
  device = await newDevice();
  await writeThreeRecordings(device);
  await device.checklists.saveAnswers(CHECKLIST_ANSWERS, new Date('2026-01-04T18:00:00.000Z'));
});

let encryptions: ReturnType<typeof countEncryptions> | null = null;
afterEach(() => {
  encryptions?.restore();
  encryptions = null;
  vi.unstubAllGlobals();
});

describe('cancelling a backup', () => {
  it.each([1, 2, 5, 9])(
    'while chunk %i of 9 is read: reads no further chunk, encrypts nothing more, rejects, returns no file',
    async (at) => {
      const controller = new AbortController();
      let encryptedBefore = -1;
      const { attachments, counter } = countingStore(device.attachments, (reads) => {
        if (reads !== at) return;
        controller.abort();
        encryptedBefore = encryptions?.count() ?? -1;
      });
      encryptions = countEncryptions();
      const made = createBackup({ ...device, attachments }, PASSPHRASE, { kdfCost: FAST_COST, signal: controller.signal });
      await expectRejection(made, TaskCancelledError);
      // Within one chunk (the writer holds one back to know the last): here not even that.
      expect(counter.reads).toBeLessThanOrEqual(at + 1);
      expect(counter.reads).toBe(at);
      expect(counter.open).toBe(0);
      expect(encryptedBefore).toBeGreaterThan(0);
      expect(encryptions.count()).toBe(encryptedBefore);
    },
  );

  it('while the records are written: reads no file at all', async () => {
    const controller = new AbortController();
    const { attachments, counter } = countingStore(device.attachments);
    const records: number[] = [];
    const made = createBackup({ ...device, attachments }, PASSPHRASE, {
      kdfCost: FAST_COST,
      signal: controller.signal,
      onProgress: (done, _total, phase) => {
        if (phase !== 'records') return;
        records.push(done);
        if (done === 2) controller.abort();
      },
    });
    await expectRejection(made, TaskCancelledError);
    expect(records).toEqual([0, 1, 2]);
    expect(counter.reads).toBe(0);
  });

  it("while the file's key is derived: the Argon2id worker (holding the passphrase) ends, it rejects, nothing is read or encrypted", async () => {
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const controller = new AbortController();
    const { attachments, counter } = countingStore(device.attachments);
    const progress: number[] = [];
    const running = ControlledKdfWorker.nextRun();
    const made = createBackup({ ...device, attachments }, PASSPHRASE, {
      kdfCost: FAST_COST,
      signal: controller.signal,
      onProgress: (done) => progress.push(done),
    });
    const worker = await running;
    encryptions = countEncryptions();
    controller.abort();
    await expectRejection(made, TaskCancelledError);
    expect(worker.terminated).toBe(true);
    expect(counter.reads).toBe(0);
    expect(encryptions.count()).toBe(0);
    expect(progress).toEqual([]);
  });

  it('already cancelled: does not start', async () => {
    const { attachments, counter } = countingStore(device.attachments);
    await expectRejection(
      createBackup({ ...device, attachments }, PASSPHRASE, { kdfCost: FAST_COST, signal: AbortSignal.abort() }),
      TaskCancelledError,
    );
    expect(counter.reads).toBe(0);
  });
});

describe("a backup's progress", () => {
  it('counts the records, then the files, each only forward and ending at its total', async () => {
    const seen: { phase: BackupPhase; done: number; total: number }[] = [];
    const made = await createBackup(device, PASSPHRASE, {
      kdfCost: FAST_COST,
      onProgress: (done, total, phase) => seen.push({ phase, done, total }),
    });
    const { phases, monotone, ends } = phasesOf(seen);
    expect(phases).toEqual(['records', 'files']);
    expect(monotone).toBe(true);
    // The description, every link, the seal and the checklist result; then the three files.
    const records = 2 + device.diary.allRecords().length + 1;
    expect(ends).toEqual([
      { phase: 'records', done: records, total: records },
      { phase: 'files', done: 3, total: 3 },
    ]);
    expect(seen[0]).toEqual({ phase: 'records', done: 0, total: records });
    expect(made.summary.files).toBe(3);
  });
});
