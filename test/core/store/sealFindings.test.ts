import { describe, expect, it, vi } from 'vitest';
import { sealChain } from '../../../src/core/evidence';
import type { DaybookDatabase } from '../../../src/core/store/db';
import type { DiaryRepository, SealFinding } from '../../../src/core/store/diaryRepository';
import { SEAL_ROW_ID } from '../../../src/core/store/diary/seal';
import { EncryptedTable } from '../../../src/core/store/encryptedTable';
import type { VaultSession } from '../../../src/core/vault/session';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault, diaryOver } from '../../support/vault';

const incident = (text: string) => aQuickIncident({ whatHappened: text, behaviours: ['loitering'] });
const START = Date.parse('2026-11-22T10:00:00Z');

interface Setup {
  db: DaybookDatabase;
  session: VaultSession;
}

/** A new vault's diary with `texts` saved, its clock a minute on at every reading. */
async function diaryWith(texts: readonly string[]) {
  const setup = await createdVault();
  const clock = { at: START };
  const repo = diaryOver(setup, () => new Date((clock.at += 60_000)));
  await repo.load();
  for (const text of texts) await repo.add(incident(text));
  return { ...setup, repo, clock };
}

/** The same database read afresh, as at the next unlock, the device clock reading `at`. */
async function unlockedAt(setup: Setup, at: string): Promise<DiaryRepository> {
  const repo = diaryOver(setup, () => new Date(at));
  await repo.load();
  return repo;
}

/** Deletes the rows of the newest `count` links, as someone with the device might. */
async function deleteNewest(db: DaybookDatabase, count: number): Promise<void> {
  const ids = (await db.revisions.toCollection().primaryKeys()).sort().slice(-count);
  await db.revisions.bulkDelete(ids);
}

const settings = (setup: Setup) => new EncryptedTable<unknown>(setup.db, 'settings', () => setup.session.dataKey());

const missing = (sealedSize: number, size: number, noticedAt: string): SealFinding => ({
  state: 'records-missing',
  sealedSize,
  size,
  noticedAt,
});

describe('seal findings: what a load finds is kept for good', () => {
  it('records missing survive a save: the next unlock says sealed, and the finding is still listed', async () => {
    const setup = await diaryWith(['One', 'Two', 'Three', 'Four']);
    expect(setup.repo.sealFindings()).toEqual([]);
    await deleteNewest(setup.db, 2);

    const found = await unlockedAt(setup, '2026-12-01T08:00:00.000Z');
    expect(found.sealState()).toEqual({ state: 'records-missing', sealedSize: 4, size: 2 });
    expect(found.sealFindings()).toEqual([missing(4, 2, '2026-12-01T08:00:00.000Z')]);
    await found.add(incident('Written after'));

    const later = await unlockedAt(setup, '2026-12-02T08:00:00.000Z');
    // The chain is sealed again (this load found nothing new) but what was found is not forgotten.
    expect(later.sealState()).toEqual({ state: 'sealed' });
    expect(later.sealFindings()).toEqual([missing(4, 2, '2026-12-01T08:00:00.000Z')]);
    expect(await later.verify()).toMatchObject({ ok: true, length: 3 });
  });

  it('the finding is stored at the load that found it, even if nothing is saved after', async () => {
    const setup = await diaryWith(['One', 'Two', 'Three']);
    await deleteNewest(setup.db, 1);
    await unlockedAt(setup, '2026-12-01T08:00:00.000Z');
    const again = await unlockedAt(setup, '2026-12-05T08:00:00.000Z');
    expect(again.sealState()).toEqual({ state: 'sealed' });
    expect(again.sealFindings()).toEqual([missing(3, 2, '2026-12-01T08:00:00.000Z')]);
  });

  it('every later finding is added after the earlier ones, and every write carries them all', async () => {
    const setup = await diaryWith(['One', 'Two', 'Three']);
    await deleteNewest(setup.db, 1);
    const first = await unlockedAt(setup, '2026-12-01T08:00:00.000Z');
    await first.add(incident('Three again'));
    await first.add(incident('Four'));
    await deleteNewest(setup.db, 2);
    const second = await unlockedAt(setup, '2026-12-09T08:00:00.000Z');
    expect(second.sealState()).toEqual({ state: 'records-missing', sealedSize: 4, size: 2 });
    expect(second.sealFindings()).toEqual([missing(3, 2, '2026-12-01T08:00:00.000Z'), missing(4, 2, '2026-12-09T08:00:00.000Z')]);
    for (const text of ['Five', 'Six']) await second.add(incident(text));
    const third = await unlockedAt(setup, '2026-12-10T08:00:00.000Z');
    expect(third.sealState()).toEqual({ state: 'sealed' });
    expect(third.sealFindings()).toHaveLength(2);
  });

  it('a seal removed where v2 links exist is a finding that outlives the next save', async () => {
    const setup = await diaryWith(['One', 'Two']);
    await setup.db.settings.delete(SEAL_ROW_ID);
    const found = await unlockedAt(setup, '2026-12-01T08:00:00.000Z');
    expect(found.sealState()).toEqual({ state: 'seal-invalid' });
    expect(found.sealFindings()).toEqual([{ state: 'seal-invalid', size: 2, noticedAt: '2026-12-01T08:00:00.000Z' }]);
    await found.add(incident('Three'));
    const later = await unlockedAt(setup, '2026-12-02T08:00:00.000Z');
    expect(later.sealState()).toEqual({ state: 'sealed' });
    expect(later.sealFindings()).toEqual([{ state: 'seal-invalid', size: 2, noticedAt: '2026-12-01T08:00:00.000Z' }]);
  });

  it('an altered seal row cannot erase findings without leaving one of its own', async () => {
    const setup = await diaryWith(['One', 'Two', 'Three']);
    await deleteNewest(setup.db, 1);
    await unlockedAt(setup, '2026-12-01T08:00:00.000Z');
    const row = await setup.db.settings.get(SEAL_ROW_ID);
    if (!row) throw new Error('no seal row');
    const data = new Uint8Array(row.data);
    data[3] = (data[3] ?? 0) ^ 1;
    await setup.db.settings.put({ ...row, data });
    const again = await unlockedAt(setup, '2026-12-02T08:00:00.000Z');
    expect(again.sealState()).toEqual({ state: 'seal-invalid' });
    // The row's own findings cannot be read any more; the alteration is a finding in their place.
    expect(again.sealFindings()).toEqual([{ state: 'seal-invalid', size: 2, noticedAt: '2026-12-02T08:00:00.000Z' }]);
    expect((await unlockedAt(setup, '2026-12-03T08:00:00.000Z')).sealFindings()).toHaveLength(1);
  });

  it('findings are trusted only from a row whose seal this vault made: a forged row neither erases nor adds any', async () => {
    const setup = await diaryWith(['One', 'Two', 'Three']);
    await deleteNewest(setup.db, 1);
    await unlockedAt(setup, '2026-12-01T08:00:00.000Z');
    const other = await createdVault();
    const forged = await sealChain(other.session.chainKey(), 2, setup.repo.allRecords()[1]?.link.hash ?? '');
    const invented = missing(9, 1, '2026-01-01T00:00:00.000Z');
    await settings(setup).put(SEAL_ROW_ID, { v: 2, seal: forged, findings: [invented] });
    const again = await unlockedAt(setup, '2026-12-02T08:00:00.000Z');
    expect(again.sealState()).toEqual({ state: 'seal-invalid' });
    expect(again.sealFindings()).toEqual([{ state: 'seal-invalid', size: 2, noticedAt: '2026-12-02T08:00:00.000Z' }]);
  });

  it('an older seal row put back after the chain moved on is caught, and is itself a finding', async () => {
    const setup = await diaryWith(['One', 'Two', 'Three']);
    const beforeFinding = await setup.db.settings.get(SEAL_ROW_ID);
    await deleteNewest(setup.db, 1);
    const found = await unlockedAt(setup, '2026-12-01T08:00:00.000Z');
    await found.add(incident('Written after'));
    // The row from before the finding (no findings, sealed at three links) over the new chain of three.
    if (beforeFinding) await setup.db.settings.put(beforeFinding);
    const again = await unlockedAt(setup, '2026-12-02T08:00:00.000Z');
    expect(again.sealState()).toEqual({ state: 'records-missing', sealedSize: 3, size: 3 });
    expect(again.sealFindings()).toEqual([missing(3, 3, '2026-12-02T08:00:00.000Z')]);
  });

  it('what it cannot catch: the row written just before a finding, put back over the chain it sealed, is a rollback', async () => {
    // A chain that ends at a given head is the chain as it was when that head was sealed, so this
    // row and these rows are exactly the diary as it was then: only a fingerprint held elsewhere
    // can tell. Binding the number of findings into the MAC would not help: the old row's MAC
    // covers its own number.
    const setup = await diaryWith(['One', 'Two']);
    const atTwo = await setup.db.settings.get(SEAL_ROW_ID);
    await setup.repo.add(incident('Three'));
    await deleteNewest(setup.db, 1);
    expect((await unlockedAt(setup, '2026-12-01T08:00:00.000Z')).sealFindings()).toHaveLength(1);
    if (atTwo) await setup.db.settings.put(atTwo);
    const rolledBack = await unlockedAt(setup, '2026-12-02T08:00:00.000Z');
    expect(rolledBack.sealState()).toEqual({ state: 'sealed' });
    expect(rolledBack.sealFindings()).toEqual([]);
  });

  it('if the finding cannot be stored at load, the diary still opens and the next write stores it', async () => {
    const setup = await diaryWith(['One', 'Two', 'Three']);
    await deleteNewest(setup.db, 1);
    const put = vi.spyOn(setup.db.settings, 'put').mockImplementationOnce(() => Promise.reject(new Error('disk')) as never);
    const found = await unlockedAt(setup, '2026-12-01T08:00:00.000Z');
    put.mockRestore();
    expect(found.sealState()).toEqual({ state: 'records-missing', sealedSize: 3, size: 2 });
    expect(found.snapshot().entries).toHaveLength(2);
    // A re-read in the same session finds the same and does not count it twice.
    await found.load();
    expect(found.sealFindings()).toEqual([missing(3, 2, '2026-12-01T08:00:00.000Z')]);
    await found.add(incident('Written after'));
    const later = await unlockedAt(setup, '2026-12-02T08:00:00.000Z');
    expect(later.sealState()).toEqual({ state: 'sealed' });
    expect(later.sealFindings()).toEqual([missing(3, 2, '2026-12-01T08:00:00.000Z')]);
  });

  it('a finding another tab overwrote is kept by this session and written with its next save', async () => {
    const setup = await diaryWith(['One', 'Two', 'Three']);
    await deleteNewest(setup.db, 1);
    const found = await unlockedAt(setup, '2026-12-01T08:00:00.000Z');
    // Put back a row sealing the same two links, with no findings (as a tab that knew nothing of the finding would write).
    await settings(setup).put(SEAL_ROW_ID, {
      v: 2,
      seal: await found.currentSeal(),
      findings: [],
    });
    await found.load();
    expect(found.sealFindings()).toEqual([missing(3, 2, '2026-12-01T08:00:00.000Z')]);
    await found.add(incident('Written after'));
    expect((await unlockedAt(setup, '2026-12-02T08:00:00.000Z')).sealFindings()).toEqual([missing(3, 2, '2026-12-01T08:00:00.000Z')]);
  });

  it('the seal row is as long with findings as without: its length tells nothing', async () => {
    const setup = await diaryWith(['One', 'Two', 'Three']);
    const before = await setup.db.settings.get(SEAL_ROW_ID);
    await deleteNewest(setup.db, 1);
    const found = await unlockedAt(setup, '2026-12-01T08:00:00.000Z');
    expect(found.sealFindings()).toHaveLength(1);
    const after = await setup.db.settings.get(SEAL_ROW_ID);
    expect(after?.data.length).toBe(before?.data.length);
    expect(after?.iv).not.toEqual(before?.iv);
  });
});
