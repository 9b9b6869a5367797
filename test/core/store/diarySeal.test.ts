import { describe, expect, it, vi } from 'vitest';
import { canonicalJson, sealChain, sha256Hex, treeHead, verifySeal, type RevisionContentV1 } from '../../../src/core/evidence';
import type { Incident } from '../../../src/core/model/incident';
import type { DaybookDatabase } from '../../../src/core/store/db';
import { DiaryRepository, type VaultSealing } from '../../../src/core/store/diaryRepository';
import { judgeSeal, SEAL_ROW_ID } from '../../../src/core/store/diary/seal';
import { EncryptedTable } from '../../../src/core/store/encryptedTable';
import { StorageError } from '../../../src/core/store/storageErrors';
import type { VaultSession } from '../../../src/core/vault/session';
import { aQuickIncident, withoutLaterFields } from '../../support/incidentFactories';
import { writeV1Diary } from '../../support/beforeSealing';
import { createdVault, diaryOver } from '../../support/vault';
import { dumpDatabase, rejectionOf } from '../backup/backupFixture';

const incident = (text: string) => aQuickIncident({ whatHappened: text, behaviours: ['loitering'] });
const START = Date.parse('2026-11-22T10:00:00Z');

type Setup = Awaited<ReturnType<typeof createdVault>>;

/** A new vault's diary whose clock moves on a minute at every link (or as `clock.at` is set). */
async function diary(setup?: Setup) {
  const vault = setup ?? (await createdVault());
  const clock = { at: START };
  const repo = diaryOver(vault, () => new Date((clock.at += 60_000)));
  await repo.load();
  return { ...vault, repo, clock };
}

/** The same database read afresh, as at the next unlock. */
async function reloaded(setup: { db: DaybookDatabase; session: VaultSession }): Promise<DiaryRepository> {
  const repo = diaryOver(setup);
  await repo.load();
  return repo;
}

/** Deletes the rows of the newest `count` links, as someone with the device might. */
async function deleteNewest(db: DaybookDatabase, count: number): Promise<void> {
  const ids = (await db.revisions.toCollection().primaryKeys()).sort().slice(-count);
  await db.revisions.bulkDelete(ids);
}

describe('the sealed head: every write seals the chain', () => {
  it('a new diary is sealed, and stays sealed across writes and reloads', async () => {
    const setup = await diary();
    expect(setup.repo.sealState()).toEqual({ state: 'sealed' });
    const id = await setup.repo.add(incident('One'));
    await setup.repo.edit(id, incident('One, edited'));
    await setup.repo.add(incident('Two'));
    await setup.repo.remove(id);
    const again = await reloaded(setup);
    expect(again.sealState()).toEqual({ state: 'sealed' });
    expect(await again.verify()).toMatchObject({ ok: true, length: 4 });
  });

  it('the seal is an encrypted row of the settings table, covering the chain after each write', async () => {
    const setup = await diary();
    await setup.repo.add(incident('One'));
    await setup.repo.add(incident('Two'));
    const row = await setup.db.settings.get(SEAL_ROW_ID);
    expect(row && Object.keys(row).sort()).toEqual(['data', 'id', 'iv', 'v']);
    const stored = await new EncryptedTable<unknown>(setup.db, 'settings', () => setup.session.dataKey()).get(SEAL_ROW_ID);
    expect(stored).toMatchObject({ v: 2, findings: [] });
    const { seal } = stored as { seal: unknown };
    expect(await verifySeal(setup.session.chainKey(), seal)).toBe(true);
    expect(seal).toMatchObject({ v: 2, size: 2, head: setup.repo.head() });
    expect(await setup.repo.currentSeal()).toEqual(seal);
  });

  it('the diary writes version 2: per-field salts, v2 links', async () => {
    const { repo } = await diary();
    const id = await repo.add(incident('Field by field'));
    const [record] = repo.history(id);
    expect(record?.link.v).toBe(2);
    expect(record?.content?.v).toBe(2);
    expect(Object.keys(record?.content?.v === 2 ? record.content.salts : {}).sort()).toEqual(Object.keys(incident('x')).sort());
    expect(await repo.verify()).toMatchObject({ ok: true });
  });

  it('deleting the newest rows and leaving the seal shows as records missing', async () => {
    const setup = await diary();
    for (const text of ['One', 'Two', 'Three', 'Four']) await setup.repo.add(incident(text));
    await deleteNewest(setup.db, 2);
    const again = await reloaded(setup);
    // The chain that is left still verifies on its own: only the seal can tell.
    expect(await again.verify()).toMatchObject({ ok: true, length: 2 });
    expect(again.sealState()).toEqual({ state: 'records-missing', sealedSize: 4, size: 2 });
  });

  it('deleting the newest rows and the seal shows the seal as invalid while v2 links remain', async () => {
    const setup = await diary();
    for (const text of ['One', 'Two', 'Three']) await setup.repo.add(incident(text));
    await deleteNewest(setup.db, 1);
    await setup.db.settings.delete(SEAL_ROW_ID);
    expect((await reloaded(setup)).sealState()).toEqual({ state: 'seal-invalid' });
    // Every row and the seal gone: an empty diary, which nothing can tell from a new one.
    await setup.db.revisions.clear();
    await setup.db.settings.delete(SEAL_ROW_ID);
    expect((await reloaded(setup)).sealState()).toEqual({ state: 'sealed' });
  });

  it('an altered seal row is reported as an invalid seal, not as a diary that will not open', async () => {
    const setup = await diary();
    await setup.repo.add(incident('One'));
    const row = await setup.db.settings.get(SEAL_ROW_ID);
    if (!row) throw new Error('no seal row');
    const data = new Uint8Array(row.data);
    data[0] = (data[0] ?? 0) ^ 1;
    await setup.db.settings.put({ ...row, data });
    const again = await reloaded(setup);
    expect(again.sealState()).toEqual({ state: 'seal-invalid' });
    expect(again.snapshot().entries).toHaveLength(1);
  });

  it('a seal whose MAC is not this vault’s is invalid', async () => {
    const setup = await diary();
    await setup.repo.add(incident('One'));
    const other = await createdVault();
    const forged = await sealChain(other.session.chainKey(), 1, setup.repo.head());
    await new EncryptedTable<unknown>(setup.db, 'settings', () => setup.session.dataKey()).put(SEAL_ROW_ID, {
      v: 2,
      seal: forged,
      findings: [],
    });
    expect((await reloaded(setup)).sealState()).toEqual({ state: 'seal-invalid' });
  });

  it('an older seal put back over a longer chain (rows written without the seal) is invalid', async () => {
    const setup = await diary();
    await setup.repo.add(incident('One'));
    const older = await setup.db.settings.get(SEAL_ROW_ID);
    await setup.repo.add(incident('Two'));
    if (older) await setup.db.settings.put(older);
    expect((await reloaded(setup)).sealState()).toEqual({ state: 'seal-invalid' });
  });

  it('a chain of the sealed length that ends at another link shows as records missing', async () => {
    const setup = await diary();
    await setup.repo.add(incident('One'));
    const atOne = await dumpDatabase(setup.db);
    await setup.repo.add(incident('Two, sealed'));
    const sealedAtTwo = await setup.db.settings.get(SEAL_ROW_ID);
    // Put back the diary as it was at one link, write another second link, then the old seal.
    await setup.db.revisions.clear();
    await setup.db.revisions.bulkPut(atOne.revisions as never);
    const other = await reloaded(setup);
    await other.add(incident('Two, written instead'));
    if (sealedAtTwo) await setup.db.settings.put(sealedAtTwo);
    expect((await reloaded(setup)).sealState()).toEqual({ state: 'records-missing', sealedSize: 2, size: 2 });
  });

  it('what was found at unlock holds for the session, even after a write seals the chain again', async () => {
    const setup = await diary();
    for (const text of ['One', 'Two', 'Three']) await setup.repo.add(incident(text));
    await deleteNewest(setup.db, 1);
    const again = await reloaded(setup);
    await again.add(incident('Written after'));
    await again.load();
    expect(again.sealState()).toEqual({ state: 'records-missing', sealedSize: 3, size: 2 });
  });
});

describe('the sealed head: a diary from before version 2', () => {
  it('a v1-only diary with no seal is sealed at load, says so for the session, and is sealed after', async () => {
    const setup = await createdVault();
    const links = await writeV1Diary(setup, ['Old one', 'Old two', 'Old three']);
    expect(await setup.db.settings.get(SEAL_ROW_ID)).toBeUndefined();
    const { repo } = await diary(setup);
    expect(repo.sealState()).toEqual({ state: 'sealed-from-now' });
    expect(await repo.verify()).toMatchObject({ ok: true, length: 3 });
    expect(await new EncryptedTable<unknown>(setup.db, 'settings', () => setup.session.dataKey()).get(SEAL_ROW_ID)).toMatchObject({
      seal: { size: 3, head: links.at(-1)?.hash },
      findings: [],
    });
    // A re-read in the same session still says the seal starts now.
    await repo.load();
    expect(repo.sealState()).toEqual({ state: 'sealed-from-now' });
    // A v2 revision goes on after the v1 links, and the next unlock finds the diary sealed.
    await repo.add(incident('New, version 2'));
    const again = await reloaded(setup);
    expect(again.sealState()).toEqual({ state: 'sealed' });
    expect(again.snapshot().links.map((l) => l.v)).toEqual([undefined, undefined, undefined, 2]);
    expect(await again.verify()).toMatchObject({ ok: true, length: 4 });
  });

  it('a v1-only diary whose rows were cut after it was sealed shows records missing', async () => {
    const setup = await createdVault();
    await writeV1Diary(setup, ['Old one', 'Old two', 'Old three']);
    await diary(setup);
    await deleteNewest(setup.db, 1);
    expect((await reloaded(setup)).sealState()).toEqual({ state: 'records-missing', sealedSize: 3, size: 2 });
  });

  it('if the seal cannot be stored at load, the diary still opens and the next write seals it', async () => {
    const setup = await createdVault();
    await writeV1Diary(setup, ['Old one']);
    const put = vi.spyOn(setup.db.settings, 'put').mockImplementationOnce(() => Promise.reject(new Error('disk')) as never);
    const { repo } = await diary(setup);
    put.mockRestore();
    expect(repo.sealState()).toEqual({ state: 'sealed-from-now' });
    expect(await setup.db.settings.get(SEAL_ROW_ID)).toBeUndefined();
    await repo.add(incident('New'));
    expect((await reloaded(setup)).sealState()).toEqual({ state: 'sealed' });
  });

  it('in a vault whose header says the diary is sealed, no seal row is an invalid seal, even over v1 links only', async () => {
    const setup = await createdVault();
    const links = await writeV1Diary(setup, ['Old one', 'Old two']);
    const key = setup.session.chainKey();
    expect((await judgeSeal(key, { kind: 'none' }, links)).found).toBe('unsealed');
    expect((await judgeSeal(key, { kind: 'none' }, links, true)).found).toEqual({ state: 'seal-invalid' });
    expect((await judgeSeal(key, { kind: 'none' }, [], true)).found).toEqual({ state: 'seal-invalid' });

    const stored: string[] = [];
    const sealing = (sealed: boolean): VaultSealing => ({ diarySealed: () => sealed, sealStored: async () => void stored.push('stored') });
    const repo = new DiaryRepository(
      setup.db,
      () => setup.session.dataKey(),
      () => setup.session.chainKey(),
      undefined,
      sealing(true),
    );
    await repo.load();
    expect(repo.sealState()).toEqual({ state: 'seal-invalid' });
    expect(repo.sealFindings()).toEqual([expect.objectContaining({ state: 'seal-invalid', size: 2 })]);
    // The finding and the seal are stored, and the vault told so.
    expect(stored).toEqual(['stored']);
  });

  it('the vault is told a seal row is stored only when one is: not when sealing at load failed', async () => {
    const setup = await createdVault();
    await writeV1Diary(setup, ['Old one']);
    const stored: string[] = [];
    const sealing: VaultSealing = { diarySealed: () => false, sealStored: async () => void stored.push('stored') };
    const repo = new DiaryRepository(
      setup.db,
      () => setup.session.dataKey(),
      () => setup.session.chainKey(),
      undefined,
      sealing,
    );
    const put = vi.spyOn(setup.db.settings, 'put').mockImplementationOnce(() => Promise.reject(new Error('disk')) as never);
    await repo.load();
    put.mockRestore();
    expect(repo.sealState()).toEqual({ state: 'sealed-from-now' });
    expect(stored).toEqual([]);
    await repo.load();
    expect(stored).toEqual(['stored']);
    // A load that finds the seal sound tells it too (the vault does nothing the second time).
    await repo.load();
    expect(stored).toEqual(['stored', 'stored']);
  });

  it('revisions imported with v1 content keep it, and hash as v1 content always did', async () => {
    const { repo } = await diary();
    const content: RevisionContentV1<Incident> = { v: 1, salt: 'cd'.repeat(16), body: withoutLaterFields(incident('From an old backup')) };
    await repo.appendImported([{ entryId: 'imported', content }]);
    const [record] = repo.history('imported');
    expect(record?.content).toEqual(content);
    expect(record?.link.contentHash).toBe(await sha256Hex(canonicalJson(content)));
    expect(await repo.verify()).toMatchObject({ ok: true, length: 1 });
  });
});

describe('the sealed head: a failed write leaves rows and seal as they were', () => {
  it('when the seal cannot be written, no row is written either', async () => {
    const setup = await diary();
    await setup.repo.add(incident('One'));
    const before = await dumpDatabase(setup.db);
    const put = vi
      .spyOn(setup.db.settings, 'put')
      .mockImplementationOnce(() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never);
    const error = await rejectionOf(setup.repo.add(incident('Two')));
    put.mockRestore();
    expect(error).toBeInstanceOf(StorageError);
    expect(await dumpDatabase(setup.db)).toEqual(before);
    expect(setup.repo.snapshot().entries).toHaveLength(1);
    expect((await reloaded(setup)).sealState()).toEqual({ state: 'sealed' });
  });

  it('when the rows cannot be written, the seal is not either; trying again seals the longer chain', async () => {
    const setup = await diary();
    const id = await setup.repo.add(incident('One'));
    const before = await dumpDatabase(setup.db);
    const bulkPut = vi
      .spyOn(setup.db.revisions, 'bulkPut')
      .mockImplementationOnce(() => Promise.reject(new DOMException('broken', 'UnknownError')) as never);
    await expect(setup.repo.remove(id)).rejects.toBeInstanceOf(StorageError);
    bulkPut.mockRestore();
    expect(await dumpDatabase(setup.db)).toEqual(before);
    await setup.repo.remove(id);
    const again = await reloaded(setup);
    expect(again.sealState()).toEqual({ state: 'sealed' });
    expect(await again.verify()).toMatchObject({ ok: true, length: 2 });
  });

  it('a write that loses the race to another tab is sealed on the real head', async () => {
    const setup = await diary();
    await setup.repo.add(incident('Start'));
    const otherTab = await reloaded(setup);
    await setup.repo.add(incident('From tab one'));
    await otherTab.add(incident('From tab two'));
    const again = await reloaded(setup);
    expect(again.sealState()).toEqual({ state: 'sealed' });
    expect(again.snapshot().links).toHaveLength(3);
    expect(await again.currentSeal()).toMatchObject({ size: 3, head: again.head() });
  });
});

describe('the device clock', () => {
  it('a clock that went back between two saves is kept as read, with a note, and the chain verifies', async () => {
    const setup = await diary();
    await setup.repo.add(incident('First'));
    setup.clock.at -= 3 * 3_600_000;
    await setup.repo.add(incident('Second, clock went back'));
    const [, second] = setup.repo.snapshot().links;
    expect(second?.v).toBe(2);
    expect(second && Date.parse(second.recordedAt)).toBe(START + 2 * 60_000 - 3 * 3_600_000);
    expect(second?.clock).toEqual({ kind: 'behind' });
    const again = await reloaded(setup);
    expect(await again.verify()).toMatchObject({ ok: true, length: 2 });
    expect(again.sealState()).toEqual({ state: 'sealed' });
  });

  it('a save more than a day after the one before carries an "ahead" note; a normal one none', async () => {
    const setup = await diary();
    await setup.repo.add(incident('First'));
    await setup.repo.add(incident('A minute later'));
    setup.clock.at += 2 * 86_400_000;
    await setup.repo.add(incident('Two days later'));
    const links = setup.repo.snapshot().links;
    expect(links.map((l) => l.clock?.kind)).toEqual([undefined, undefined, 'ahead']);
    expect(await setup.repo.verify()).toMatchObject({ ok: true, length: 3 });
  });
});

describe('the diary’s fingerprint and seal for backups', () => {
  it('treeHead is the Merkle head over every link, computed once per chain', async () => {
    const { repo } = await diary();
    expect(await repo.treeHead()).toEqual(await treeHead([]));
    await repo.add(incident('One'));
    await repo.add(incident('Two'));
    const hashes = repo.snapshot().links.map((l) => l.hash);
    const first = repo.treeHead();
    expect(repo.treeHead()).toBe(first);
    expect(await first).toEqual(await treeHead(hashes));
    expect((await first).size).toBe(2);
    await repo.add(incident('Three'));
    expect(await repo.treeHead()).toMatchObject({ size: 3 });
  });

  it('isThisDiarysSeal accepts only this vault’s seal of exactly that size and head', async () => {
    const { repo } = await diary();
    await repo.add(incident('One'));
    await repo.add(incident('Two'));
    const seal = await repo.currentSeal();
    const [first] = repo.snapshot().links;
    expect(await repo.isThisDiarysSeal(seal, repo.head(), 2)).toBe(true);
    expect(await repo.isThisDiarysSeal(seal, repo.head(), 3)).toBe(false);
    expect(await repo.isThisDiarysSeal(seal, first?.hash ?? '', 2)).toBe(false);
    expect(await repo.isThisDiarysSeal({ ...seal, size: 1, head: first?.hash }, first?.hash ?? '', 1)).toBe(false);
    const other = await diary();
    await other.repo.appendVerbatim(repo.allRecords());
    const theirs = await other.repo.currentSeal();
    expect(theirs).toMatchObject({ size: 2, head: repo.head() });
    expect(await repo.isThisDiarysSeal(theirs, repo.head(), 2)).toBe(false);
    for (const junk of [null, 'seal', 42, {}, { ...seal, mac: 'zz' }])
      expect(await repo.isThisDiarysSeal(junk, repo.head(), 2)).toBe(false);
  });
});
