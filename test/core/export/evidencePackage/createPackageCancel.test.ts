// Stopping an evidence package half-way: nothing more is decrypted, redrawn, hashed or
// encrypted, no file comes back, and its progress only moves forward to each phase's total.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEvidencePackage, type PackageOptions } from '../../../../src/core/export/evidencePackage';
import type { PackageProgress } from '../../../../src/core/export/evidencePackage/createPackage';
import type { ExportDocument } from '../../../../src/core/export/exportDocument';
import { TaskCancelledError } from '../../../../src/core/workers/runTask';
import { ControlledKdfWorker } from '../../../support/controlledKdfWorker';
import { expectRejection, FAST_COST } from '../../crypto/helpers';
import { exportDocumentOf, incident, newDevice, pattern, type Device } from '../../backup/backupFixture';
import { countEncryptions, countingStore, phasesOf, writeThreeRecordings } from '../../backup/countingChunks';

const PASSPHRASE = 'pecyn tystiolaeth: stopio';

let device: Device;
let document: ExportDocument;

beforeAll(async () => {
  device = await newDevice();
  await writeThreeRecordings(device);
  document = await exportDocumentOf(device);
});

let encryptions: ReturnType<typeof countEncryptions> | null = null;
afterEach(() => {
  encryptions?.restore();
  encryptions = null;
  vi.unstubAllGlobals();
});

// Originals ticked, every file is copied as it is; unticked, each is read first to tell a picture.
describe.each([true, false])('cancelling a package (originals: %s)', (includeOriginals) => {
  const options = (more: PackageOptions): PackageOptions => ({ kdfCost: FAST_COST, includeOriginals, ...more });

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
      await expectRejection(
        createEvidencePackage(document, attachments, PASSPHRASE, options({ signal: controller.signal })),
        TaskCancelledError,
      );
      expect(counter.reads).toBeLessThanOrEqual(at + 1);
      expect(counter.reads).toBe(at);
      expect(counter.open).toBe(0);
      expect(encryptedBefore).toBeGreaterThan(0);
      expect(encryptions.count()).toBe(encryptedBefore);
    },
  );

  it("while the package's key is derived: the Argon2id worker (holding the passphrase) ends, it rejects, nothing is read or encrypted", async () => {
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const controller = new AbortController();
    const { attachments, counter } = countingStore(device.attachments);
    const seen: PackageProgress[] = [];
    const running = ControlledKdfWorker.nextRun();
    const made = createEvidencePackage(
      document,
      attachments,
      PASSPHRASE,
      options({ signal: controller.signal, onProgress: (progress) => seen.push(progress) }),
    );
    const worker = await running;
    encryptions = countEncryptions();
    controller.abort();
    await expectRejection(made, TaskCancelledError);
    expect(worker.terminated).toBe(true);
    expect(counter.reads).toBe(0);
    expect(encryptions.count()).toBe(0);
    expect(seen).toEqual([]);
  });

  it('while the records are written: reads no file, stops within one record', async () => {
    const controller = new AbortController();
    const { attachments, counter } = countingStore(device.attachments);
    const seen: PackageProgress[] = [];
    const made = createEvidencePackage(
      document,
      attachments,
      PASSPHRASE,
      options({
        signal: controller.signal,
        onProgress: (progress) => {
          seen.push(progress);
          if (progress.done === 2) controller.abort();
        },
      }),
    );
    await expectRejection(made, TaskCancelledError);
    expect(seen.map((p) => [p.phase, p.done])).toEqual([
      ['records', 0],
      ['records', 1],
      ['records', 2],
    ]);
    expect(counter.reads).toBe(0);
  });

  it('already cancelled: does not start', async () => {
    const { attachments, counter } = countingStore(device.attachments);
    await expectRejection(
      createEvidencePackage(document, attachments, PASSPHRASE, options({ signal: AbortSignal.abort() })),
      TaskCancelledError,
    );
    expect(counter.reads).toBe(0);
  });

  it('reports the records, then the files, each only forward and ending at its total', async () => {
    const seen: PackageProgress[] = [];
    const made = await createEvidencePackage(document, device.attachments, PASSPHRASE, options({ onProgress: (p) => seen.push(p) }));
    const { phases, monotone, ends } = phasesOf(seen);
    expect(phases).toEqual(['records', 'files']);
    expect(monotone).toBe(true);
    // The document, each link, each entry (no checklists chosen); then the three recordings.
    const records = 1 + document.chain.links.length + document.entries.length;
    expect(ends).toEqual([
      { phase: 'records', done: records, total: records },
      { phase: 'files', done: 3, total: 3 },
    ]);
    expect(made.damagedFiles).toEqual([]);
  });
});

describe('cancelling a package while a picture is redrawn', () => {
  it('writes nothing more once the redraw returns: no copy hashed, no record encrypted', async () => {
    const device = await newDevice();
    const photo = await device.attachments.save(new Blob([pattern(2048, 5)], { type: 'image/png' }), 'photo.png');
    await device.diary.add(incident('Photo of the car', { attachments: [photo] }));
    const document = await exportDocumentOf(device);
    const controller = new AbortController();
    let encryptedBefore = -1;
    encryptions = countEncryptions();
    const made = createEvidencePackage(document, device.attachments, PASSPHRASE, {
      kdfCost: FAST_COST,
      signal: controller.signal,
      redraw: () => {
        controller.abort();
        encryptedBefore = encryptions?.count() ?? -1;
        return Promise.resolve({ status: 'redrawn', picture: new Blob([pattern(100, 9)]), width: 1, height: 1, format: 'png' });
      },
    });
    await expectRejection(made, TaskCancelledError);
    expect(encryptedBefore).toBeGreaterThan(0);
    expect(encryptions.count()).toBe(encryptedBefore);
  });
});
