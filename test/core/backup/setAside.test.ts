// Strict about bytes, lenient about authentic records: a backup in which one record decrypted and
// authenticated but breaks a later rule of its content still restores everything else, and says
// exactly what it set aside and why, before anything is written.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { restoreBackup } from '../../../src/core/backup/restoreBackup';
import { RestoreError } from '../../../src/core/backup/restoreErrors';
import { EncryptedFileWriter, openEncryptedFile, type FileRecord } from '../../../src/core/export/encryptedFile';
import { INCIDENT_LIMITS } from '../../../src/core/model/incident';
import type { RevisionRecord } from '../../../src/core/store/diaryRepository';
import { FAST_COST, flipByte } from '../crypto/helpers';
import {
  backupOf,
  CHECKLIST_ANSWERS,
  dumpDatabase,
  expectUnchanged,
  incident,
  newDevice,
  PASSPHRASE,
  pattern,
  rejectionOf,
  reopened,
  type Device,
  writeUnchecked,
} from './backupFixture';

const TOO_LONG = `He sent the whole thread again: ${'and again '.repeat(INCIDENT_LIMITS.longText / 10)}`;

async function recordsOf(file: Blob): Promise<FileRecord[]> {
  const reader = await openEncryptedFile(file, PASSPHRASE, 'backup');
  const records: FileRecord[] = [];
  for await (const record of reader.records()) records.push(record);
  return records;
}

async function rewritten(records: readonly FileRecord[], edit: (all: FileRecord[]) => FileRecord[]): Promise<Blob> {
  const writer = await EncryptedFileWriter.create({ kind: 'backup', passphrase: PASSPHRASE, kdfCost: FAST_COST });
  for (const record of edit(structuredClone([...records]))) await writer.add(record);
  return writer.finish();
}

const metaOf = (record: FileRecord | undefined) => (record?.meta ?? {}) as Record<string, unknown> & { t: string };

/** The records a restore of `source` should bring: every one, with the set-aside ones' content emptied. */
function expectedRecords(source: readonly RevisionRecord[], emptied: ReadonlySet<number>): RevisionRecord[] {
  return source.map((record) => (emptied.has(record.link.seq) ? { link: record.link, content: null } : record));
}

describe('a backup of a diary that holds a version too long to keep', () => {
  let source: Device;
  let longId: string;
  let editedId: string;
  let fileOfLong: string;
  let backup: Blob;

  beforeAll(async () => {
    source = await newDevice();
    const onlyThere = await source.attachments.save(new Blob([pattern(300, 3)], { type: 'image/png' }), 'sgrinlun.png');
    const kept = await source.attachments.save(new Blob([pattern(2000, 4)], { type: 'image/jpeg' }), 'llun.jpg');
    await source.diary.add(incident('Roedd ei gar y tu allan eto', { attachments: [kept] }));
    // Pasted into the quick log before the limit was checked there.
    longId = await writeUnchecked(source, incident(TOO_LONG, { attachments: [onlyThere] }));
    editedId = await source.diary.add(incident('Neges am dri y bore'));
    await writeUnchecked(source, incident(`Neges am dri y bore: ${TOO_LONG}`), editedId);
    await source.diary.add(incident('Wpis po wszystkim'));
    await source.checklists.saveAnswers(CHECKLIST_ANSWERS, new Date('2026-01-04T18:00:00.000Z'));
    fileOfLong = onlyThere.id;
    backup = (await backupOf(source)).file;
  });

  it('is checked without error, and says which versions it sets aside and why, and that their file goes with them', async () => {
    const checked = await checkBackup(backup, PASSPHRASE);
    const [long, edited] = [source.diary.history(longId)[0], source.diary.history(editedId)[1]];
    expect(checked.setAside).toEqual([
      {
        record: 'revision',
        entryId: longId,
        revision: 1,
        recordedAt: long?.link.recordedAt,
        excerpt: expect.stringMatching(/^He sent the whole thread again: and again/) as unknown,
        rule: 'too-long',
      },
      {
        record: 'revision',
        entryId: editedId,
        revision: 2,
        recordedAt: edited?.link.recordedAt,
        excerpt: expect.stringMatching(/^Neges am dri y bore:/) as unknown,
        rule: 'too-long',
      },
      { record: 'file', id: fileOfLong, name: 'sgrinlun.png', rule: 'not-referenced' },
    ]);
    // The chain is whole: the links of the versions set aside are there, without their content.
    expect(checked.verification).toEqual({ ok: true, length: 5, head: source.diary.head() });
    expect(checked.files.size).toBe(1);
    expect(checked.checklists).toHaveLength(1);
  });

  it('restores everything else into an empty diary: the links stay, so the chain verifies to the same head', async () => {
    const checked = await checkBackup(backup, PASSPHRASE);
    const target = await newDevice('2026-06-01T09:00:00.000Z');
    const result = await restoreBackup(checked, target);
    // What the restore screen says it adds: the incidents that will show, not the one set aside.
    expect(result.plan.newIncidents).toBe(3);
    const restored = await reopened(target);
    const all = source.diary.allRecords();
    const emptied = new Set(checked.setAside.flatMap((r) => (r.record === 'revision' ? [r.revision === 1 ? 1 : 3] : [])));
    expect(restored.allRecords()).toEqual(expectedRecords(all, emptied));
    expect(restored.head()).toBe(source.diary.head());
    expect(await restored.verify()).toEqual({ ok: true, length: 5, head: source.diary.head() });
    // The entry set aside whole does not show; the edited one shows the version that could be kept.
    const shown = restored.snapshot().entries;
    expect(shown.map((e) => e.id)).not.toContain(longId);
    expect(shown.find((e) => e.id === editedId)?.incident.whatHappened).toBe('Neges am dri y bore');
    expect(shown).toHaveLength(3);
    expect(await target.checklists.list()).toEqual(await source.checklists.list());
    expect(await target.attachments.storedIds()).toHaveLength(1);
  });

  it('restores everything else into a diary with entries of its own, through the import path', async () => {
    const checked = await checkBackup(backup, PASSPHRASE);
    const target = await newDevice('2026-06-01T09:00:00.000Z');
    await target.diary.add(incident('Fy nghofnod fy hun'));
    const result = await restoreBackup(checked, target);
    expect(result.plan.relation).toBe('merged');
    const restored = await reopened(target);
    const texts = restored.snapshot().entries.map((e) => e.incident.whatHappened);
    expect(texts.sort()).toEqual(['Fy nghofnod fy hun', 'Neges am dri y bore', 'Roedd ei gar y tu allan eto', 'Wpis po wszystkim'].sort());
    expect(texts.join()).not.toContain('and again');
    expect((await restored.verify()).ok).toBe(true);
  });
});

describe('other records that authenticate but break a rule', () => {
  let source: Device;
  let records: FileRecord[];
  let smallId: string;

  beforeAll(async () => {
    source = await newDevice();
    const big = await source.attachments.save(new Blob([pattern(3000, 7)], { type: 'video/mp4' }), 'fideo.mp4');
    const small = await source.attachments.save(new Blob([pattern(200, 11)], { type: 'image/png' }), 'zdjęcie.png');
    smallId = small.id;
    await source.diary.add(incident('Un', { attachments: [big] }));
    await source.diary.add(incident('Dau', { attachments: [small] }));
    const gone = await source.diary.add(incident('Tri'));
    await source.diary.remove(gone);
    await source.checklists.saveAnswers(CHECKLIST_ANSWERS, new Date('2026-01-04T18:00:00.000Z'));
    await source.checklists.saveAnswers(CHECKLIST_ANSWERS, new Date('2026-01-05T08:00:00.000Z'));
    records = await recordsOf((await backupOf(source)).file);
  });

  async function checkAndRestore(file: Blob) {
    const checked = await checkBackup(file, PASSPHRASE);
    const target = await newDevice('2026-06-01T09:00:00.000Z');
    await restoreBackup(checked, target);
    return { checked, target, restored: await reopened(target) };
  }

  it('a revision content changed after it was linked is named, and the backup is not restored: restoring would hide the break', async () => {
    const file = await rewritten(records, (all) =>
      all.map((r, i) => (i === 1 ? { meta: { ...r.meta, content: { ...(metaOf(r).content as object), extra: 1 } } } : r)),
    );
    const checked = await checkBackup(file, PASSPHRASE);
    expect(checked.setAside).toEqual([
      expect.objectContaining({ record: 'revision', revision: 1, rule: 'not-valid', excerpt: 'Un' }),
      expect.objectContaining({ record: 'file', name: 'fideo.mp4', rule: 'not-referenced' }),
    ]);
    // Its content no longer matches what its link commits to (an authentic record that fails a
    // later rule still matches: see test/core/export/setAsideVerification.test.ts).
    expect(checked.verification).toMatchObject({ ok: false, reason: 'content-mismatch' });
    const empty = await newDevice('2026-04-01T09:00:00.000Z');
    expect(await rejectionOf(restoreBackup(checked, empty))).toMatchObject({ code: 'set-aside-does-not-verify' });
    expect((await reopened(empty)).allRecords()).toEqual([]);
  });

  it('a tombstone carrying content restores as a tombstone: nothing of the person’s is set aside', async () => {
    const content = metaOf(records[1]).content;
    const file = await rewritten(records, (all) =>
      all.map((r) =>
        metaOf(r).t === 'rev' && (metaOf(r).link as { kind: string }).kind === 'tombstone' ? { meta: { ...r.meta, content } } : r,
      ),
    );
    const { checked, restored } = await checkAndRestore(file);
    expect(checked.setAside).toEqual([]);
    expect(restored.allRecords()).toEqual(source.diary.allRecords());
  });

  it('a file whose bytes differ from its SHA-256 is set aside; its incident and the other file restore', async () => {
    const file = await rewritten(records, (all) => {
      const i = all.findIndex((r) => metaOf(r).t === 'chunk');
      return all.map((r, j) => (j === i ? { meta: r.meta, bytes: flipByte(r.bytes ?? new Uint8Array(1), 0) } : r));
    });
    const { checked, restored, target } = await checkAndRestore(file);
    expect(checked.setAside).toEqual([{ record: 'file', id: expect.any(String) as unknown, name: 'fideo.mp4', rule: 'not-matching' }]);
    expect(restored.allRecords()).toEqual(source.diary.allRecords());
    expect(await target.attachments.storedIds()).toEqual([smallId]);
  });

  it('a file longer than its incident says is set aside as not matching, without reading past its size', async () => {
    const file = await rewritten(records, (all) => {
      const i = all.findIndex((r) => metaOf(r).t === 'chunk');
      return all.map((r, j) => (j === i ? { meta: r.meta, bytes: new Uint8Array(5000) } : r));
    });
    const { checked } = await checkAndRestore(file);
    expect(checked.setAside).toEqual([expect.objectContaining({ record: 'file', rule: 'not-matching' })]);
  });

  it('a checklist result that cannot be read is set aside; the other restores', async () => {
    const file = await rewritten(records, (all) => {
      const i = all.findIndex((r) => metaOf(r).t === 'check');
      return all.map((r, j) => (j === i ? { meta: { t: 'check', result: { id: 'r1', savedAt: 'yesterday' } } } : r));
    });
    const { checked, target } = await checkAndRestore(file);
    expect(checked.setAside).toEqual([{ record: 'checklist', id: 'r1', rule: 'not-valid' }]);
    expect(await target.checklists.list()).toHaveLength(1);
  });

  it('a file whose ref cannot be read is set aside with its chunks; everything else restores', async () => {
    const file = await rewritten(records, (all) =>
      all.map((r) =>
        metaOf(r).t === 'file' && (metaOf(r).ref as { id: string }).id === smallId
          ? { meta: { ...r.meta, ref: { id: smallId, size: 'big' } } }
          : r,
      ),
    );
    const { checked, target } = await checkAndRestore(file);
    expect(checked.setAside).toEqual([{ record: 'file', id: smallId, rule: 'not-valid' }]);
    expect(await target.attachments.storedIds()).toHaveLength(1);
  });

  it('bytes out of place are still damage: a chunk of a set-aside file out of order refuses the file', async () => {
    const file = await rewritten(records, (all) => {
      const i = all.findIndex((r) => metaOf(r).t === 'chunk');
      const next = all[i + 1] as FileRecord;
      return all.map((r, j) => (j === i ? { meta: { ...r.meta, index: 5 }, bytes: r.bytes } : j === i + 1 ? next : r));
    });
    const error = await rejectionOf(checkBackup(file, PASSPHRASE));
    expect(error).toBeInstanceOf(RestoreError);
    expect((error as RestoreError).code).toBe('corrupt');
  });
});

/** A record's meta must be a plain object for the writer: anything else goes in as a revision's content. */
function asMeta(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { t: 'rev', content: value };
}

describe('a backup with one authentic record that breaks a rule: properties', () => {
  let source: Device;
  let records: FileRecord[];
  let target: Device;
  let before: Record<string, unknown[]>;

  beforeAll(async () => {
    source = await newDevice();
    const ref = await source.attachments.save(new Blob([pattern(900, 2)], { type: 'audio/mp4' }), 'nagranie.m4a');
    const first = await source.diary.add(incident('Pierwszy', { attachments: [ref] }));
    await source.diary.add(incident('Ail'));
    await source.diary.edit(first, incident('Pierwszy, poprawiony', { attachments: [ref] }));
    await source.diary.add(incident('Trydydd'));
    await source.checklists.saveAnswers(CHECKLIST_ANSWERS, new Date('2026-01-04T18:00:00.000Z'));
    records = await recordsOf((await backupOf(source)).file);
    target = await newDevice('2026-04-01T09:00:00.000Z');
    await target.diary.add(incident('Wpis na tym urządzeniu'));
    before = await dumpDatabase(target.db);
  });

  const revIndexes = () => records.flatMap((r, i) => (metaOf(r).t === 'rev' ? [i] : []));

  /** Ways an authentic revision's content can break a rule of parseIncident or of a stored content. */
  const breakage = fc.oneof(
    fc.constant((body: Record<string, unknown>) => ({ ...body, whatHappened: 'x'.repeat(INCIDENT_LIMITS.longText + 1) })),
    fc.constant((body: Record<string, unknown>) => ({ ...body, behaviours: ['stalking'] })),
    fc.constant((body: Record<string, unknown>) => ({ ...body, when: { kind: 'sometime' } })),
    fc.constant((body: Record<string, unknown>) => ({ ...body, witnesses: 'nobody' })),
    fc.constant((body: Record<string, unknown>) => ({ ...body, mood: 'x' })),
    fc.jsonValue().map((value) => () => value),
  );

  it('names exactly the one record whose content was changed, and refuses to restore what would hide it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), breakage, async (pick, breakBody) => {
        const indexes = revIndexes();
        const index = indexes[pick % indexes.length] ?? 1;
        const original = metaOf(records[index]);
        const link = original.link as RevisionRecord['link'];
        if (link.kind !== 'revision') return;
        const content = original.content as { body: Record<string, unknown> };
        const file = await rewritten(records, (all) =>
          all.map((r, i) => (i === index ? { meta: { ...r.meta, content: { ...content, body: breakBody(content.body) } } } : r)),
        );
        const checked = await checkBackup(file, PASSPHRASE);
        expect(checked.setAside.filter((r) => r.record === 'revision')).toEqual([
          expect.objectContaining({ record: 'revision', entryId: link.entryId, revision: link.revision, recordedAt: link.recordedAt }),
        ]);
        // Changed after it was linked: the break is named, and nothing is restored that would hide it.
        expect(checked.verification).toMatchObject({ ok: false, reason: 'content-mismatch', brokenAt: link.seq });
        const empty = await newDevice('2026-04-01T09:00:00.000Z');
        expect(await rejectionOf(restoreBackup(checked, empty))).toMatchObject({ code: 'set-aside-does-not-verify' });
        expect((await reopened(empty)).allRecords()).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });

  it('whatever authenticated content a record carries, only RestoreError escapes, and a refusal writes nothing', async () => {
    const hostile = fc.oneof(
      fc.jsonValue(),
      fc.anything({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value) ?? 'null') as unknown),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: records.length - 1 }),
        fc.constantFrom('meta', 'content', 'link', 'result', 'ref'),
        hostile,
        async (index, field, value) => {
          const file = await rewritten(records, (all) =>
            all.map((r, i) =>
              i !== index
                ? r
                : field === 'meta'
                  ? { meta: asMeta(value), ...(r.bytes ? { bytes: r.bytes } : {}) }
                  : { ...r, meta: { ...r.meta, [field]: value } },
            ),
          );
          let checked;
          try {
            checked = await checkBackup(file, PASSPHRASE);
          } catch (error) {
            expect(error).toBeInstanceOf(RestoreError);
            await expectUnchanged(target.db, before);
            return;
          }
          // Whatever was accepted can be written: the repository's own check never refuses it. A
          // refusal (a RestoreError, such as content that no longer matches its link) writes nothing.
          const empty = await newDevice('2026-04-01T09:00:00.000Z');
          const refused = await restoreBackup(checked, empty).then(
            () => null,
            (error: unknown) => error,
          );
          if (refused === null) expect((await reopened(empty)).allRecords()).toEqual(checked.records);
          else {
            expect(refused).toBeInstanceOf(RestoreError);
            expect((await reopened(empty)).allRecords()).toEqual([]);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

it('the fixture’s own backups set nothing aside', async () => {
  const device = await newDevice();
  await device.diary.add(incident('Dim byd i’w roi o’r neilltu'));
  const checked = await checkBackup((await backupOf(device)).file, PASSPHRASE);
  expect(checked.setAside).toEqual([]);
});
