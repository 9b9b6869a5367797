import { describe, expect, it } from 'vitest';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { createBackup } from '../../../src/core/backup/createBackup';
import { restoreBackup } from '../../../src/core/backup/restoreBackup';
import { AttachmentCorruptError } from '../../../src/core/store/attachmentStore';
import { expectSameBytes, FAST_COST } from '../crypto/helpers';
import { backupOf, bytesOf, newDevice, PASSPHRASE, reopened, writeSampleDiary } from './backupFixture';

describe('backup round trip', () => {
  it('restores a whole diary onto a new device exactly: chain, contents, checklists and files', async () => {
    const source = await newDevice();
    const sample = await writeSampleDiary(source);
    const original = await reopened(source);
    expect(await source.db.chunks.count()).toBe(4); // three chunks of the 3 KB file, one of the small one

    const made = await backupOf(source);
    expect(made.damagedFiles).toEqual([]);
    expect(made.summary).toEqual({ createdAt: '2026-01-06T12:00:00.000Z', incidents: 3, links: 7, checklists: 2, files: 2, inboxItems: 0 });

    const checked = await checkBackup(made.file, PASSPHRASE);
    expect(checked.info).toEqual({ t: 'info', v: 2, createdAt: '2026-01-06T12:00:00.000Z', links: 7, checklists: 2, files: 2 });
    expect(checked.seal).toEqual(await original.currentSeal());
    expect(checked.records).toEqual(original.allRecords());
    expect([...checked.files.keys()].sort()).toEqual([sample.big.id, sample.small.id].sort());
    expect(checked.damagedFiles).toBe(0);
    expect(checked.verification).toEqual({ ok: true, length: 7, head: original.head() });

    const target = await newDevice('2027-06-01T10:00:00.000Z', 1024 * 1024);
    const result = await restoreBackup(checked, target);
    expect(result.plan.relation).toBe('empty');
    // A new vault: the seal was made by another key, and the records are copied as they are.
    expect(result.plan.sealedByThisDiary).toBe(false);
    expect(result.addedFiles).toBe(2);

    // Read back from the new device's database, under its own key.
    const restored = await reopened(target);
    expect(restored.snapshot()).toEqual(original.snapshot());
    expect(restored.allRecords()).toEqual(original.allRecords());
    expect(restored.head()).toBe(original.head());
    expect(await restored.verify()).toEqual(await original.verify());
    expect((await restored.verify()).ok).toBe(true);
    expect(restored.history(sample.ids.deleted).map((r) => [r.link.kind, r.content])).toEqual([
      ['revision', null],
      ['revision', null],
      ['tombstone', null],
    ]);

    expect(await target.checklists.list()).toEqual(await source.checklists.list());
    expect(await target.checklists.list()).toHaveLength(2);

    expect((await target.attachments.storedIds()).sort()).toEqual([sample.big.id, sample.small.id].sort());
    for (const ref of [sample.big, sample.small]) {
      const opened = await target.attachments.open(ref);
      expect(opened.type).toBe(ref.type);
      expectSameBytes(await bytesOf(opened), sample.files.get(ref.id) ?? new Uint8Array());
    }
    // The new device encrypted the files under its own key.
    const sourceRow = await source.db.chunks.get(`${sample.small.id}:00000000`);
    const targetRow = await target.db.chunks.get(`${sample.small.id}:00000000`);
    expect(targetRow?.data).not.toEqual(sourceRow?.data);
  });

  it('holds no plaintext: text, names and dates are not in the file', async () => {
    const source = await newDevice();
    const sample = await writeSampleDiary(source);
    const raw = Buffer.from(await bytesOf((await backupOf(source)).file));
    for (const plain of ['Zażółć gęślą jaźń', 'Caerffili', 'zdjęcie_samochodu', 'Łucja', '2026-01-0', 'whatHappened', 'entryId']) {
      expect(raw.includes(Buffer.from(plain, 'utf8')), plain).toBe(false);
    }
    // The attachment bytes are not there in the clear either.
    for (const bytes of sample.files.values()) expect(raw.includes(Buffer.from(bytes.subarray(0, 64)))).toBe(false);
  });

  it('backs up an empty diary, and restores it as nothing', async () => {
    const source = await newDevice();
    const made = await backupOf(source);
    expect(made.summary).toMatchObject({ incidents: 0, links: 0, checklists: 0, files: 0 });
    const checked = await checkBackup(made.file, PASSPHRASE);
    expect(checked.records).toEqual([]);
    const target = await newDevice();
    const result = await restoreBackup(checked, target);
    expect(result.addedFiles).toBe(0);
    expect((await reopened(target)).allRecords()).toEqual([]);
  });

  it('reports progress over the records, then the files, ending at the number of files', async () => {
    const source = await newDevice();
    await writeSampleDiary(source);
    const calls: [number, number, string][] = [];
    await createBackup(source, PASSPHRASE, { kdfCost: FAST_COST, onProgress: (done, total, phase) => calls.push([done, total, phase]) });
    expect(calls.at(-1)).toEqual([2, 2, 'files']);
    const files = calls.filter(([, , phase]) => phase === 'files').map(([done]) => done);
    expect(files).toEqual([0, 1, 2]);
  });
});

describe('a file damaged on the device that makes the backup', () => {
  it.each([0, 1, 2])('with chunk %i of the 3 KB file gone: backs up the rest, lists it as damaged, restores without it', async (lost) => {
    const source = await newDevice();
    const sample = await writeSampleDiary(source);
    await source.db.chunks.delete(`${sample.big.id}:0000000${lost}`);

    const made = await backupOf(source);
    expect(made.damagedFiles).toEqual([sample.big]);
    expect(made.summary.files).toBe(1);

    const checked = await checkBackup(made.file, PASSPHRASE);
    expect(checked.damagedFiles).toBe(1);
    expect([...checked.files.keys()]).toEqual([sample.small.id]);

    const target = await newDevice();
    const result = await restoreBackup(checked, target);
    expect(result.addedFiles).toBe(1);
    const restored = await reopened(target);
    const original = await reopened(source);
    expect(restored.allRecords()).toEqual(original.allRecords());
    expect(restored.head()).toBe(original.head());
    expect((await restored.verify()).ok).toBe(true);
    expect(await target.checklists.list()).toEqual(await source.checklists.list());
    expect(await target.attachments.storedIds()).toEqual([sample.small.id]);
    await expect(target.attachments.open(sample.big)).rejects.toBeInstanceOf(AttachmentCorruptError);
    expectSameBytes(await bytesOf(await target.attachments.open(sample.small)), sample.files.get(sample.small.id) ?? new Uint8Array());
  });

  it('a file whose chunks are all gone is listed as damaged too', async () => {
    const source = await newDevice();
    const sample = await writeSampleDiary(source);
    await source.attachments.remove(sample.small.id);
    const made = await backupOf(source);
    expect(made.damagedFiles).toEqual([sample.small]);
    const checked = await checkBackup(made.file, PASSPHRASE);
    expect([...checked.files.keys()]).toEqual([sample.big.id]);
  });
});
