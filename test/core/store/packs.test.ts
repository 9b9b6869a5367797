// The diary's records packed 64 to a row (core/store/diary/packs.ts): a load packs every complete
// run of rows, the diary reads back exactly as before, a deletion erases content inside a pack,
// a pack moved, swapped or altered does not read, and another tab's packing is never overwritten.

import { describe, expect, it } from 'vitest';
import { decryptRecord, DecryptionError } from '../../../src/core/crypto';
import { newRevisionContent } from '../../../src/core/evidence';
import type { Incident } from '../../../src/core/model/incident';
import type { DaybookDatabase } from '../../../src/core/store/db';
import type { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { FIRST_PAGE_ROW_ID } from '../../../src/core/store/diary/firstPage';
import { MalformedPackError, PACK_SIZE, PACKED_MARKER_ID, packId } from '../../../src/core/store/diary/packs';
import { DiaryStorage, rowId } from '../../../src/core/store/diary/storage';
import type { RevisionRecord } from '../../../src/core/store/diary/types';
import { EncryptedTable } from '../../../src/core/store/encryptedTable';
import type { VaultSession } from '../../../src/core/vault/session';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault, diaryOver } from '../../support/vault';

type Setup = { db: DaybookDatabase; session: VaultSession };

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const on = (n: number, text: string): Incident => aQuickIncident({ when: { kind: 'exact', date: day(n) }, whatHappened: text });

/** A loaded diary holding `count` incidents, written in one write (as rows: nothing is packed until a load). */
async function diaryWith(count: number): Promise<Setup & { repo: DiaryRepository }> {
  const setup = await createdVault();
  const repo = diaryOver(setup);
  await repo.load();
  const items = Array.from({ length: count }, (_, i) => ({
    entryId: `incident-${i}`,
    content: newRevisionContent(on(i % 300, `Incident ${i}`)),
  }));
  await repo.appendImported(items);
  return { ...setup, repo };
}

async function loaded(setup: Setup): Promise<DiaryRepository> {
  const repo = diaryOver(setup);
  await repo.load();
  return repo;
}

const storedRows = async (db: DaybookDatabase) =>
  (await db.revisions.toCollection().primaryKeys()).filter((id) => id !== PACKED_MARKER_ID).sort();
const storedPacks = async (db: DaybookDatabase) => (await db.packs.toCollection().primaryKeys()).sort();

async function openPack(setup: Setup, index: number): Promise<RevisionRecord[]> {
  const row = await setup.db.packs.get(packId(index));
  if (!row) throw new Error(`no pack ${index}`);
  return decryptRecord<RevisionRecord[]>(setup.session.dataKey(), 'packs', row.id, row);
}

describe('records packed at load', () => {
  it('a load packs every complete run of 64; the rest stay rows; the diary reads back the same, chain and seal sound', async () => {
    const setup = await diaryWith(150);
    const before = setup.repo.allRecords();
    expect(await storedRows(setup.db)).toHaveLength(150);
    expect(await storedPacks(setup.db)).toEqual([]);

    const first = await loaded(setup);
    expect(first.allRecords()).toEqual(before);
    expect(await storedPacks(setup.db)).toEqual([packId(0), packId(1)]);
    expect(await storedRows(setup.db)).toEqual(Array.from({ length: 150 - 2 * PACK_SIZE }, (_, i) => rowId(2 * PACK_SIZE + i)));
    expect((await openPack(setup, 1)).map((r) => r.link.seq)).toEqual(Array.from({ length: PACK_SIZE }, (_, i) => PACK_SIZE + i));

    const second = await loaded(setup);
    expect(second.allRecords()).toEqual(before);
    expect(second.sealState()).toEqual({ state: 'sealed' });
    expect(second.sealFindings()).toEqual([]);
    expect((await second.verify()).ok).toBe(true);
    // The first page is shown at unlock over packs as over rows.
    expect(await second.firstPage()).not.toBeNull();
  });

  it('the first page is shown when the last record stored is the last of a pack', async () => {
    const setup = await diaryWith(2 * PACK_SIZE);
    await loaded(setup);
    expect(await storedRows(setup.db)).toEqual([]);
    const again = diaryOver(setup);
    const page = await again.firstPage();
    expect(page?.end.size).toBe(2 * PACK_SIZE);
    expect((await again.load()).entries).toHaveLength(2 * PACK_SIZE);
  });

  it('writes after packing go on as rows, and the next load packs the run they complete', async () => {
    const setup = await diaryWith(PACK_SIZE + 60);
    const repo = await loaded(setup);
    for (let i = 0; i < 6; i += 1) await repo.add(on(i, `Later ${i}`));
    expect(await storedRows(setup.db)).toHaveLength(66);
    const again = await loaded(setup);
    expect(await storedPacks(setup.db)).toEqual([packId(0), packId(1)]);
    expect(await storedRows(setup.db)).toEqual([rowId(2 * PACK_SIZE), rowId(2 * PACK_SIZE + 1)]);
    expect(again.allRecords()).toEqual(repo.allRecords());
    expect((await again.verify()).ok).toBe(true);
  });

  it('deleting an incident whose versions are packed erases its content inside the pack', async () => {
    const setup = await diaryWith(PACK_SIZE + 10);
    const repo = await loaded(setup);
    const packIvBefore = (await setup.db.packs.get(packId(0)))?.iv;
    await repo.remove('incident-5');
    const pack = await openPack(setup, 0);
    expect(pack[5]?.content).toBeNull();
    expect(JSON.stringify(pack)).not.toContain('Incident 5"');
    expect((await setup.db.packs.get(packId(0)))?.iv).not.toEqual(packIvBefore);
    // No row was put back in the packed range.
    expect((await storedRows(setup.db)).filter((id) => Number(id) < PACK_SIZE)).toEqual([]);
    const again = await loaded(setup);
    expect(again.allRecords()).toEqual(repo.allRecords());
    expect(again.snapshot().entries.map((e) => e.id)).not.toContain('incident-5');
    expect((await again.verify()).ok).toBe(true);
  });

  it('a tab that read before another packed: its deletion is built again over the packs, nothing left in a stray row', async () => {
    const fresh = await createdVault();
    const early = diaryOver(fresh);
    await early.load(); // read while the diary was empty: knows of no pack
    const items = Array.from({ length: PACK_SIZE + 2 }, (_, i) => ({
      entryId: `e-${i}`,
      content: newRevisionContent(on(i, `Entry ${i}`)),
    }));
    await early.appendImported(items);
    await loaded(fresh); // another tab unlocks, and packs
    expect(await storedPacks(fresh.db)).toEqual([packId(0)]);
    // Its rows are packed now: refused in the transaction, read again, built again over the pack.
    await early.remove('e-3');
    const pack = await openPack(fresh, 0);
    expect(pack[3]?.content).toBeNull();
    expect((await storedRows(fresh.db)).filter((id) => Number(id) < PACK_SIZE)).toEqual([]);
    const after = await loaded(fresh);
    expect(after.snapshot().entries.map((e) => e.id)).not.toContain('e-3');
    expect(after.allRecords()).toEqual(early.allRecords());
    expect((await after.verify()).ok).toBe(true);
  });

  it('a tab that read before another packed cannot put a new link into a packed range', async () => {
    const fresh = await createdVault();
    const early = diaryOver(fresh);
    await early.load();
    await early.appendImported(
      Array.from({ length: PACK_SIZE - 1 }, (_, i) => ({ entryId: `e-${i}`, content: newRevisionContent(on(i, `E ${i}`)) })),
    );
    const other = await loaded(fresh);
    await other.add(on(2, 'the other tab completes the first run'));
    await loaded(fresh); // packs it
    expect(await storedPacks(fresh.db)).toEqual([packId(0)]);
    // The early tab still thinks the chain ends at 63: its add would take place 63, which is packed.
    await early.add(on(3, 'early tab'));
    const after = await loaded(fresh);
    expect(after.allRecords()).toHaveLength(PACK_SIZE + 1);
    expect(after.snapshot().entries.map((e) => e.incident.whatHappened)).toEqual(
      expect.arrayContaining(['the other tab completes the first run', 'early tab']),
    );
    expect((await after.verify()).ok).toBe(true);
  });
});

describe('a version from before packs, and content a deletion erased', () => {
  it('the first pack comes with a row no key opens: a version that reads every row of revisions cannot load the diary', async () => {
    const setup = await diaryWith(PACK_SIZE - 1);
    await loaded(setup);
    expect(await setup.db.revisions.get(PACKED_MARKER_ID)).toBeUndefined(); // nothing packed, nothing marked
    await setup.repo.add(on(1, 'the 64th'));
    await loaded(setup);
    const marker = await setup.db.revisions.get(PACKED_MARKER_ID);
    expect(marker && Object.keys(marker).sort()).toEqual(['data', 'id', 'iv', 'v']);
    // What a version from before packs does at load: decrypt every row of revisions.
    const rows = await setup.db.revisions.toArray();
    const opened = Promise.all(rows.map((row) => decryptRecord(setup.session.dataKey(), 'revisions', row.id, row)));
    await expect(opened).rejects.toBeInstanceOf(DecryptionError);
    // This version leaves it out everywhere: the diary reads, the seal holds, the first page shows.
    const again = await loaded(setup);
    expect(again.allRecords()).toHaveLength(PACK_SIZE);
    expect(again.sealState()).toEqual({ state: 'sealed' });
    expect(await diaryOver(setup).firstPage()).not.toBeNull();
  });

  it('an earlier copy of a pack put back after a deletion: the load erases the deleted content again, in memory and in storage', async () => {
    const setup = await diaryWith(PACK_SIZE + 2);
    const repo = await loaded(setup);
    const before = await setup.db.packs.get(packId(0));
    await repo.remove('incident-9');
    if (!before) throw new Error('pack missing');
    await setup.db.packs.put(before); // incident 9's content is in it
    const again = await loaded(setup);
    expect(again.allRecords()[9]?.content).toBeNull();
    expect(again.allRecords()).toEqual(repo.allRecords());
    expect((await openPack(setup, 0))[9]?.content).toBeNull();
    expect((await again.verify()).ok).toBe(true);
  });

  it('a deletion that rewrote rows a pack holds (as a version from before packs does): the next load erases the content in the pack', async () => {
    const setup = await diaryWith(PACK_SIZE + 2);
    const repo = await loaded(setup);
    const before = await setup.db.packs.get(packId(0));
    const pageBefore = await setup.db.settings.get(FIRST_PAGE_ROW_ID);
    await repo.remove('incident-4');
    if (!before || !pageBefore) throw new Error('pack or page missing');
    // As such a tab leaves it: the pack untouched, the emptied version as a row of its own, and
    // (a version from before the first page) the page as it was.
    await setup.db.packs.put(before);
    await setup.db.settings.put(pageBefore);
    const table = new EncryptedTable<unknown>(setup.db, 'revisions', () => setup.session.dataKey());
    await table.put(rowId(4), repo.allRecords()[4]);
    const again = await loaded(setup);
    expect(again.snapshot().entries.map((e) => e.id)).not.toContain('incident-4');
    expect((await openPack(setup, 0))[4]?.content).toBeNull();
    // The row inside the packed run is not counted as part of the chain: the seal still judges it
    // whole, and the load may store the page again (its check counts the chain as stored).
    expect(again.sealState()).toEqual({ state: 'sealed' });
    expect((await diaryOver(setup).firstPage())?.end.size).toBe(PACK_SIZE + 3);
  });
});

describe('packs as stored', () => {
  it('hold no plaintext: only the id, IV and ciphertext', async () => {
    const setup = await diaryWith(PACK_SIZE);
    await loaded(setup);
    const row = await setup.db.packs.get(packId(0));
    expect(row && Object.keys(row).sort()).toEqual(['data', 'id', 'iv', 'v']);
    expect(new TextDecoder().decode(row?.data)).not.toContain('Incident');
  });

  it('are written deflated (record version 2), far smaller than their JSON; loose rows are not', async () => {
    const setup = await diaryWith(PACK_SIZE + 1);
    await loaded(setup);
    const pack = await setup.db.packs.get(packId(0));
    const loose = (await setup.db.revisions.toArray()).filter((row) => row.id !== PACKED_MARKER_ID);
    expect(pack?.v).toBe(2);
    expect(loose.map((row) => row.v)).toEqual([1]);
    // 64 records of the same shape: their JSON deflates to well under half.
    expect(pack?.data.length).toBeLessThan((loose[0]?.data.length ?? 0) * PACK_SIZE * 0.5);
  });

  it('a pack moved to another id, two packs swapped, or a pack altered does not read: the load fails, nothing is shown', async () => {
    const setup = await diaryWith(2 * PACK_SIZE);
    await loaded(setup);
    const [zero, one] = await Promise.all([setup.db.packs.get(packId(0)), setup.db.packs.get(packId(1))]);
    if (!zero || !one) throw new Error('packs missing');
    await setup.db.packs.bulkPut([
      { ...zero, id: packId(1) },
      { ...one, id: packId(0) },
    ]);
    await expect(loaded(setup)).rejects.toBeInstanceOf(DecryptionError);
    const altered = new Uint8Array(zero.data);
    altered[10] = (altered[10] ?? 0) ^ 1;
    await setup.db.packs.bulkPut([zero, { ...one, data: altered }]);
    await expect(loaded(setup)).rejects.toBeInstanceOf(DecryptionError);
    await setup.db.packs.put(one);
    await expect(loaded(setup)).resolves.toBeDefined();
  });

  it('a pack removed leaves a gap the chain check finds, and the seal says records are missing when it was the last', async () => {
    const setup = await diaryWith(2 * PACK_SIZE);
    await loaded(setup);
    await setup.db.packs.delete(packId(0));
    const gap = await loaded(setup);
    expect(gap.allRecords()).toHaveLength(PACK_SIZE);
    expect((await gap.verify()).ok).toBe(false);
    await setup.db.packs.delete(packId(1));
    const empty = await loaded(setup);
    expect(empty.sealState()).toMatchObject({ state: 'records-missing' });
  });

  it('an earlier row put back inside a packed range is ignored: the pack is the chain', async () => {
    const setup = await diaryWith(PACK_SIZE + 1);
    const rowBefore = await setup.db.revisions.get(rowId(7));
    await loaded(setup);
    if (!rowBefore) throw new Error('row missing');
    const repo = await loaded(setup);
    await repo.remove('incident-7');
    await setup.db.revisions.put(rowBefore); // its content, from before the deletion
    const again = await loaded(setup);
    expect(again.snapshot().entries.map((e) => e.id)).not.toContain('incident-7');
    expect(again.allRecords()).toEqual(repo.allRecords());
  });

  it('a pack that decrypts but does not hold its 64 records in place is refused', async () => {
    const setup = await diaryWith(PACK_SIZE);
    await loaded(setup);
    const records = await openPack(setup, 0);
    const table = new EncryptedTable<unknown>(setup.db, 'packs', () => setup.session.dataKey());
    await table.put(packId(0), [...records.slice(1), records[0]]);
    await expect(loaded(setup)).rejects.toBeInstanceOf(MalformedPackError);
    await table.put(packId(0), records.slice(1));
    await expect(loaded(setup)).rejects.toBeInstanceOf(MalformedPackError);
    await table.put(packId(0), records);
    await expect(loaded(setup)).resolves.toBeDefined();
  });

  it('a row changed after the load read it is not packed over: the run stays rows', async () => {
    const setup = await diaryWith(PACK_SIZE);
    const storage = new DiaryStorage(
      setup.db,
      () => setup.session.dataKey(),
      () => setup.session.chainKey(),
    );
    const { loose } = await storage.readAll();
    // Another tab rewrites a row between this read and the packing.
    const row = await setup.db.revisions.get(rowId(5));
    if (!row) throw new Error('row missing');
    await setup.db.revisions.put({ ...row, iv: new Uint8Array(row.iv).map((b) => b ^ 0xff) });
    expect(await storage.packAtLoad(loose)).toBe(0);
    expect(await storedPacks(setup.db)).toEqual([]);
    expect(await storedRows(setup.db)).toHaveLength(PACK_SIZE);
    // And a run another tab packed first is not packed again.
    await setup.db.revisions.put(row);
    const again = new DiaryStorage(
      setup.db,
      () => setup.session.dataKey(),
      () => setup.session.chainKey(),
    );
    const read = await again.readAll();
    expect(await storage.packAtLoad((await storage.readAll()).loose)).toBe(1);
    expect(await again.packAtLoad(read.loose)).toBe(0);
    expect(await storedPacks(setup.db)).toEqual([packId(0)]);
    expect(await storedRows(setup.db)).toEqual([]);
  });
});
