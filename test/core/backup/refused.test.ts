// Files that must not be restored: each is refused with its own code, and the diary on this
// device is left exactly as it was (every table compared row by row, byte for byte).

import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { restoreBackup } from '../../../src/core/backup/restoreBackup';
import { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { RestoreError, type RestoreErrorCode } from '../../../src/core/backup/restoreErrors';
import { EncryptedFileWriter, openEncryptedFile, type FileRecord } from '../../../src/core/export/encryptedFile';
import { createEvidencePackage } from '../../../src/core/export/evidencePackage';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import { fileErrorCode } from '../../../src/core/export/fileErrorCode';
import { StorageError } from '../../../src/core/store/storageErrors';
import { FAST_COST, flipByte } from '../crypto/helpers';
import { splitFile, withHeader, joinParts } from '../export/encryptedFile/helpers';
import {
  backupOf,
  bytesOf,
  dumpDatabase,
  expectUnchanged,
  incident,
  newDevice,
  PASSPHRASE,
  pattern,
  rejectionOf,
  reopened,
  writeSampleDiary,
  type Device,
} from './backupFixture';

let source: Device;
let backup: Blob;
let backupBytes: Uint8Array<ArrayBuffer>;
let records: FileRecord[];
/** A device with a diary of its own, that every refused file is offered to. */
let target: Device;

beforeAll(async () => {
  source = await newDevice();
  await writeSampleDiary(source);
  backup = (await backupOf(source)).file;
  backupBytes = await bytesOf(backup);
  const reader = await openEncryptedFile(backup, PASSPHRASE, 'backup');
  records = [];
  for await (const record of reader.records()) records.push(record);

  target = await newDevice('2026-03-01T09:00:00.000Z');
  const ref = await target.attachments.save(new Blob([pattern(2500, 5)], { type: 'image/jpeg' }), 'mine.jpg');
  const id = await target.diary.add(incident('Fy nghofnod fy hun', { attachments: [ref] }));
  await target.diary.edit(id, incident('Fy nghofnod fy hun, wedi’i olygu', { attachments: [ref] }));
  await target.checklists.saveAnswers({
    behaviours: ['watching'],
    occasions: 'once',
    duration: null,
    fixation: [],
    effects: [],
    risks: [],
  });
});

/** What the app does with a file: check it all, and restore only if that succeeded. */
async function checkThenRestore(file: Blob, passphrase: string): Promise<void> {
  const checked = await checkBackup(file, passphrase);
  await restoreBackup(checked, target);
}

async function expectRefused(file: Blob, code: RestoreErrorCode, passphrase = PASSPHRASE): Promise<RestoreError> {
  const before = await dumpDatabase(target.db);
  const error = await rejectionOf(checkThenRestore(file, passphrase));
  expect(error).toBeInstanceOf(RestoreError);
  expect((error as RestoreError).code).toBe(code);
  await expectUnchanged(target.db, before);
  return error as RestoreError;
}

async function rewritten(edit: (records: FileRecord[]) => FileRecord[], kind: 'backup' | 'evidence-package' = 'backup'): Promise<Blob> {
  const writer = await EncryptedFileWriter.create({ kind, passphrase: PASSPHRASE, kdfCost: FAST_COST });
  for (const record of edit(structuredClone(records))) await writer.add(record);
  return writer.finish();
}

const metaOf = (record: FileRecord | undefined) => (record?.meta ?? {}) as Record<string, unknown> & { t: string };

describe('the passphrase', () => {
  it.each([
    ['a wrong passphrase', 'not the passphrase'],
    ['one differing only in case', PASSPHRASE.toUpperCase()],
    ['an empty passphrase', ''],
  ])('%s is refused as wrong-passphrase', async (_, passphrase) => {
    await expectRefused(backup, 'wrong-passphrase', passphrase);
  });
});

describe('a damaged file', () => {
  it.each([
    ['by its last byte', (n: number) => n - 1],
    ['in the last frame', (n: number) => n - 30],
    ['in the middle', (n: number) => Math.floor(n / 2)],
    ['in the header', () => 20],
    ['inside the signature', () => 5],
  ])('cut short %s is refused as truncated', async (_, at) => {
    await expectRefused(backup.slice(0, at(backup.size)), 'truncated');
  });

  it('cut exactly where a frame ends (no end frame) is refused as truncated', async () => {
    const { header, frames } = splitFile(backupBytes);
    await expectRefused(new Blob([joinParts([header, ...frames.slice(0, -1)])]), 'truncated');
  });

  it.each([
    ['in the middle', (n: number) => Math.floor(n / 2)],
    ['at its last byte', (n: number) => n - 1],
  ])('with a byte flipped %s is refused as corrupt', async (_, at) => {
    await expectRefused(new Blob([flipByte(backupBytes, at(backupBytes.length))]), 'corrupt');
  });

  it('with two frames swapped is refused as corrupt', async () => {
    const { header, frames } = splitFile(backupBytes);
    const swapped = [frames[1], frames[0], ...frames.slice(2)].filter((f) => f !== undefined);
    await expectRefused(new Blob([joinParts([header, ...swapped])]), 'corrupt');
  });

  it('with a frame of another backup (same passphrase) spliced in is refused as corrupt', async () => {
    const other = await bytesOf((await backupOf(source)).file);
    const mine = splitFile(backupBytes);
    const theirs = splitFile(other);
    const mixed = [mine.frames[0], theirs.frames[1], ...mine.frames.slice(2)].filter((f) => f !== undefined);
    await expectRefused(new Blob([joinParts([mine.header, ...mixed])]), 'corrupt');
  });
});

describe('a file that is not a Daybook backup', () => {
  it.each([
    [
      'random bytes',
      () => {
        const bytes = crypto.getRandomValues(new Uint8Array(4096));
        bytes[0] = 0x00; // never the first letter of the signature
        return bytes;
      },
    ],
    ['a PDF', () => new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')],
    ['a JSON export', () => new TextEncoder().encode(JSON.stringify({ format: 'daybook-export', version: 1, entries: [] }))],
    ['a PNG', () => Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13)],
    ['an empty file', () => new Uint8Array(0)],
  ])('%s is refused as not-daybook-file', async (_, bytes) => {
    await expectRefused(new Blob([bytes()]), 'not-daybook-file');
  });

  it('an evidence package is refused as wrong-kind, and the app can say it is a package', async () => {
    const document = await buildExportDocument(
      {
        links: source.diary.snapshot().links,
        entries: source.diary.snapshot().entries,
        history: (id) => source.diary.history(id),
        checklists: [],
        fingerprints: [],
      },
      EMPTY_SELECTION,
    );
    const pkg = await createEvidencePackage(document, source.attachments, PASSPHRASE, { kdfCost: FAST_COST });
    const error = await expectRefused(pkg.file, 'wrong-kind');
    expect(fileErrorCode(error)).toBe('is-package');
  });
});

describe('a file made by a newer Daybook', () => {
  it.each([
    ['a newer container version', (header: Record<string, unknown>) => ({ ...header, version: 2 })],
    ['a header field this version does not know', (header: Record<string, unknown>) => ({ ...header, compression: 'zstd' })],
    ['a kind of file this version does not know', (header: Record<string, unknown>) => ({ ...header, kind: 'sync-bundle' })],
  ])('with %s is refused as newer-version', async (_, edit) => {
    await expectRefused(new Blob([withHeader(backupBytes, edit)]), 'newer-version');
  });

  // Backups carry their own content version (BACKUP_CONTENT_VERSION in the info record). A
  // backup made by a later Daybook should be reported as such ("update Daybook"), as the JSON
  // export and evidence package readers do, not as a damaged file.
  it('with a newer backup content version is refused as newer-version, not as corrupt', async () => {
    const file = await rewritten((all) => all.map((r) => (metaOf(r).t === 'info' ? { meta: { ...r.meta, v: 4 } } : r)));
    await expectRefused(file, 'newer-version');
  });
});

describe('a backup with its passphrase but hostile or inconsistent content', () => {
  const firstOf = (all: FileRecord[], t: string) => all.findIndex((r) => metaOf(r).t === t);

  it.each<[string, (all: FileRecord[]) => FileRecord[]]>([
    ['no info record', (all) => all.slice(1)],
    ['two info records', (all) => [all[0] as FileRecord, ...all]],
    ['fewer links than the info record says', (all) => all.filter((_, i) => i !== firstOf(all, 'seal') - 1)],
    ['a link missing from the middle', (all) => all.filter((_, i) => i !== 2)],
    ['links out of order', (all) => [all[0], all[2], all[1], ...all.slice(3)] as FileRecord[]],
    ['a record of an unknown kind', (all) => [...all, { meta: { t: 'future' } }]],
    [
      'a file whose chunks carry another id',
      (all) => {
        const i = firstOf(all, 'file');
        const meta = metaOf(all[i]);
        return all.map((r, j) => (j === i ? { meta: { ...meta, ref: { ...(meta.ref as object), id: 'f'.repeat(32) } } } : r));
      },
    ],
    ['a file with a chunk missing', (all) => all.filter((_, j) => j !== firstOf(all, 'chunk'))],
    ['a file without its last chunk', (all) => all.filter((_, j) => j !== all.length - 1)],
    ['a chunk without bytes', (all) => all.map((r, j) => (j === firstOf(all, 'chunk') ? { meta: r.meta } : r))],
    [
      'a file sent twice',
      (all) => {
        const start = firstOf(all, 'file');
        return [...all, ...all.slice(start, start + 4)];
      },
    ],
    ['more files than the info record says', (all) => all.map((r) => (metaOf(r).t === 'info' ? { meta: { ...r.meta, files: 1 } } : r))],
  ])('%s is refused as corrupt', async (_, edit) => {
    await expectRefused(await rewritten(edit), 'corrupt');
  });

  it.each([
    // Links only, no seal after them: nothing else in the file could stop the reading.
    ['links', 'links', (all: FileRecord[]) => all.filter((r) => ['info', 'rev', 'rev-aside'].includes(metaOf(r).t))],
    ['checklist results', 'checklists', (all: FileRecord[]) => all],
    ['files', 'files', (all: FileRecord[]) => all],
  ])('more %s than the info record says is refused at the first one over, without reading on', async (_, count, keep) => {
    const file = await rewritten((all) => keep(all).map((r) => (metaOf(r).t === 'info' ? { meta: { ...r.meta, [count]: 0 } } : r)));
    // Its end cut off: a check that read on past the first one over would find the file truncated.
    const { header, frames } = splitFile(await bytesOf(file));
    await expectRefused(new Blob([joinParts([header, ...frames.slice(0, -1)])]), 'corrupt');
  });

  // A record that authenticated, in its place, but breaks a rule of its content (an extra field in
  // a revision, content on a tombstone, file bytes that differ from their SHA-256) is set aside
  // and the rest restores: see setAside.test.ts.

  it.each<[string, (all: FileRecord[]) => FileRecord[]]>([
    [
      'a revision whose text was changed',
      (all) =>
        all.map((r, i) => {
          if (i !== 1) return r;
          const content = metaOf(r).content as { body: object };
          return { meta: { ...r.meta, content: { ...content, body: { ...content.body, whatHappened: 'Nid dyma a ysgrifennwyd' } } } };
        }),
    ],
    [
      'a link whose time was changed',
      (all) =>
        all.map((r, i) =>
          i === 2 ? { meta: { ...r.meta, link: { ...(metaOf(r).link as object), recordedAt: '2020-01-01T00:00:00.000Z' } } } : r,
        ),
    ],
    [
      'a revision from another diary put in place of one',
      (all) => {
        const content = { v: 1, salt: '0'.repeat(32), body: incident('Wpis podrzucony') };
        return all.map((r, i) => (i === 1 ? { meta: { ...r.meta, content } } : r));
      },
    ],
  ])('%s is refused as diary-does-not-verify', async (_, edit) => {
    await expectRefused(await rewritten(edit), 'diary-does-not-verify');
  });

  it('a backup whose chain does not verify still restores, as it is, into an empty diary: nothing is lost and the break still shows', async () => {
    const broken = await rewritten((all) =>
      all.map((r, i) =>
        i === 2 ? { meta: { ...r.meta, link: { ...(metaOf(r).link as object), recordedAt: '2020-01-01T00:00:00.000Z' } } } : r,
      ),
    );
    const checked = await checkBackup(broken, PASSPHRASE);
    expect(checked.verification.ok).toBe(false);
    const empty = await newDevice('2026-04-01T09:00:00.000Z');
    await restoreBackup(checked, empty);
    const restored = new DiaryRepository(empty.db, empty.key, empty.chainKey);
    await restored.load();
    expect(restored.allRecords()).toEqual(checked.records);
    expect(await restored.verify()).toEqual(checked.verification);
  });

  it('a backup with an altered link hash also restores, as it is, into an empty diary', async () => {
    const broken = await rewritten((all) =>
      all.map((r, i) => (i === 2 ? { meta: { ...r.meta, link: { ...(metaOf(r).link as object), hash: 'c'.repeat(64) } } } : r)),
    );
    const checked = await checkBackup(broken, PASSPHRASE);
    expect(checked.verification).toMatchObject({ ok: false, reason: 'hash-mismatch' });
    const empty = await newDevice('2026-04-01T09:00:00.000Z');
    await restoreBackup(checked, empty);
    const restored = new DiaryRepository(empty.db, empty.key, empty.chainKey);
    await restored.load();
    expect(restored.allRecords()).toEqual(checked.records);
    expect(await restored.verify()).toEqual(checked.verification);
  });

  it('a well-formed rewrite of the same records is accepted (so the refusals above are about their edits)', async () => {
    const checked = await checkBackup(await rewritten((all) => all), PASSPHRASE);
    expect(checked.records).toEqual(source.diary.allRecords());
    expect(checked.files.size).toBe(2);
  });
});

// The check reads the whole file so that a restore, once started, cannot meet a problem the
// check let through. Records out of place inside a file's chunks are such a problem: the
// restore's second read (restoreFiles/chunksOf) refuses them, so the check must as well.
describe('the check alone refuses what the restore would refuse', () => {
  const firstOf = (all: FileRecord[], t: string) => all.findIndex((r) => metaOf(r).t === t);

  it.each<[string, (all: FileRecord[]) => FileRecord[]]>([
    [
      'a checklist result between the chunks of a file',
      (all) => {
        const check = all[firstOf(all, 'check')] as FileRecord;
        const chunk = firstOf(all, 'chunk');
        const rest = all.filter((r) => r !== check);
        return [...rest.slice(0, chunk), check, ...rest.slice(chunk)];
      },
    ],
    [
      'a file sent twice, first as damaged, then whole',
      (all) => {
        const start = firstOf(all, 'file');
        const id = (metaOf(all[start]).ref as { id: string }).id;
        const info = { meta: { ...all[0]?.meta, files: Number(metaOf(all[0]).files) + 1 } };
        return [info, ...all.slice(1, start), all[start] as FileRecord, { meta: { t: 'broken', id } }, ...all.slice(start)];
      },
    ],
  ])('%s', async (_, edit) => {
    const file = await rewritten(edit);
    const error = await rejectionOf(checkBackup(file, PASSPHRASE));
    expect(error).toBeInstanceOf(RestoreError);
    expect((error as RestoreError).code).toBe('corrupt');
  });
});

describe('a restore that fails while writing', () => {
  it('a diary write that fails leaves no restored file behind and nothing else changed', async () => {
    const checked = await checkBackup(backup, PASSPHRASE);
    const before = await dumpDatabase(target.db);
    const bulkAdd = vi
      .spyOn(target.db.revisions, 'bulkAdd')
      .mockImplementationOnce(() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never);
    try {
      const error = await rejectionOf(restoreBackup(checked, target));
      expect(error).toBeInstanceOf(StorageError);
      expect((error as StorageError).code).toBe('storage-full');
    } finally {
      bulkAdd.mockRestore();
    }
    await expectUnchanged(target.db, before);
    // The repository in memory agrees with what is stored.
    expect(target.diary.allRecords()).toEqual((await reopened(target)).allRecords());
  });

  it('a file write that fails part-way removes the files this restore added', async () => {
    const checked = await checkBackup(backup, PASSPHRASE);
    const before = await dumpDatabase(target.db);
    let writes = 0;
    const realBulkAdd = target.db.chunks.bulkAdd.bind(target.db.chunks);
    const bulkAdd = vi.spyOn(target.db.chunks, 'bulkAdd').mockImplementation((...args: Parameters<typeof realBulkAdd>) => {
      writes += 1;
      // The first file is written; the second fails.
      if (writes === 2) return Promise.reject(new DOMException('full', 'QuotaExceededError')) as never;
      return realBulkAdd(...args);
    });
    try {
      expect(await rejectionOf(restoreBackup(checked, target))).toBeInstanceOf(StorageError);
    } finally {
      bulkAdd.mockRestore();
    }
    expect(writes).toBeGreaterThanOrEqual(2);
    await expectUnchanged(target.db, before);
  });
});
