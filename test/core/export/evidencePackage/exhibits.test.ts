// Exhibit references in an evidence package (issue 16, point 6): with initials, each file record
// carries the file's reference ("AB/1") and its name with the label in front ("AB-1 …"), beside
// the file and outside the document; without initials the package is as before.
import { beforeAll, describe, expect, it } from 'vitest';
import { openEncryptedFile, type FileRecord } from '../../../../src/core/export/encryptedFile';
import type { ExportDocument } from '../../../../src/core/export/exportDocument';
import { initialsOfRecorded } from '../../../../src/core/export/exhibits';
import { createEvidencePackage, openEvidencePackage, type PackageOptions } from '../../../../src/core/export/evidencePackage';
import { exportVerified } from '../../../../src/core/export/verifyExport';
import type { AttachmentRef } from '../../../../src/core/model/incident';
import { exportDocumentOf, incident, newDevice, type Device } from '../../backup/backupFixture';
import { FAST_COST } from '../../crypto/helpers';
import { text } from '../../files/fixtures';

const PASSPHRASE = 'rhifau arddangos';

let device: Device;
let note: AttachmentRef;
let statement: AttachmentRef;
let document: ExportDocument;

beforeAll(async () => {
  device = await newDevice();
  note = await device.attachments.save(new Blob([text('a plain note') as BlobPart], { type: 'text/plain' }), 'IMG_2041 note.txt');
  statement = await device.attachments.save(new Blob([text('letter') as BlobPart], { type: 'text/plain' }), '../letter\u202Etxt.exe');
  await device.diary.add(incident('His car was outside again.', { attachments: [note, statement] }));
  document = await exportDocumentOf(device);
});

async function make(options: PackageOptions = {}) {
  return createEvidencePackage(document, device.attachments, PASSPHRASE, { kdfCost: FAST_COST, ...options });
}

async function fileRecords(file: Blob): Promise<FileRecord['meta'][]> {
  const reader = await openEncryptedFile(file, PASSPHRASE, 'evidence-package');
  const metas: FileRecord['meta'][] = [];
  for await (const record of reader.records()) if (record.meta.t === 'file') metas.push(record.meta);
  return metas;
}

describe('exhibit references in an evidence package', () => {
  it('records each file’s reference and its name with the label in front, beside the file', async () => {
    const made = await make({ exhibitInitials: 'AB' });
    expect(await fileRecords(made.file)).toEqual([
      { t: 'file', id: note.id, exhibit: 'AB/1', name: 'AB-1 IMG_2041 note.txt' },
      { t: 'file', id: statement.id, exhibit: 'AB/2', name: 'AB-2 _lettertxt.exe' },
    ]);
    // Outside the document: it opens and verifies as any package, and the references agree with its order.
    const opened = await openEvidencePackage(made.file, PASSPHRASE);
    expect(exportVerified(opened.verification)).toBe(true);
    expect(JSON.stringify(opened.document)).not.toContain('AB/1');
    const recorded = new Map((await fileRecords(made.file)).map((meta) => [String(meta.id), meta.exhibit]));
    expect(initialsOfRecorded(opened.document, recorded)).toBe('AB');
  });

  it('without initials, records nothing more than before', async () => {
    const made = await make();
    expect(await fileRecords(made.file)).toEqual([
      { t: 'file', id: note.id },
      { t: 'file', id: statement.id },
    ]);
  });
});

describe('opening a package with exhibit references', () => {
  it('gives the initials when every recorded reference agrees with the document’s order', async () => {
    const opened = await openEvidencePackage((await make({ exhibitInitials: 'JS' })).file, PASSPHRASE);
    expect(opened.exhibitInitials).toBe('JS');
    const plain = await openEvidencePackage((await make()).file, PASSPHRASE);
    expect(plain.exhibitInitials).toBeUndefined();
  });
});

describe('exhibit references of an order’s own files', () => {
  it('number the copy of the order after the incidents’ files, recorded and shown as agreeing', async () => {
    const other = await newDevice();
    const photo = await other.attachments.save(new Blob([text('photo') as BlobPart], { type: 'text/plain' }), 'car.txt');
    const scan = await other.attachments.save(new Blob([text('the order') as BlobPart], { type: 'text/plain' }), 'order.txt');
    const orderId = await other.diary.addOrder({
      type: 'order',
      kind: 'spo',
      title: '',
      court: 'Manchester Magistrates’ Court',
      attachments: [scan],
      conditions: [{ id: 'cond-1', text: 'Must not come to Station Road' }],
    });
    await other.diary.add(incident('His car again.', { attachments: [photo], breaches: [{ orderId, conditionId: 'cond-1' }] }));
    const made = await createEvidencePackage(await exportDocumentOf(other), other.attachments, PASSPHRASE, {
      kdfCost: FAST_COST,
      exhibitInitials: 'AB',
    });
    expect(await fileRecords(made.file)).toEqual([
      { t: 'file', id: photo.id, exhibit: 'AB/1', name: 'AB-1 car.txt' },
      { t: 'file', id: scan.id, exhibit: 'AB/2', name: 'AB-2 order.txt' },
    ]);
    const opened = await openEvidencePackage(made.file, PASSPHRASE);
    expect(exportVerified(opened.verification)).toBe(true);
    expect(opened.exhibitInitials).toBe('AB');
  });
});
