// Pictures in an evidence package: redrawn without their metadata by default, originals only
// when chosen, left out when they hold a place and cannot be redrawn; and how the reader checks
// and describes each (issue 13, point 5).
import { beforeAll, describe, expect, it } from 'vitest';
import { EncryptedFileWriter, openEncryptedFile, type FileRecord } from '../../../../src/core/export/encryptedFile';
import type { ExportDocument } from '../../../../src/core/export/exportDocument';
import { createEvidencePackage, openEvidencePackage, PackageError, type PackageOptions } from '../../../../src/core/export/evidencePackage';
import { exportVerified, verifiedStatement } from '../../../../src/core/export/verifyExport';
import type { RedrawOutcome } from '../../../../src/core/files/redrawPicture';
import type { AttachmentRef } from '../../../../src/core/model/incident';
import {
  backupOf,
  bytesOf,
  exportDocumentOf,
  incident,
  newDevice,
  PASSPHRASE as BACKUP_PASSPHRASE,
  type Device,
} from '../../backup/backupFixture';
import { checkBackup } from '../../../../src/core/backup/checkBackup';
import { restoreBackup } from '../../../../src/core/backup/restoreBackup';
import { bytesToHex, expectSameBytes, FAST_COST } from '../../crypto/helpers';
import { jpeg, png, text } from '../../files/fixtures';
import { exifTiff, jpegWithExif, LATITUDE_RATIONALS, LONGITUDE_RATIONALS, CAMERA_MODEL } from '../../files/metadataFixtures';

const PASSPHRASE = 'lluniau heb eu metadata';
const GPS_PHOTO = jpegWithExif();
const CLEAN_PNG = png(4, 4);
/** What a redraw of the GPS photo gives in these tests: a JPEG with pixels only. */
const REDRAWN = jpeg(6, 4, 0);

let device: Device;
let photo: AttachmentRef;
let screenshot: AttachmentRef;
let note: AttachmentRef;
let document: ExportDocument;

beforeAll(async () => {
  device = await newDevice();
  photo = await device.attachments.save(new Blob([GPS_PHOTO as BlobPart], { type: 'image/jpeg' }), 'outside the house.jpg');
  screenshot = await device.attachments.save(new Blob([CLEAN_PNG as BlobPart], { type: 'image/png' }), 'screenshot.png');
  note = await device.attachments.save(new Blob([text('a plain note') as BlobPart], { type: 'text/plain' }), 'note.txt');
  await device.diary.add(incident('His car was outside again.', { attachments: [photo, screenshot, note] }));
  document = await exportDocumentOf(device);
});

/** A redraw that turns the GPS photo into a clean JPEG and cannot draw anything else (as a browser lacking a decoder). */
const redrawPhotoOnly = async (file: Blob): Promise<RedrawOutcome> => {
  const bytes = await bytesOf(file);
  if (bytes.length === GPS_PHOTO.length)
    return { status: 'redrawn', picture: new Blob([REDRAWN as BlobPart], { type: 'image/jpeg' }), width: 6, height: 4, format: 'jpeg' };
  return { status: 'unreadable' };
};
const cannotRedraw = async (): Promise<RedrawOutcome> => ({ status: 'unreadable' });

async function make(options: PackageOptions) {
  return createEvidencePackage(document, device.attachments, PASSPHRASE, { kdfCost: FAST_COST, ...options });
}

async function records(file: Blob): Promise<FileRecord[]> {
  const reader = await openEncryptedFile(file, PASSPHRASE, 'evidence-package');
  const all: FileRecord[] = [];
  for await (const record of reader.records()) all.push(record);
  return all;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let at = 0; at + needle.length <= haystack.length; at++) {
    for (let i = 0; i < needle.length; i++) if (haystack[at + i] !== needle[i]) continue outer;
    return true;
  }
  return false;
}

/** Every payload byte the package carries, decrypted, end to end. */
async function payloads(file: Blob): Promise<Uint8Array> {
  const parts = (await records(file)).flatMap((record) => (record.bytes ? [record.bytes] : []));
  return new Uint8Array(parts.flatMap((part) => Array.from(part)));
}

async function sha256(bytes: Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes))));
}

describe('an evidence package’s pictures', () => {
  it('by default carries a photo as a copy redrawn without its metadata, and says so', async () => {
    const made = await make({ redraw: redrawPhotoOnly });
    expect(made.redrawnFiles.map((ref) => ref.id)).toEqual([photo.id]);
    // The PNG could not be redrawn here: without the tick it is left out, though it holds nothing.
    expect(made.withheldFiles.map((ref) => ref.id)).toEqual([screenshot.id]);
    // No EXIF, GPS position or camera anywhere in what the package carries.
    const carried = await payloads(made.file);
    for (const needle of [text('Exif'), LATITUDE_RATIONALS, LONGITUDE_RATIONALS, text(CAMERA_MODEL), exifTiff()]) {
      expect(contains(carried, needle)).toBe(false);
    }
    const fileRecord = (await records(made.file)).find((r) => r.meta.t === 'file' && r.meta.id === photo.id);
    expect(fileRecord?.meta).toEqual({
      t: 'file',
      id: photo.id,
      copy: { kind: 'redrawn', sha256: await sha256(REDRAWN), size: REDRAWN.length, type: 'image/jpeg' },
    });

    const opened = await openEvidencePackage(made.file, PASSPHRASE);
    expect(exportVerified(opened.verification)).toBe(true);
    expectSameBytes(await bytesOf(opened.files.get(photo.id) ?? new Blob()), REDRAWN);
    // The PNG could not be redrawn here, so it was left out; the note went as it is.
    expect(opened.files.has(screenshot.id)).toBe(false);
    expect(opened.verification.coverage.withheldFiles).toEqual([screenshot]);
    expectSameBytes(await bytesOf(opened.files.get(note.id) ?? new Blob()), text('a plain note'));
    expect(opened.missingFiles).toEqual([]);
    // The original's SHA-256 is what the document (and the chain) holds; the copy's is apart.
    expect(opened.verification.coverage.redrawnFiles).toEqual([
      { ref: photo, copySha256: await sha256(REDRAWN), copySize: REDRAWN.length },
    ]);
    expect(photo.sha256).toBe(await sha256(GPS_PHOTO));
    const statement = verifiedStatement(opened.verification);
    expect(statement.outcome).toBe('verified');
    expect(statement.notCovered).toContain('redrawn-pictures');
    expect(statement.redrawnPictures).toBe(1);
  });

  it('with "Include originals with their metadata" carries every file exactly as attached', async () => {
    const made = await make({ includeOriginals: true, redraw: redrawPhotoOnly });
    expect(made.redrawnFiles).toEqual([]);
    const opened = await openEvidencePackage(made.file, PASSPHRASE);
    expectSameBytes(await bytesOf(opened.files.get(photo.id) ?? new Blob()), GPS_PHOTO);
    expect(opened.verification.coverage.redrawnFiles).toEqual([]);
    expect(verifiedStatement(opened.verification).notCovered).not.toContain('redrawn-pictures');
    const fileRecord = (await records(made.file)).find((r) => r.meta.t === 'file' && r.meta.id === photo.id);
    expect(fileRecord?.meta).toEqual({ t: 'file', id: photo.id });
  });

  it('leaves out pictures that cannot be redrawn, and says why', async () => {
    const made = await make({ redraw: cannotRedraw });
    expect(made.withheldFiles.map((ref) => ref.id)).toEqual([photo.id, screenshot.id]);
    expect(contains(await payloads(made.file), LATITUDE_RATIONALS)).toBe(false);
    const opened = await openEvidencePackage(made.file, PASSPHRASE);
    expect(opened.files.has(photo.id)).toBe(false);
    expect(opened.missingFiles).toEqual([]);
    expect(opened.verification.coverage.withheldFiles).toEqual([photo, screenshot]);
    expect(opened.files.has(note.id)).toBe(true);
    expect(verifiedStatement(opened.verification)).toMatchObject({ outcome: 'verified', withheldPictures: 2 });
    expect(verifiedStatement(opened.verification).notCovered).toContain('withheld-pictures');
  });

  it('never takes a redraw that still carries metadata as a copy', async () => {
    const leaky = async (): Promise<RedrawOutcome> => ({
      status: 'redrawn',
      picture: new Blob([GPS_PHOTO as BlobPart], { type: 'image/jpeg' }),
      width: 6,
      height: 4,
      format: 'jpeg',
    });
    const made = await make({ redraw: leaky });
    expect(made.redrawnFiles).toEqual([]);
    expect(made.withheldFiles.map((ref) => ref.id)).toEqual([photo.id, screenshot.id]);
  });

  it('never sends a TIFF or a picture it cannot redraw untouched without the tick; with it, as attached', async () => {
    const other = await newDevice();
    const tiff = exifTiff();
    // HEIC-like: bytes no reader here knows, but a declared picture type and name.
    const heicLike = text('not a form this browser decodes');
    const raw = await other.attachments.save(new Blob([tiff as BlobPart], { type: '' }), 'IMG_0001.dng');
    const heic = await other.attachments.save(new Blob([heicLike as BlobPart], { type: 'image/heic' }), 'IMG_0002.HEIC');
    const memo = await other.attachments.save(new Blob([text('notes') as BlobPart], { type: 'text/plain' }), 'notes.txt');
    await other.diary.add(incident('Photos from the doorbell.', { attachments: [raw, heic, memo] }));
    const doc = await exportDocumentOf(other);
    expect(Array.from(tiff.subarray(0, 4))).toEqual(tiff[0] === 0x49 ? [0x49, 0x49, 0x2a, 0] : [0x4d, 0x4d, 0, 0x2a]);
    const pkg = (options: PackageOptions) => createEvidencePackage(doc, other.attachments, PASSPHRASE, { kdfCost: FAST_COST, ...options });

    const without = await pkg({ redraw: cannotRedraw });
    expect(without.withheldFiles.map((ref) => ref.id)).toEqual([raw.id, heic.id]);
    const carried = await payloads(without.file);
    expect(contains(carried, LATITUDE_RATIONALS)).toBe(false);
    expect(contains(carried, heicLike)).toBe(false);
    const opened = await openEvidencePackage(without.file, PASSPHRASE);
    expect(opened.verification.coverage.withheldFiles).toEqual([raw, heic]);
    expect(opened.files.has(memo.id)).toBe(true);

    const withOriginals = await pkg({ includeOriginals: true, redraw: cannotRedraw });
    expect(withOriginals.withheldFiles).toEqual([]);
    const openedOriginals = await openEvidencePackage(withOriginals.file, PASSPHRASE);
    expectSameBytes(await bytesOf(openedOriginals.files.get(raw.id) ?? new Blob()), tiff);
    expectSameBytes(await bytesOf(openedOriginals.files.get(heic.id) ?? new Blob()), heicLike);
  });
});

describe('reading a package’s redrawn copies', () => {
  async function rewritten(edit: (records: FileRecord[]) => FileRecord[]): Promise<Blob> {
    const made = await make({ redraw: redrawPhotoOnly });
    const writer = await EncryptedFileWriter.create({ kind: 'evidence-package', passphrase: PASSPHRASE, kdfCost: FAST_COST });
    for (const record of edit(await records(made.file))) await writer.add(record);
    return writer.finish();
  }
  const isPhotoFile = (r: FileRecord) => r.meta.t === 'file' && r.meta.id === photo.id;

  it('refuses a copy in a content version 1 package, and a malformed copy', async () => {
    const v1 = await rewritten((all) => all.map((r) => (r.meta.t === 'document' ? { ...r, meta: { ...r.meta, v: 1 } } : r)));
    await expect(openEvidencePackage(v1, PASSPHRASE)).rejects.toMatchObject({ code: 'invalid-document' });
    for (const copy of [
      { kind: 'other', sha256: '0'.repeat(64), size: 1, type: 'image/jpeg' },
      { kind: 'redrawn', sha256: 'XYZ', size: 1, type: 'image/jpeg' },
      { kind: 'redrawn', sha256: '0'.repeat(64), size: -1, type: 'image/jpeg' },
      { kind: 'redrawn', sha256: '0'.repeat(64), size: 1, type: 'image/svg+xml' },
      'redrawn',
    ]) {
      const bad = await rewritten((all) => all.map((r) => (isPhotoFile(r) ? { ...r, meta: { ...r.meta, copy } } : r)));
      const error = await openEvidencePackage(bad, PASSPHRASE).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PackageError);
    }
    const both = await rewritten((all) => all.map((r) => (isPhotoFile(r) ? { ...r, meta: { ...r.meta, withheld: 'metadata' } } : r)));
    await expect(openEvidencePackage(both, PASSPHRASE)).rejects.toMatchObject({ code: 'invalid-document' });
  });

  it('refuses a copy or a left-out record for a file that does not claim to be a picture', async () => {
    const isNoteFile = (r: FileRecord) => r.meta.t === 'file' && r.meta.id === note.id;
    const withheld = await rewritten((all) =>
      all.flatMap((r) =>
        isNoteFile(r) ? [{ ...r, meta: { ...r.meta, withheld: 'metadata' } }] : r.meta.t === 'chunk' && r.meta.id === note.id ? [] : [r],
      ),
    );
    await expect(openEvidencePackage(withheld, PASSPHRASE)).rejects.toMatchObject({ code: 'invalid-document' });
    const copied = await rewritten((all) =>
      all.map((r) => {
        if (isNoteFile(r))
          return { ...r, meta: { ...r.meta, copy: { kind: 'redrawn', sha256: '0'.repeat(64), size: 1, type: 'image/jpeg' } } };
        return r;
      }),
    );
    const error = await openEvidencePackage(copied, PASSPHRASE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageError);
    expect(error).toMatchObject({ code: 'invalid-document' });
  });

  it('lists a copy whose bytes are not what its record says, or that carries metadata, as missing', async () => {
    // The original bytes in place of the copy, with a record matching them: still refused.
    const leaky = await rewritten((all) =>
      all.map((r) => {
        if (isPhotoFile(r))
          return { ...r, meta: { ...r.meta, copy: { kind: 'redrawn', sha256: photo.sha256, size: photo.size, type: 'image/jpeg' } } };
        if (r.meta.t === 'chunk' && r.meta.id === photo.id) return { ...r, bytes: GPS_PHOTO };
        return r;
      }),
    );
    const opened = await openEvidencePackage(leaky, PASSPHRASE);
    expect(opened.files.has(photo.id)).toBe(false);
    expect(opened.missingFiles).toEqual([photo]);
    const altered = await rewritten((all) =>
      all.map((r) => (r.meta.t === 'chunk' && r.meta.id === photo.id ? { ...r, bytes: jpeg(7, 4, 0) } : r)),
    );
    expect((await openEvidencePackage(altered, PASSPHRASE)).missingFiles).toEqual([photo]);
  });
});

describe('backups', () => {
  it('carry a photo’s original untouched, metadata included, and restore it byte for byte', async () => {
    const made = await backupOf(device);
    const checked = await checkBackup(made.file, BACKUP_PASSPHRASE);
    const target = await newDevice('2027-06-01T10:00:00.000Z');
    await restoreBackup(checked, target);
    expectSameBytes(await bytesOf(await target.attachments.open(photo)), GPS_PHOTO);
  });
});
