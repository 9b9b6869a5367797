// That a recording was cut off before Stop (`interrupted`, issue 17) travels in the package inside
// the committed attachments field: the viewer gets it as written, and a package from which it
// was taken away (or onto whose stopped recording it was put) does not verify.

import { beforeAll, describe, expect, it } from 'vitest';
import { buildExportDocument } from '../../../../src/core/export/buildExportDocument';
import { EncryptedFileWriter, openEncryptedFile, type FileRecord } from '../../../../src/core/export/encryptedFile';
import { revisionIncident } from '../../../../src/core/export/exportDocument';
import { createEvidencePackage, openEvidencePackage } from '../../../../src/core/export/evidencePackage';
import { EMPTY_SELECTION, selectEntries } from '../../../../src/core/export/selection';
import { exportVerified } from '../../../../src/core/export/verifyExport';
import type { AttachmentRef } from '../../../../src/core/model/incident';
import { FAST_COST } from '../../crypto/helpers';
import { incident, newDevice, pattern, type Device } from '../../backup/backupFixture';

const PASSPHRASE = 'recordiad wedi torri / nagranie przerwane';
const AT = '2026-12-03T14:05:00.000Z';

let device: Device;
let cut: AttachmentRef;
let stopped: AttachmentRef;
let records: FileRecord[];

type Files = { fields: { attachments: { value: Record<string, unknown>[] } } };

beforeAll(async () => {
  device = await newDevice();
  const one = await device.attachments.save(new Blob([pattern(300, 3)], { type: 'audio/webm' }), 'cut.webm');
  cut = { ...one, receivedAt: AT, receivedVia: 'recording', interrupted: true };
  const two = await device.attachments.save(new Blob([pattern(200, 4)], { type: 'audio/webm' }), 'stopped.webm');
  stopped = { ...two, receivedAt: AT, receivedVia: 'recording' };
  await device.diary.add(incident('Recorded at the door', { attachments: [cut, stopped] }));
  const snapshot = device.diary.snapshot();
  const document = await buildExportDocument(
    {
      links: snapshot.links,
      entries: selectEntries(snapshot.entries, EMPTY_SELECTION),
      history: (id) => device.diary.history(id),
      checklists: [],
      fingerprints: [],
    },
    EMPTY_SELECTION,
    new Date('2026-12-20T10:00:00.000Z'),
  );
  const made = await createEvidencePackage(document, device.attachments, PASSPHRASE, { kdfCost: FAST_COST, includeOriginals: true });
  const reader = await openEncryptedFile(made.file, PASSPHRASE, 'evidence-package');
  records = [];
  for await (const record of reader.records()) records.push(record);
});

/** The package again, with the attachments of the entry's first revision edited. */
async function rewrite(edit: (files: Record<string, unknown>[]) => void): Promise<Blob> {
  const writer = await EncryptedFileWriter.create({ kind: 'evidence-package', passphrase: PASSPHRASE, kdfCost: FAST_COST });
  for (const record of structuredClone(records)) {
    if (record.meta.t === 'entry') {
      const entry = record.meta.entry as { revisions: { content: Files }[] };
      const files = entry.revisions[0]?.content.fields.attachments.value;
      if (files) edit(files);
    }
    await writer.add(record);
  }
  return writer.finish();
}

describe('interrupted in an evidence package', () => {
  it('is carried as written and verifies', async () => {
    const opened = await openEvidencePackage(await rewrite(() => undefined), PASSPHRASE);
    expect(exportVerified(opened.verification)).toBe(true);
    const revision = opened.document.entries[0]?.revisions[0];
    const files = revision ? revisionIncident(revision).attachments : [];
    expect(files).toEqual([cut, stopped]);
    expect(files[0]?.interrupted).toBe(true);
    expect(files[1]).not.toHaveProperty('interrupted');
  });

  it('does not verify when it was taken away', async () => {
    const opened = await openEvidencePackage(
      await rewrite((files) => {
        delete files[0]?.interrupted;
      }),
      PASSPHRASE,
    );
    expect(exportVerified(opened.verification)).toBe(false);
  });

  it('does not verify when it was put on a recording that was stopped', async () => {
    const opened = await openEvidencePackage(
      await rewrite((files) => {
        const second = files[1];
        if (second) second.interrupted = true;
      }),
      PASSPHRASE,
    );
    expect(exportVerified(opened.verification)).toBe(false);
  });
});
