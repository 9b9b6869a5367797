// Test helper (not a test file): devices (a vault's database with a diary, attachment store and
// checklist store), a sample diary with Welsh and Polish text, and a whole-database dump for
// "nothing changed" checks.

import { expect } from 'vitest';
import { createBackup, type CreatedBackup } from '../../../src/core/backup/createBackup';
import type { ChecklistAnswers } from '../../../src/core/checklist/questions';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import type { ExportDocument } from '../../../src/core/export/exportDocument';
import { EMPTY_SELECTION, selectEntries } from '../../../src/core/export/selection';
import { EMPTY_ANSWERS } from '../../../src/core/checklist/questions';
import type { AttachmentRef, Incident } from '../../../src/core/model/incident';
import { AttachmentStore } from '../../../src/core/store/attachmentStore';
import { ChecklistStore } from '../../../src/core/store/checklistStore';
import type { DaybookDatabase } from '../../../src/core/store/db';
import { DiaryChain } from '../../../src/core/store/diary/chain';
import { DiaryRecords } from '../../../src/core/store/diary/queries';
import { DiaryStorage } from '../../../src/core/store/diary/storage';
import { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { newRecordId } from '../../../src/core/store/encryptedTable';
import { FAST_COST } from '../crypto/helpers';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault, testVault } from '../../support/vault';

export const PASSPHRASE = 'backup passphrase: llwy garu 2026';

/** Small chunks so a 3 KB file is stored (and backed up) in three. */
export const SMALL_CHUNK = 1024;

export interface Device {
  db: DaybookDatabase;
  key: () => CryptoKey;
  /** The vault's chain-seal key: a device restored from a backup has its own. */
  chainKey: () => CryptoKey;
  diary: DiaryRepository;
  attachments: AttachmentStore;
  checklists: ChecklistStore;
}

/**
 * A new device: its own vault (own data key) over a uniquely named database. Its diary's clock
 * starts at `start` and moves on a minute at every link.
 */
export async function newDevice(start = '2026-01-05T09:00:00.000Z', chunkSize = SMALL_CHUNK): Promise<Device> {
  const { db, session } = await createdVault();
  const key = () => session.dataKey();
  const chainKey = () => session.chainKey();
  let clock = Date.parse(start);
  const diary = new DiaryRepository(db, key, chainKey, () => new Date((clock += 60_000)));
  await diary.load();
  return { db, key, chainKey, diary, attachments: new AttachmentStore(db, key, { chunkSize }), checklists: new ChecklistStore(db, key) };
}

/** The same device's database read afresh, as after a reload (nothing cached in memory). */
export async function reopened(device: Device): Promise<DiaryRepository> {
  const diary = new DiaryRepository(device.db, device.key, device.chainKey);
  await diary.load();
  return diary;
}

/** A quick-log incident of 3 January 2026, 21:40, with its words and `changes`. */
export function incident(whatHappened: string, changes: Partial<Incident> = {}): Incident {
  return aQuickIncident({
    when: { kind: 'exact', date: '2026-01-03', time: '21:40' },
    whatHappened,
    behaviours: ['loitering'],
    ...changes,
  });
}

/**
 * Saves `body` as a diary written before every write was checked would have: straight through the
 * chain and storage, past the repository's validation. Returns the entry id.
 */
export async function writeUnchecked(device: Device, body: Incident, entryId = newRecordId()): Promise<string> {
  const records = new DiaryRecords();
  records.replace([...device.diary.allRecords()]);
  const chain = new DiaryChain(
    records,
    () => new Date(Date.parse(device.diary.allRecords().at(-1)?.link.recordedAt ?? '2026-01-05T09:00:00.000Z') + 30_000),
  );
  const revision = (device.diary.history(entryId).at(-1)?.link.revision ?? 0) + 1;
  const storage = new DiaryStorage(device.db, device.key, device.chainKey);
  await storage.store(await storage.seal(await chain.revision(entryId, revision, body)));
  await device.diary.load();
  return entryId;
}

/** Deterministic bytes that differ from chunk to chunk, so mix-ups would show. */
export function pattern(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

export async function bytesOf(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await blob.arrayBuffer());
}

export const CHECKLIST_ANSWERS: ChecklistAnswers = {
  ...EMPTY_ANSWERS,
  behaviours: ['following', 'turning-up'],
  occasions: 'many',
  fixation: ['wont-accept-no'],
  effects: ['alarm-or-distress'],
};

export interface SampleDiary {
  /** Entry ids by role. */
  ids: { welsh: string; polish: string; deleted: string; ongoing: string };
  /** File bytes by attachment id. */
  files: Map<string, Uint8Array<ArrayBuffer>>;
  /** The 3 KB file (three chunks) and the small one. */
  big: AttachmentRef;
  small: AttachmentRef;
}

/**
 * Several incidents in Welsh and Polish, edits, a deleted entry (tombstone), two attachments
 * (one stored in three chunks) and two saved checklist results.
 */
export async function writeSampleDiary(device: Device): Promise<SampleDiary> {
  const bigBytes = pattern(3 * 1024, 7);
  const smallBytes = pattern(200, 11);
  const big = await device.attachments.save(new Blob([bigBytes], { type: 'video/mp4' }), 'fideo o’r car.mp4');
  const small = await device.attachments.save(new Blob([smallBytes], { type: 'image/png' }), 'zdjęcie_samochodu.png');

  const welsh = await device.diary.add(
    incident('Roedd ei gar y tu allan i’r tŷ eto. Ŵ ŷ â ê', {
      where: 'Heol yr Orsaf, Caerffili',
      whoDidIt: 'Fy nghyn-bartner',
      attachments: [big],
    }),
  );
  const polish = await device.diary.add(
    incident('Stał pod moim domem. Zażółć gęślą jaźń', {
      when: { kind: 'approximate', description: 'w zeszłą zimę', from: '2025-12-01', to: '2025-12-20' },
      behaviours: ['turning-up', 'contact-phone'],
      witnesses: [{ name: 'Pani Łucja Wróbel', contact: 'mieszkanie 4' }],
      attachments: [small],
      reported: { reported: true, policeReference: '62/3141/26', officer: 'PC 27 Jones' },
      effect: { howItFelt: 'Boję się wychodzić', whatItChanged: 'Chodzę do pracy inną drogą' },
    }),
  );
  const deleted = await device.diary.add(incident('Neges a dynnwyd yn ôl', { behaviours: ['contact-text'] }));
  await device.diary.edit(
    welsh,
    incident('Roedd ei gar y tu allan i’r tŷ eto, Ford llwyd. Ŵ ŷ â ê', { where: 'Heol yr Orsaf, Caerffili', attachments: [big] }),
  );
  await device.diary.edit(deleted, incident('Neges a dynnwyd yn ôl, wedi’i golygu', { behaviours: ['contact-text'] }));
  const ongoing = await device.diary.add(
    incident('Ciągłe wiadomości od nieznanego numeru', { when: { kind: 'ongoing', since: '2025-11-01' }, behaviours: ['contact-text'] }),
  );
  await device.diary.remove(deleted);

  await device.checklists.saveAnswers(CHECKLIST_ANSWERS, new Date('2026-01-04T18:00:00.000Z'));
  await device.checklists.saveAnswers(EMPTY_ANSWERS, new Date('2026-01-05T08:00:00.000Z'));

  return {
    ids: { welsh, polish, deleted, ongoing },
    files: new Map([
      [big.id, bigBytes],
      [small.id, smallBytes],
    ]),
    big,
    small,
  };
}

export function backupOf(device: Device, passphrase = PASSPHRASE, now = new Date('2026-01-06T12:00:00.000Z')): Promise<CreatedBackup> {
  return createBackup(device, passphrase, { kdfCost: FAST_COST, now });
}

/** An export of every entry of the device's diary, with no checklists or fingerprints. */
export async function exportDocumentOf(device: Device, now = new Date('2026-02-01T10:00:00.000Z')): Promise<ExportDocument> {
  const snapshot = device.diary.snapshot();
  return buildExportDocument(
    {
      links: snapshot.links,
      entries: selectEntries(snapshot.entries, EMPTY_SELECTION),
      history: (id) => device.diary.history(id),
      checklists: [],
      fingerprints: [],
    },
    EMPTY_SELECTION,
    now,
  );
}

/** Every row of every table, keyed by table name, in key order. */
export async function dumpDatabase(db: DaybookDatabase): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of db.tables) dump[table.name] = await table.toArray();
  return dump;
}

/** Asserts the database holds exactly the rows of `before`, byte for byte. */
export async function expectUnchanged(db: DaybookDatabase, before: Record<string, unknown[]>): Promise<void> {
  expect(await dumpDatabase(db)).toEqual(before);
}

/** The error `action` rejected with (failing the test if it resolved). */
export async function rejectionOf(action: Promise<unknown>): Promise<unknown> {
  try {
    await action;
  } catch (error) {
    return error;
  }
  return expect.fail('expected a rejection, but it resolved');
}

/**
 * This same diary as it is now, on a database of its own: the same vault (data key and chain-seal
 * key), as a copy of the database put back later would be. The device then goes on alone, so the
 * copy falls behind it: the one case where a backup is "this same diary, further along".
 */
export async function earlierCopy(device: Device, start = '2026-03-01T09:00:00.000Z'): Promise<Device> {
  const { db } = testVault();
  await db.open();
  for (const table of device.db.tables) await db.table(table.name).bulkPut(await table.toArray());
  let clock = Date.parse(start);
  const diary = new DiaryRepository(db, device.key, device.chainKey, () => new Date((clock += 60_000)));
  await diary.load();
  return {
    db,
    key: device.key,
    chainKey: device.chainKey,
    diary,
    attachments: new AttachmentStore(db, device.key, { chunkSize: SMALL_CHUNK }),
    checklists: new ChecklistStore(db, device.key),
  };
}
