// When and how each file reached Daybook (issue 17, point 5) travels in the package inside the
// committed attachments field: the viewer gets it as written, and a package whose receivedAt or
// receivedVia was changed does not verify. Files added before it was recorded carry neither, and
// their packages verify as they always did.

import { beforeAll, describe, expect, it } from 'vitest';
import { buildExportDocument } from '../../../../src/core/export/buildExportDocument';
import { EncryptedFileWriter, openEncryptedFile, type FileRecord } from '../../../../src/core/export/encryptedFile';
import { revisionIncident, type ExportDocument } from '../../../../src/core/export/exportDocument';
import { createEvidencePackage, openEvidencePackage } from '../../../../src/core/export/evidencePackage';
import { parseExportDocument, serializeExportDocument } from '../../../../src/core/export/exportJson';
import { EMPTY_SELECTION, selectEntries } from '../../../../src/core/export/selection';
import { exportVerified } from '../../../../src/core/export/verifyExport';
import type { AttachmentRef } from '../../../../src/core/model/incident';
import { FAST_COST } from '../../crypto/helpers';
import { incident, newDevice, pattern, type Device } from '../../backup/backupFixture';

const PASSPHRASE = 'amser derbyn / czas odbioru';
const SHARED_AT = '2026-01-04T07:15:02.123Z';

let device: Device;
let shared: AttachmentRef;
let older: AttachmentRef;

beforeAll(async () => {
  device = await newDevice();
  const saved = await device.attachments.save(new Blob([pattern(300, 3)], { type: 'image/png' }), 'screenshot.png');
  shared = { ...saved, receivedAt: SHARED_AT, receivedVia: 'share' };
  // As a file added before receivedVia existed: no time, no way in.
  older = await device.attachments.save(new Blob([pattern(120, 5)], { type: 'text/plain' }), 'note.txt');
  await device.diary.add(incident('Wiadomość od niego', { attachments: [shared, older] }));
});

function documentOf(from: Device): Promise<ExportDocument> {
  const snapshot = from.diary.snapshot();
  return buildExportDocument(
    {
      links: snapshot.links,
      entries: selectEntries(snapshot.entries, EMPTY_SELECTION),
      history: (id) => from.diary.history(id),
      checklists: [],
      fingerprints: [],
    },
    EMPTY_SELECTION,
    new Date('2026-02-01T10:00:00.000Z'),
  );
}

type Files = { fields: { attachments: { value: Record<string, unknown>[] } } };

describe('receivedAt and receivedVia in an evidence package', () => {
  let records: FileRecord[];
  beforeAll(async () => {
    const made = await createEvidencePackage(await documentOf(device), device.attachments, PASSPHRASE, {
      kdfCost: FAST_COST,
      includeOriginals: true,
    });
    const reader = await openEncryptedFile(made.file, PASSPHRASE, 'evidence-package');
    records = [];
    for await (const record of reader.records()) records.push(record);
  });

  const rewrite = async (edit: (file: Record<string, unknown>) => void): Promise<Blob> => {
    const writer = await EncryptedFileWriter.create({ kind: 'evidence-package', passphrase: PASSPHRASE, kdfCost: FAST_COST });
    for (const record of structuredClone(records)) {
      if (record.meta.t === 'entry') {
        const entry = record.meta.entry as { revisions: { content: Files }[] };
        const first = entry.revisions[0]?.content.fields.attachments.value[0];
        if (first) edit(first);
      }
      await writer.add(record);
    }
    return writer.finish();
  };

  it('carries both as written, beside the SHA-256, and verifies', async () => {
    const made = await rewrite(() => undefined);
    const opened = await openEvidencePackage(made, PASSPHRASE);
    expect(exportVerified(opened.verification)).toBe(true);
    const revision = opened.document.entries[0]?.revisions[0];
    const files = revision ? revisionIncident(revision).attachments : [];
    expect(files).toEqual([shared, older]);
    expect(files[1]).not.toHaveProperty('receivedAt');
    expect(files[1]).not.toHaveProperty('receivedVia');
  });

  it('does not verify when receivedVia was changed', async () => {
    const opened = await openEvidencePackage(
      await rewrite((file) => {
        file.receivedVia = 'camera';
      }),
      PASSPHRASE,
    );
    expect(exportVerified(opened.verification)).toBe(false);
  });

  it('does not verify when receivedAt was changed', async () => {
    const opened = await openEvidencePackage(
      await rewrite((file) => {
        file.receivedAt = '2026-01-03T07:15:02.123Z';
      }),
      PASSPHRASE,
    );
    expect(exportVerified(opened.verification)).toBe(false);
  });

  it('does not verify when receivedVia was taken away', async () => {
    const opened = await openEvidencePackage(
      await rewrite((file) => {
        delete file.receivedVia;
      }),
      PASSPHRASE,
    );
    expect(exportVerified(opened.verification)).toBe(false);
  });
});

describe('receivedAt and receivedVia in the JSON export', () => {
  it('survive writing and reading back, and verify', async () => {
    const document = await documentOf(device);
    const read = parseExportDocument(serializeExportDocument(document));
    expect(read).toEqual({ ok: true, document });
  });
});
