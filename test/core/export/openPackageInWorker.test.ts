// Opening an evidence package (or a JSON export) as a worker task: plain data out, progress in
// order, cancelling stops it, and refusals cross from the worker as the same errors.

import { beforeAll, describe, expect, it } from 'vitest';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import { EncryptedFileError } from '../../../src/core/export/encryptedFile';
import { createEvidencePackage, PackageError } from '../../../src/core/export/evidencePackage';
import { serializeExportDocument } from '../../../src/core/export/exportJson';
import { fileErrorCode } from '../../../src/core/export/fileErrorCode';
import { openPackageInWorker, openPackageWorker } from '../../../src/core/export/openPackageInWorker';
import { MAX_JSON_EXPORT_BYTES, type OpenPackageProgress } from '../../../src/core/export/openPackageTask';
import { EMPTY_SELECTION, selectEntries } from '../../../src/core/export/selection';
import type { ExportDocument } from '../../../src/core/export/exportDocument';
import { reviveError, serializeError } from '../../../src/core/workers/errorTransfer';
import { TaskCancelledError } from '../../../src/core/workers/runTask';
import { FAST_COST } from '../crypto/helpers';
import { incident, newDevice, pattern, rejectionOf } from '../backup/backupFixture';

const PASSPHRASE = 'pecyn prawf';
let packageFile: Blob;
let document: ExportDocument;

beforeAll(async () => {
  const device = await newDevice();
  const ref = await device.attachments.save(new Blob([pattern(5000, 3)], { type: 'application/pdf' }), 'llythyr.pdf');
  await device.diary.add(incident('Neges am dri y bore', { attachments: [ref] }));
  await device.diary.add(incident('Un arall'));
  const selection = { ...EMPTY_SELECTION, includeChecklists: true };
  const snapshot = device.diary.snapshot();
  document = await buildExportDocument(
    {
      links: snapshot.links,
      entries: selectEntries(snapshot.entries, selection),
      history: (e) => device.diary.history(e),
      checklists: [],
      fingerprints: [],
    },
    selection,
  );
  packageFile = (await createEvidencePackage(document, device.attachments, PASSPHRASE, { kdfCost: FAST_COST })).file;
});

describe('opening a package as a worker task', () => {
  it('gives plain data that survives postMessage, with progress in order', async () => {
    const seen: OpenPackageProgress[] = [];
    const opened = await openPackageInWorker(packageFile, PASSPHRASE, { onProgress: (p) => seen.push(p) });
    expect(opened.verification.chain.ok).toBe(true);
    expect(opened.files.size).toBe(1);
    const posted = structuredClone(opened);
    expect(posted).toEqual(opened);
    expect(await [...posted.files.values()][0]?.arrayBuffer()).toEqual(await [...opened.files.values()][0]?.arrayBuffer());

    expect(seen[0]).toEqual({ phase: 'unlock', done: 0, total: 0 });
    expect(seen.at(-1)).toEqual({ phase: 'verify', done: 0, total: 0 });
    const order = ['unlock', 'read', 'verify'];
    for (let i = 1; i < seen.length; i++) {
      expect(order.indexOf(seen[i]?.phase ?? '')).toBeGreaterThanOrEqual(order.indexOf(seen[i - 1]?.phase ?? ''));
    }
  });

  it('opens a JSON export, and refuses one over the size limit before reading it', async () => {
    const json = new Blob([serializeExportDocument(document)]);
    const opened = await openPackageInWorker(json, '');
    expect(opened.verification.chain.ok).toBe(true);
    const huge = new Blob(['{}']);
    Object.defineProperty(huge, 'size', { value: MAX_JSON_EXPORT_BYTES + 1 });
    const error = await rejectionOf(openPackageInWorker(huge, ''));
    expect(error).toBeInstanceOf(PackageError);
    expect(fileErrorCode(error)).toBe('too-large');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const error = await rejectionOf(
      openPackageInWorker(packageFile, PASSPHRASE, {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    );
    expect(error).toBeInstanceOf(TaskCancelledError);
  });

  it('brings every refusal across as the same error, with the same message', () => {
    const errors = [
      new PackageError('too-large'),
      new PackageError('kdf-too-costly'),
      new PackageError('wrong-kind', { cause: new EncryptedFileError('wrong-kind', 'x', { kind: 'backup' }) }),
      new PackageError('invalid-document'),
    ];
    for (const error of errors) {
      const revived = reviveError(structuredClone(serializeError(error)), openPackageWorker.errors);
      expect(revived).toBeInstanceOf(PackageError);
      expect(fileErrorCode(revived)).toBe(fileErrorCode(error));
    }
    expect(fileErrorCode(reviveError(structuredClone(serializeError(errors[2])), openPackageWorker.errors))).toBe('is-backup');
  });
});
