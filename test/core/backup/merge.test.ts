import { asIncident } from '../../support/incidentFactories';
import { describe, expect, it } from 'vitest';
import { checkBackup, type CheckedBackup } from '../../../src/core/backup/checkBackup';
import { planIsEmpty } from '../../../src/core/backup/mergePlan';
import { planRestore, restoreBackup } from '../../../src/core/backup/restoreBackup';
import { RestoreNotConfirmedError } from '../../../src/core/backup/restoreErrors';
import { expectSameBytes } from '../crypto/helpers';
import {
  backupOf,
  bytesOf,
  dumpDatabase,
  earlierCopy,
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

async function checkedBackupOf(device: Device): Promise<CheckedBackup> {
  return checkBackup((await backupOf(device)).file, PASSPHRASE);
}

/** A device restored from `backup`: the same diary as the one backed up. */
async function restoredCopy(backup: CheckedBackup, start = '2026-02-01T09:00:00.000Z'): Promise<Device> {
  const device = await newDevice(start);
  await restoreBackup(backup, device);
  await device.diary.load();
  return device;
}

describe('restoring the same backup twice', () => {
  it('adds nothing the second time: the plan is empty and every table is unchanged', async () => {
    const source = await newDevice();
    await writeSampleDiary(source);
    const backup = await checkedBackupOf(source);
    const target = await newDevice();
    await restoreBackup(backup, target);
    const before = await dumpDatabase(target.db);
    const records = target.diary.allRecords().length;

    const plan = await planRestore(backup, target);
    // Restored into a new vault, whose key did not make the seal: merged, and already all here.
    expect(plan.relation).toBe('merged');
    expect(plan.sealedByThisDiary).toBe(false);
    expect(planIsEmpty(plan)).toBe(true);
    const again = await restoreBackup(backup, target);
    expect(again.addedFiles).toBe(0);
    expect(target.diary.allRecords()).toHaveLength(records);
    await expectUnchanged(target.db, before);
  });

  it('adds nothing to the same diary that has moved on since the backup', async () => {
    const device = await newDevice();
    const sample = await writeSampleDiary(device);
    const backup = await checkedBackupOf(device);
    await device.diary.add(incident('Newydd: car eto'));
    await device.diary.edit(sample.ids.polish, incident('Stał pod moim domem — poprawione'));
    await device.diary.remove(sample.ids.ongoing);
    const before = await dumpDatabase(device.db);

    const plan = await planRestore(backup, device);
    expect(plan.relation).toBe('same');
    expect(plan.sealedByThisDiary).toBe(true);
    expect(plan.verbatim).toEqual([]);
    expect(plan.imported).toEqual([]);
    expect(planIsEmpty(plan)).toBe(true);
    await restoreBackup(backup, device);
    // Nothing deleted here comes back, nothing is appended.
    await expectUnchanged(device.db, before);
    expect((await reopened(device)).snapshot().entries.map((e) => e.id)).not.toContain(sample.ids.ongoing);
  });

  it('brings back a file the diary refers to that is missing here, and nothing else', async () => {
    const device = await newDevice();
    const sample = await writeSampleDiary(device);
    const backup = await checkedBackupOf(device);
    await device.attachments.remove(sample.big.id);
    const revisions = await device.db.revisions.toArray();
    const plan = await planRestore(backup, device);
    expect(plan.files).toEqual([sample.big]);
    expect((await restoreBackup(backup, device)).addedFiles).toBe(1);
    expectSameBytes(await bytesOf(await device.attachments.open(sample.big)), sample.files.get(sample.big.id) ?? new Uint8Array());
    expect(await device.db.revisions.toArray()).toEqual(revisions);
  });
});

describe('a diary behind its backup', () => {
  /** The original goes on after the copy was taken: a new incident with a new file, an edit, and a deletion of an entry the copy holds. */
  async function goOn(original: Device, sample: Awaited<ReturnType<typeof writeSampleDiary>>) {
    const photo = pattern(1500, 3);
    const ref = await original.attachments.save(new Blob([photo], { type: 'image/jpeg' }), 'llun.jpg');
    const added = await original.diary.add(incident('Nowy incydent z ogrodu', { attachments: [ref] }));
    await original.diary.edit(sample.ids.welsh, incident('Golygiad arall', { attachments: [sample.big] }));
    await original.diary.remove(sample.ids.polish);
    return { photo, ref, added };
  }

  // Behaviour changed with the seal (issue 12): only a copy under the same vault (its chain key)
  // is "this same diary". Before, any copy whose links continued this chain was.
  it('this same diary (sealed by this vault) fast-forwards verbatim, once the passphrase is confirmed: the same links, times and head', async () => {
    const original = await newDevice();
    const sample = await writeSampleDiary(original);
    const copy = await earlierCopy(original);
    const { photo, ref, added } = await goOn(original, sample);
    const later = await checkedBackupOf(original);

    const plan = await planRestore(later, copy);
    expect(plan.relation).toBe('behind');
    expect(plan.sealedByThisDiary).toBe(true);
    expect(plan.verbatim).toEqual(original.diary.allRecords().slice(copy.diary.allRecords().length));
    expect(plan.newIncidents).toBe(1);
    expect(plan.deletedIncidents).toBe(1);
    expect(plan.files.map((f) => f.id)).toEqual([ref.id]);
    // What it deletes or changes here, as the timeline names each incident.
    expect(plan.changes).toEqual([
      {
        entryId: sample.ids.welsh,
        title: 'Roedd ei gar y tu allan i’r tŷ eto, Ford llwyd. Ŵ ŷ â ê',
        happened: { kind: 'exact', date: '2026-01-03', time: '21:40' },
        kind: 'changed',
      },
      {
        entryId: sample.ids.polish,
        title: 'Stał pod moim domem. Zażółć gęślą jaźń',
        happened: { kind: 'approximate', description: 'w zeszłą zimę', from: '2025-12-01', to: '2025-12-20' },
        kind: 'deleted',
      },
    ]);

    // Not without the passphrase confirmed: nothing written.
    const before = await dumpDatabase(copy.db);
    expect(await rejectionOf(restoreBackup(later, copy))).toBeInstanceOf(RestoreNotConfirmedError);
    await expectUnchanged(copy.db, before);

    const result = await restoreBackup(later, copy, { confirmed: plan.changes });
    expect(result.addedFiles).toBe(1);
    const restored = await reopened(copy);
    expect(restored.head()).toBe(original.diary.head());
    expect(restored.allRecords()).toEqual(original.diary.allRecords());
    expect(restored.snapshot()).toEqual(original.diary.snapshot());
    expect(await restored.verify()).toMatchObject({ ok: true, head: original.diary.head() });
    expect(restored.sealState()).toEqual({ state: 'sealed' });
    // The deletion reached the copy: the content it held of that entry is gone from its database.
    expect(restored.history(sample.ids.polish).every((r) => r.content === null)).toBe(true);
    expect(restored.snapshot().entries.map((e) => e.id)).toContain(added);
    expectSameBytes(await bytesOf(await copy.attachments.open(ref)), photo);
  });

  it('a copy in another vault (restored on a new phone) is not this same diary: the original going on merges in append-only, the incident it gives a version confirmed first', async () => {
    const original = await newDevice();
    const sample = await writeSampleDiary(original);
    const copy = await restoredCopy(await checkedBackupOf(original));
    const own = copy.diary.allRecords().slice();
    const { photo, ref, added } = await goOn(original, sample);
    const later = await checkedBackupOf(original);

    const plan = await planRestore(later, copy);
    expect(plan.relation).toBe('merged');
    expect(plan.sealedByThisDiary).toBe(false);
    expect(plan.deletedIncidents).toBe(0);
    expect(plan.imported.map((i) => asIncident(i.content.body).whatHappened)).toEqual(['Nowy incydent z ogrodu', 'Golygiad arall']);
    // Nothing is deleted (the deletion there is not carried), but the edit there gives an incident
    // here another version, which can become the one shown: listed, and the passphrase asked for.
    // The new incident is not listed: nothing here shows it yet.
    expect(plan.changes).toEqual([
      {
        entryId: sample.ids.welsh,
        title: 'Roedd ei gar y tu allan i’r tŷ eto, Ford llwyd. Ŵ ŷ â ê',
        happened: { kind: 'exact', date: '2026-01-03', time: '21:40' },
        kind: 'changed',
      },
    ]);
    const before = await dumpDatabase(copy.db);
    expect(await rejectionOf(restoreBackup(later, copy))).toBeInstanceOf(RestoreNotConfirmedError);
    await expectUnchanged(copy.db, before);

    const result = await restoreBackup(later, copy, { confirmed: plan.changes });
    expect(result.addedFiles).toBe(1);
    const restored = await reopened(copy);
    expect(restored.allRecords().slice(0, own.length)).toEqual(own);
    expect(await restored.verify()).toMatchObject({ ok: true });
    expect(restored.snapshot().entries.map((e) => e.id)).toEqual(expect.arrayContaining([sample.ids.polish, added]));
    expect(restored.history(sample.ids.polish).some((r) => r.content !== null)).toBe(true);
    expectSameBytes(await bytesOf(await copy.attachments.open(ref)), photo);
  });
});

describe('diaries that went their own ways', () => {
  async function divergedSetup() {
    const other = await newDevice('2026-01-05T09:00:00.000Z');
    const sample = await writeSampleDiary(other);
    const backup = await checkedBackupOf(other);
    // A diary begun on this device before the backup was restored, a month later.
    const here = await newDevice('2026-02-10T09:00:00.000Z');
    const mine = await here.diary.add(incident('Mój własny wpis', { behaviours: ['following'] }));
    await here.diary.edit(mine, incident('Mój własny wpis, poprawiony', { behaviours: ['following'] }));
    const own = here.diary.allRecords().slice();
    return { other, sample, backup, here, mine, own };
  }

  it('imports every incident of the backup with its origin, and the chain verifies', async () => {
    const { other, sample, backup, here, mine, own } = await divergedSetup();
    const plan = await planRestore(backup, here);
    expect(plan.relation).toBe('merged');
    expect(plan.newIncidents).toBe(3);
    expect(plan.updatedIncidents).toBe(0);
    // Only new incidents: nothing shown here changes, so no passphrase is asked for.
    expect(plan.changes).toEqual([]);

    const result = await restoreBackup(backup, here);
    expect(result.addedFiles).toBe(2);
    const restored = await reopened(here);
    expect(await restored.verify()).toMatchObject({ ok: true, length: restored.allRecords().length });
    // This device's own links are untouched, at the start of the chain.
    expect(restored.allRecords().slice(0, own.length)).toEqual(own);

    const theirs = other.diary.snapshot().entries;
    const entries = restored.snapshot().entries;
    expect(entries.map((e) => e.id).sort()).toEqual([mine, ...theirs.map((e) => e.id)].sort());
    for (const entry of theirs) {
      const here = entries.find((e) => e.id === entry.id);
      expect(here?.incident).toEqual(entry.incident);
      // First written down when it was written there, not when it was imported.
      expect(here?.firstRecordedAt).toBe(entry.firstRecordedAt);
      expect(here?.revisions).toBe(entry.revisions);
    }
    expect(entries.map((e) => e.id)).not.toContain(sample.ids.deleted);

    // Each imported revision carries the link it had in the backup.
    const imported = restored.allRecords().slice(own.length);
    const held = other.diary.allRecords().filter((r) => r.content !== null);
    expect(imported).toHaveLength(held.length);
    for (const [i, { link, content }] of imported.entries()) {
      const there = held[i];
      expect(content?.origin).toEqual({
        recordedAt: there?.link.recordedAt,
        contentHash: there?.link.contentHash,
        linkHash: there?.link.hash,
      });
      // The same content, of the same version (its salts and body), with where it came from.
      expect(content).toEqual({ ...there?.content, origin: content?.origin });
      expect(content?.v).toBe(2);
      expect(link.entryId).toBe(there?.link.entryId);
      expect(link.recordedAt > '2026-02-10').toBe(true);
    }
    for (const ref of [sample.big, sample.small]) {
      expectSameBytes(await bytesOf(await here.attachments.open(ref)), sample.files.get(ref.id) ?? new Uint8Array());
    }
    expect(await here.checklists.list()).toEqual(await other.checklists.list());
  });

  it('restoring the same backup again adds nothing', async () => {
    const { backup, here } = await divergedSetup();
    await restoreBackup(backup, here);
    const before = await dumpDatabase(here.db);
    const plan = await planRestore(backup, here);
    expect(plan.relation).toBe('merged');
    expect(planIsEmpty(plan)).toBe(true);
    await restoreBackup(backup, here);
    await expectUnchanged(here.db, before);
  });

  it('a backup of a diary that already holds imports carries their first origin on', async () => {
    const { backup, here, other } = await divergedSetup();
    await restoreBackup(backup, here);
    const third = await newDevice('2026-03-01T09:00:00.000Z');
    await third.diary.add(incident('Trzeci dziennik'));
    await restoreBackup(await checkedBackupOf(here), third);
    const restored = await reopened(third);
    expect((await restored.verify()).ok).toBe(true);
    const firstLinks = new Set(other.diary.allRecords().map((r) => r.link.hash));
    const origins = restored.allRecords().flatMap((r) => (r.content?.origin ? [r.content.origin.linkHash] : []));
    // Every revision that began in the first diary still points at its link there.
    expect(origins.filter((hash) => firstLinks.has(hash))).toHaveLength(other.diary.allRecords().filter((r) => r.content !== null).length);
    // And restoring the first backup here as well adds nothing more.
    expect(planIsEmpty(await planRestore(backup, third))).toBe(true);
  });

  it('a tombstone in the backup never deletes an entry that is live here', async () => {
    const original = await newDevice();
    const sample = await writeSampleDiary(original);
    const copy = await restoredCopy(await checkedBackupOf(original));
    // Both go on: the copy adds its own entry, the original deletes one.
    await copy.diary.add(incident('Tylko na tym urządzeniu'));
    await original.diary.remove(sample.ids.welsh);
    const later = await checkedBackupOf(original);

    const plan = await planRestore(later, copy);
    expect(plan.relation).toBe('merged');
    expect(plan.imported).toEqual([]);
    await restoreBackup(later, copy);
    const restored = await reopened(copy);
    const welsh = restored.snapshot().entries.find((e) => e.id === sample.ids.welsh);
    expect(welsh?.incident.whatHappened).toContain('Ford llwyd');
    expect(restored.history(sample.ids.welsh).filter((r) => r.content !== null)).toHaveLength(2);
    expectSameBytes(await bytesOf(await copy.attachments.open(sample.big)), sample.files.get(sample.big.id) ?? new Uint8Array());
  });

  it('an edit made in the backup after the diaries split comes in as a new version of the entry', async () => {
    const original = await newDevice();
    const sample = await writeSampleDiary(original);
    const copy = await restoredCopy(await checkedBackupOf(original));
    await copy.diary.add(incident('Tylko tutaj'));
    await original.diary.edit(sample.ids.polish, incident('Poprawka z drugiego urządzenia'));
    const plan = await planRestore(await checkedBackupOf(original), copy);
    expect(plan.relation).toBe('merged');
    expect(plan.imported.map((i) => [i.entryId, asIncident(i.content.body).whatHappened])).toEqual([
      [sample.ids.polish, 'Poprawka z drugiego urządzenia'],
    ]);
    expect(plan.updatedIncidents).toBe(1);
    expect(plan.newIncidents).toBe(0);
    // The incident shown here that it gives a version is listed, to be confirmed with the passphrase.
    expect(plan.changes).toEqual([
      {
        entryId: sample.ids.polish,
        title: 'Stał pod moim domem. Zażółć gęślą jaźń',
        happened: { kind: 'approximate', description: 'w zeszłą zimę', from: '2025-12-01', to: '2025-12-20' },
        kind: 'changed',
      },
    ]);
  });

  it('an entry deleted here stays deleted; a later version from the backup comes back as an entry of its own', async () => {
    const original = await newDevice();
    const sample = await writeSampleDiary(original);
    const copy = await restoredCopy(await checkedBackupOf(original));
    await copy.diary.remove(sample.ids.polish);
    await original.diary.edit(sample.ids.polish, incident('Wersja po rozejściu'));
    await restoreBackup(await checkedBackupOf(original), copy);
    const restored = await reopened(copy);
    expect(restored.snapshot().entries.map((e) => e.id)).not.toContain(sample.ids.polish);
    // It comes back under a fresh random id: nothing may follow the tombstone here.
    const back = restored.snapshot().entries.find((e) => e.incident.whatHappened === 'Wersja po rozejściu');
    expect(back?.id).toMatch(/^[0-9a-f]{32}$/);
    expect(back?.id).not.toBe(sample.ids.polish);
    expect(back?.incident.whatHappened).toBe('Wersja po rozejściu');
    expect((await restored.verify()).ok).toBe(true);
  });

  it('an entry deleted here that the backup never changed stays deleted', async () => {
    const original = await newDevice();
    const sample = await writeSampleDiary(original);
    const copy = await restoredCopy(await checkedBackupOf(original));
    await copy.diary.remove(sample.ids.welsh);
    await original.diary.add(incident('Nowy wpis na pierwszym urządzeniu'));
    const plan = await planRestore(await checkedBackupOf(original), copy);
    expect(plan.relation).toBe('merged');
    expect(plan.imported.map((i) => asIncident(i.content.body).whatHappened)).toEqual(['Nowy wpis na pierwszym urządzeniu']);
  });

  // Importing twice must create no duplicates (DESIGN.md, Exports), also after an imported
  // incident was deleted here. Deleting erases the revision's content, and with it the origin
  // that mergePlan's "already here" check reads, so the next restore brings it back.
  it('deleting an imported incident, then restoring the same backup again, brings nothing back', async () => {
    const { backup, here, sample } = await divergedSetup();
    await restoreBackup(backup, here);
    await here.diary.remove(sample.ids.ongoing);
    const before = await dumpDatabase(here.db);
    const plan = await planRestore(backup, here);
    expect(plan.imported.map((i) => i.entryId)).toEqual([]);
    expect(planIsEmpty(plan)).toBe(true);
    await restoreBackup(backup, here);
    await expectUnchanged(here.db, before);
  });

  it('a deleted import keeps only where it came from (no text), and that travels in a backup', async () => {
    const { backup, here, sample } = await divergedSetup();
    await restoreBackup(backup, here);
    await here.diary.remove(sample.ids.ongoing);
    const erased = here.diary.history(sample.ids.ongoing).filter((r) => r.link.kind === 'revision');
    expect(erased).toHaveLength(1);
    expect(erased[0]?.content).toBeNull();
    const there = backup.records.find((r) => r.link.entryId === sample.ids.ongoing);
    expect(erased[0]?.origin).toEqual({
      recordedAt: there?.link.recordedAt,
      contentHash: there?.link.contentHash,
      linkHash: there?.link.hash,
    });
    expect(JSON.stringify(erased[0])).not.toContain('Ciągłe');

    // A third device restored from this diary's backup also knows not to bring it back.
    const third = await newDevice('2026-04-01T09:00:00.000Z');
    await restoreBackup(await checkedBackupOf(here), third);
    const restored = await reopened(third);
    expect(restored.allRecords()).toEqual(here.diary.allRecords());
    expect((await restored.verify()).ok).toBe(true);
    const plan = await planRestore(backup, third);
    expect(plan.imported).toEqual([]);
    expect(restored.snapshot().entries.map((e) => e.id)).not.toContain(sample.ids.ongoing);
  });
});
