// Keyed continuity in backups (issue 12, point 4): a backup is "this same diary" only when its
// seal verifies under this vault's chain key. A chain anyone can build (from a JSON export's
// public links, say) that continues this one link for link is merged append-only: nothing here
// is deleted or overwritten, and every version it brings carries where it came from. An incident
// shown here that it gives a version is listed, and restoring needs the diary passphrase again:
// the version's claimed time can make it the one shown.

import { withoutLaterFields } from '../../support/incidentFactories';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBackup, type CheckedBackup } from '../../../src/core/backup/checkBackup';
import { planIsEmpty } from '../../../src/core/backup/mergePlan';
import { planRestore, restoreBackup } from '../../../src/core/backup/restoreBackup';
import { RestoreError, RestoreNotConfirmedError } from '../../../src/core/backup/restoreErrors';
import {
  appendLink,
  computeLinkHash,
  GENESIS_HASH,
  newRevisionContent,
  revisionContentHash,
  sealChain,
  tombstoneContentHash,
  type ChainLink,
  type ChainSeal,
  type RevisionContentV1,
} from '../../../src/core/evidence';
import { EncryptedFileWriter, openEncryptedFile, type FileRecord } from '../../../src/core/export/encryptedFile';
import type { Incident } from '../../../src/core/model/incident';
import type { RevisionRecord } from '../../../src/core/store/diaryRepository';
import { FAST_COST } from '../crypto/helpers';
import {
  backupOf,
  dumpDatabase,
  earlierCopy,
  expectUnchanged,
  incident,
  newDevice,
  PASSPHRASE,
  rejectionOf,
  reopened,
  writeSampleDiary,
  type Device,
  type SampleDiary,
} from './backupFixture';

async function recordsOf(file: Blob): Promise<FileRecord[]> {
  const reader = await openEncryptedFile(file, PASSPHRASE, 'backup');
  const records: FileRecord[] = [];
  for await (const record of reader.records()) records.push(record);
  return records;
}

async function fileOf(records: readonly FileRecord[]): Promise<Blob> {
  const writer = await EncryptedFileWriter.create({ kind: 'backup', passphrase: PASSPHRASE, kdfCost: FAST_COST });
  for (const record of records) await writer.add(record);
  return writer.finish();
}

const metaOf = (record: FileRecord | undefined) => (record?.meta ?? {}) as Record<string, unknown> & { t: string };

/** A backup file of `records` (revisions only), as content version 2 with `seal`, or version 1 without one. */
async function backupFileOf(records: readonly RevisionRecord[], seal: ChainSeal | null): Promise<Blob> {
  const info = { t: 'info', v: seal ? 2 : 1, createdAt: '2026-02-01T12:00:00.000Z', links: records.length, checklists: 0, files: 0 };
  const revs = records.map(({ link, content, origin }) => ({ meta: { t: 'rev', link, content, ...(origin ? { origin } : {}) } }));
  return fileOf([{ meta: info }, ...revs, ...(seal ? [{ meta: { t: 'seal', seal } }] : [])]);
}

/** The same backup as content version 1: no seal record, as Daybook wrote before issue 12. */
async function asVersion1(file: Blob): Promise<Blob> {
  const records = await recordsOf(file);
  return fileOf(
    records.filter((r) => metaOf(r).t !== 'seal').map((r) => (metaOf(r).t === 'info' ? { ...r, meta: { ...metaOf(r), v: 1 } } : r)),
  );
}

const checked = async (device: Device): Promise<CheckedBackup> => checkBackup((await backupOf(device)).file, PASSPHRASE);

describe('a backup carries the diary’s seal', () => {
  it('as the record right after the last revision, and only this vault can tell it is genuine', async () => {
    const device = await newDevice();
    await writeSampleDiary(device);
    const records = await recordsOf((await backupOf(device)).file);
    const kinds = records.map((r) => metaOf(r).t);
    expect(kinds.slice(0, 9)).toEqual(['info', 'rev', 'rev', 'rev', 'rev', 'rev', 'rev', 'rev', 'seal']);
    expect(kinds.slice(9).every((t) => t !== 'rev' && t !== 'seal')).toBe(true);
    expect(metaOf(records[0]).v).toBe(2);

    const backup = await checked(device);
    const seal = await device.diary.currentSeal();
    expect(backup.seal).toEqual(seal);
    expect(seal).toMatchObject({ v: 2, size: 7, head: device.diary.head() });
    expect(await device.diary.isThisDiarysSeal(backup.seal, device.diary.head(), 7)).toBe(true);
    const other = await newDevice();
    expect(await other.diary.isThisDiarysSeal(backup.seal, device.diary.head(), 7)).toBe(false);
  });

  it('an empty diary’s backup carries the seal of the empty chain', async () => {
    const device = await newDevice();
    const backup = await checked(device);
    expect(backup.seal).toMatchObject({ v: 2, size: 0, head: GENESIS_HASH });
    expect(backup.records).toEqual([]);
  });
});

describe('the reader of content version 2', () => {
  let records: FileRecord[];
  let target: Device;

  beforeAll(async () => {
    const source = await newDevice();
    await writeSampleDiary(source);
    records = await recordsOf((await backupOf(source)).file);
    target = await newDevice('2026-03-01T09:00:00.000Z');
    await target.diary.add(incident('Fy nghofnod fy hun'));
  });

  const sealAt = (all: FileRecord[]) => all.findIndex((r) => metaOf(r).t === 'seal');
  const moved = (all: FileRecord[], to: number) => {
    const seal = all[sealAt(all)] as FileRecord;
    const rest = all.filter((r) => r !== seal);
    return [...rest.slice(0, to), seal, ...rest.slice(to)];
  };

  it.each<[string, (all: FileRecord[]) => FileRecord[]]>([
    ['no seal record', (all) => all.filter((_, i) => i !== sealAt(all))],
    [
      'two seal records',
      (all) => [...all.slice(0, sealAt(all) + 1), structuredClone(all[sealAt(all)] as FileRecord), ...all.slice(sealAt(all) + 1)],
    ],
    ['the seal before the last revision', (all) => moved(all, sealAt(all) - 1)],
    ['the seal right after the info record', (all) => moved(all, 1)],
    ['the seal after a checklist result', (all) => moved(all, sealAt(all) + 1)],
    ['the seal at the very end', (all) => moved(all, all.length - 1)],
    ['a seal in a version 1 file', (all) => all.map((r) => (metaOf(r).t === 'info' ? { meta: { ...metaOf(r), v: 1 } } : r))],
    [
      'a seal that is not well formed',
      (all) => all.map((r) => (metaOf(r).t === 'seal' ? { meta: { t: 'seal', seal: { ...(metaOf(r).seal as object), mac: 'x' } } } : r)),
    ],
  ])('refuses %s as corrupt, and nothing is written', async (_, edit) => {
    const before = await dumpDatabase(target.db);
    const error = await rejectionOf(checkBackup(await fileOf(edit(structuredClone(records))), PASSPHRASE));
    expect(error).toBeInstanceOf(RestoreError);
    expect((error as RestoreError).code).toBe('corrupt');
    await expectUnchanged(target.db, before);
  });

  it('reads a version 1 file (no seal) as before, with no seal', async () => {
    const backup = await checkBackup(await asVersion1(await fileOf(records)), PASSPHRASE);
    expect(backup.info.v).toBe(1);
    expect(backup.seal).toBeNull();
    expect(backup.verification.ok).toBe(true);
  });

  it('refuses a newer content version as newer-version', async () => {
    const newer = records.map((r) => (metaOf(r).t === 'info' ? { meta: { ...metaOf(r), v: 4 } } : r));
    expect(await rejectionOf(checkBackup(await fileOf(newer), PASSPHRASE))).toMatchObject({ code: 'newer-version' });
  });
});

/** The sample diary's Welsh incident as the timeline shows it (its latest version), and when it happened. */
const WELSH_SHOWN = 'Roedd ei gar y tu allan i’r tŷ eto, Ford llwyd. Ŵ ŷ â ê';
const WELSH_WHEN = { kind: 'exact', date: '2026-01-03', time: '21:40' } as const;
const FORGED_EDIT = 'Nic się nie stało. Wszystko zmyślone.';
const FUTURE_EDIT = 'Wersja „z przyszłości”: nic się nie stało.';

/**
 * A chain that continues `here`'s link for link, as anyone holding its links (a JSON export) could
 * build: its own links on top, editing one incident and deleting another.
 */
async function forgedContinuation(here: Device, sample: SampleDiary) {
  const records = [...here.diary.allRecords()];
  const last = (entryId: string) => here.diary.history(entryId).at(-1)?.link as ChainLink;
  const content = newRevisionContent(incident(FORGED_EDIT));
  const edit = await appendLink(records.at(-1)?.link ?? null, {
    entryId: sample.ids.welsh,
    revision: last(sample.ids.welsh).revision + 1,
    kind: 'revision',
    recordedAt: '2026-01-06T10:00:00.000Z',
    contentHash: await revisionContentHash(content),
  });
  const polish = last(sample.ids.polish);
  const tombstone = await appendLink(edit, {
    entryId: sample.ids.polish,
    revision: polish.revision + 1,
    kind: 'tombstone',
    recordedAt: '2026-01-06T10:01:00.000Z',
    contentHash: await tombstoneContentHash(sample.ids.polish, polish.revision, polish.contentHash),
  });
  // The tombstone erases the deleted entry's content, as a real deletion would.
  const forged: RevisionRecord[] = [
    ...records.map((r) => (r.link.entryId === sample.ids.polish ? { link: r.link, content: null } : r)),
    { link: edit, content },
    { link: tombstone, content: null },
  ];
  return { forged, edit };
}

describe('a forged continuation of this diary', () => {
  async function setUp() {
    const here = await newDevice();
    const sample = await writeSampleDiary(here);
    const { forged, edit } = await forgedContinuation(here, sample);
    const stranger = await newDevice();
    const end = { size: forged.length, head: forged.at(-1)?.link.hash ?? GENESIS_HASH };
    return { here, sample, forged, edit, stranger, end };
  }

  it.each<[string, (s: Awaited<ReturnType<typeof setUp>>) => Promise<ChainSeal | null>]>([
    ['sealed with another diary’s key', async ({ stranger, end }) => sealChain(stranger.chainKey(), end.size, end.head)],
    ['with no seal (content version 1)', () => Promise.resolve(null)],
    ['carrying this diary’s own seal, taken from a genuine backup', async ({ here }) => here.diary.currentSeal()],
    [
      'with a seal made to look like this diary’s (its mac copied)',
      async ({ here, end }) => ({ ...(await here.diary.currentSeal()), ...end }),
    ],
  ])(
    '%s is merged append-only: nothing here deleted, the incident it gives a version listed and confirmed first, its versions carry their origin',
    async (_, sealOf) => {
      const setup = await setUp();
      const { here, sample, forged, edit } = setup;
      const backup = await checkBackup(await backupFileOf(forged, await sealOf(setup)), PASSPHRASE);
      // The forged chain verifies on its own: only the seal can tell it from this diary.
      expect(backup.verification).toMatchObject({ ok: true });

      const plan = await planRestore(backup, here);
      expect(plan).toMatchObject({ relation: 'merged', sealedByThisDiary: false, verbatim: [], deletedIncidents: 0 });
      expect(plan.imported).toHaveLength(1);
      // The forged edit (its time later than the version here) would become the version shown: the
      // incident is listed as the timeline names it now. The forged deletion is not carried at all.
      expect(plan.changes).toEqual([{ entryId: sample.ids.welsh, title: WELSH_SHOWN, happened: WELSH_WHEN, kind: 'changed' }]);

      const before = await dumpDatabase(here.db);
      const rowsBefore = before.revisions ?? [];
      const polishBefore = here.diary.snapshot().entries.find((e) => e.id === sample.ids.polish);
      // Not without the diary passphrase confirmed: nothing written.
      expect(await rejectionOf(restoreBackup(backup, here))).toBeInstanceOf(RestoreNotConfirmedError);
      await expectUnchanged(here.db, before);

      await restoreBackup(backup, here, { confirmed: plan.changes });
      const restored = await reopened(here);
      // Every row there was is exactly as it was; the forged edit is one new link after them.
      expect(((await dumpDatabase(here.db)).revisions ?? []).slice(0, rowsBefore.length)).toEqual(rowsBefore);
      expect(restored.allRecords()).toHaveLength(rowsBefore.length + 1);
      expect(restored.snapshot().entries.find((e) => e.id === sample.ids.polish)).toEqual(polishBefore);
      expect(restored.snapshot().entries.find((e) => e.id === sample.ids.welsh)?.incident.whatHappened).toBe(FORGED_EDIT);
      const imported = restored.allRecords().at(-1);
      expect(imported?.link.entryId).toBe(sample.ids.welsh);
      expect(imported?.content?.origin).toEqual({ recordedAt: edit.recordedAt, contentHash: edit.contentHash, linkHash: edit.hash });
      expect(restored.history(sample.ids.welsh).filter((r) => r.content !== null && !r.content.origin)).toHaveLength(2);
      expect(await restored.verify()).toMatchObject({ ok: true });
      expect(restored.sealState()).toEqual({ state: 'sealed' });
    },
  );

  it('the same records sealed by this diary (a genuine backup, further along) would be copied as they are, after the passphrase', async () => {
    // The control: what the forgery could not get. Only this vault's key makes this seal.
    const { here, forged, end } = await setUp();
    const copy = await earlierCopy(here);
    const genuine = await checkBackup(await backupFileOf(forged, await sealChain(here.chainKey(), end.size, end.head)), PASSPHRASE);
    const plan = await planRestore(genuine, copy);
    expect(plan).toMatchObject({ relation: 'behind', sealedByThisDiary: true });
    expect(plan.changes.map((c) => c.kind)).toEqual(['changed', 'deleted']);
  });
});

describe('a forged backup giving an incident here a version “first written” in the future', () => {
  it('lists that incident in the plan’s changes, and restoring it without the passphrase confirmed is refused, nothing written', async () => {
    const here = await newDevice();
    const sample = await writeSampleDiary(here);
    const records = [...here.diary.allRecords()];
    const welsh = here.diary.history(sample.ids.welsh).at(-1)?.link as ChainLink;
    // An ordinary-looking link whose content claims it was first written elsewhere in 2099: merged,
    // the newest claimed time is the version shown, so it would replace what the incident shows.
    const plain = newRevisionContent(incident(FUTURE_EDIT));
    const claimed = {
      ...plain,
      origin: { recordedAt: '2099-01-01T00:00:00.000Z', contentHash: await revisionContentHash(plain), linkHash: 'c'.repeat(64) },
    };
    const link = await appendLink(records.at(-1)?.link ?? null, {
      entryId: sample.ids.welsh,
      revision: welsh.revision + 1,
      kind: 'revision',
      recordedAt: '2026-01-06T10:00:00.000Z',
      contentHash: await revisionContentHash(claimed),
    });
    const forged: RevisionRecord[] = [...records, { link, content: claimed }];
    const stranger = await newDevice();
    const backup = await checkBackup(
      await backupFileOf(forged, await sealChain(stranger.chainKey(), forged.length, link.hash)),
      PASSPHRASE,
    );
    expect(backup.verification).toMatchObject({ ok: true });

    const plan = await planRestore(backup, here);
    expect(plan).toMatchObject({ relation: 'merged', sealedByThisDiary: false, verbatim: [], deletedIncidents: 0 });
    expect(plan.imported.map((i) => [i.entryId, i.content.origin?.recordedAt])).toEqual([[sample.ids.welsh, '2099-01-01T00:00:00.000Z']]);
    expect(plan.changes).toEqual([{ entryId: sample.ids.welsh, title: WELSH_SHOWN, happened: WELSH_WHEN, kind: 'changed' }]);

    const before = await dumpDatabase(here.db);
    expect(await rejectionOf(restoreBackup(backup, here))).toBeInstanceOf(RestoreNotConfirmedError);
    await expectUnchanged(here.db, before);
    expect((await reopened(here)).snapshot().entries.find((e) => e.id === sample.ids.welsh)?.incident.whatHappened).toBe(WELSH_SHOWN);

    // Why it asks: confirmed, the claimed future version is the one shown.
    await restoreBackup(backup, here, { confirmed: plan.changes });
    expect((await reopened(here)).snapshot().entries.find((e) => e.id === sample.ids.welsh)?.incident.whatHappened).toBe(FUTURE_EDIT);
  });
});

describe('a version 1 backup (no seal)', () => {
  it('into a diary with entries merges append-only, even when it is this diary further along', async () => {
    const device = await newDevice();
    const sample = await writeSampleDiary(device);
    const copy = await earlierCopy(device);
    await device.diary.remove(sample.ids.welsh);
    await device.diary.add(incident('Nowy wpis'));
    const backup = await checkBackup(await asVersion1((await backupOf(device)).file), PASSPHRASE);

    const plan = await planRestore(backup, copy);
    expect(plan).toMatchObject({ relation: 'merged', sealedByThisDiary: false, changes: [], deletedIncidents: 0 });
    const before = copy.diary.allRecords().slice();
    await restoreBackup(backup, copy);
    const restored = await reopened(copy);
    expect(restored.allRecords().slice(0, before.length)).toEqual(before);
    expect(restored.snapshot().entries.map((e) => e.id)).toContain(sample.ids.welsh);
    expect(restored.snapshot().entries.map((e) => e.incident.whatHappened)).toContain('Nowy wpis');
  });

  it('into an empty diary is copied as it is, and the plan says the seal was not this diary’s', async () => {
    const device = await newDevice();
    await writeSampleDiary(device);
    const backup = await checkBackup(await asVersion1((await backupOf(device)).file), PASSPHRASE);
    const empty = await newDevice('2026-05-01T09:00:00.000Z');
    const result = await restoreBackup(backup, empty);
    expect(result.plan).toMatchObject({ relation: 'empty', sealedByThisDiary: false, changes: [] });
    const restored = await reopened(empty);
    expect(restored.allRecords()).toEqual(device.diary.allRecords());
    expect(restored.head()).toBe(device.diary.head());
  });
});

describe('a new phone', () => {
  it('restored from a backup keeps the same chain head; it seals the diary with its own key from then on', async () => {
    const lost = await newDevice();
    await writeSampleDiary(lost);
    const backup = await checked(lost);
    const phone = await newDevice('2026-06-01T09:00:00.000Z');
    const result = await restoreBackup(backup, phone);
    expect(result.plan).toMatchObject({ relation: 'empty', sealedByThisDiary: false, changes: [] });

    const restored = await reopened(phone);
    expect(restored.head()).toBe(lost.diary.head());
    expect(await restored.verify()).toMatchObject({ ok: true, head: lost.diary.head() });
    expect(restored.sealState()).toEqual({ state: 'sealed' });
    expect(await restored.currentSeal()).toMatchObject({ size: 7, head: lost.diary.head() });
    // Its own backups are now this diary's; the lost phone's backup is another key's.
    expect(await planRestore(await checked(phone), phone)).toMatchObject({ relation: 'same', sealedByThisDiary: true });
    const again = await planRestore(backup, phone);
    expect(again).toMatchObject({ relation: 'merged', sealedByThisDiary: false });
    expect(planIsEmpty(again)).toBe(true);
  });

  it('an empty diary of this same vault says the seal was this diary’s', async () => {
    const device = await newDevice();
    const copy = await earlierCopy(device);
    await device.diary.add(incident('Pierwszy wpis'));
    const plan = await planRestore(await checked(device), copy);
    expect(plan).toMatchObject({ relation: 'empty', sealedByThisDiary: true, changes: [] });
  });
});

describe('imported versions keep their content version', () => {
  /** A diary from before version 2: v1 links, v1 contents (one salt over the body). */
  async function version1Diary(bodies: readonly Incident[]): Promise<RevisionRecord[]> {
    const records: RevisionRecord[] = [];
    for (const [seq, body] of bodies.entries()) {
      // Version 1 content was written before the later fields.
      const content: RevisionContentV1<Incident> = { v: 1, salt: String(seq).padStart(32, 'a'), body: withoutLaterFields(body) };
      const unhashed = {
        seq,
        entryId: `${'e'.repeat(31)}${seq}`,
        revision: 1,
        kind: 'revision' as const,
        recordedAt: `2025-12-0${seq + 1}T10:00:00.000Z`,
        contentHash: await revisionContentHash(content),
        prevHash: records.at(-1)?.link.hash ?? GENESIS_HASH,
      };
      records.push({ link: { ...unhashed, hash: await computeLinkHash(unhashed) }, content });
    }
    return records;
  }

  it('a v1 version stays v1 and a v2 version stays v2, each with its origin, and the chain verifies', async () => {
    const old = await version1Diary([incident('Stara wersja, pierwsza'), incident('Stara wersja, druga')]);
    const v1Backup = await checkBackup(await backupFileOf(old, null), PASSPHRASE);
    expect(v1Backup.verification).toMatchObject({ ok: true });
    const other = await newDevice();
    await other.diary.add(incident('Nowa wersja'));
    const v2Backup = await checked(other);

    const here = await newDevice('2026-07-01T09:00:00.000Z');
    await here.diary.add(incident('Tutaj'));
    await restoreBackup(v1Backup, here);
    await restoreBackup(v2Backup, here);
    const restored = await reopened(here);
    const [first, second, third] = restored.allRecords().slice(1);
    expect(first?.content).toEqual({
      ...old[0]?.content,
      origin: { recordedAt: old[0]?.link.recordedAt, contentHash: old[0]?.link.contentHash, linkHash: old[0]?.link.hash },
    });
    expect(second?.content).toMatchObject({ v: 1, salt: (old[1]?.content as RevisionContentV1<Incident>).salt });
    const theirs = other.diary.allRecords()[0];
    expect(third?.content).toEqual({
      ...theirs?.content,
      origin: { recordedAt: theirs?.link.recordedAt, contentHash: theirs?.link.contentHash, linkHash: theirs?.link.hash },
    });
    expect(third?.content?.v).toBe(2);
    expect(await restored.verify()).toMatchObject({ ok: true });
  });
});
