// The diary's sealed first page (src/core/store/diary/firstPage.ts): written with every change,
// equal to what a full load computes, shown at unlock only when the seal vouches for the chain end
// it was written at, stored again by load() when it is missing or stale, never holding plaintext.

import { describe, expect, it, vi } from 'vitest';
import type { Incident, IncidentWhen } from '../../../src/core/model/incident';
import type { CourtOrder } from '../../../src/core/model/order';
import type { DaybookDatabase } from '../../../src/core/store/db';
import {
  FIRST_PAGE_BYTES,
  FIRST_PAGE_ROW_ID,
  FIRST_PAGE_SIZE,
  firstEntries,
  firstPageRow,
  fitFirstPage,
} from '../../../src/core/store/diary/firstPage';
import { DiaryStorage } from '../../../src/core/store/diary/storage';
import { SEAL_ROW_ID } from '../../../src/core/store/diary/seal';
import type { DiaryRepository, FirstPage } from '../../../src/core/store/diaryRepository';
import { EncryptedTable } from '../../../src/core/store/encryptedTable';
import { StorageError } from '../../../src/core/store/storageErrors';
import type { VaultSession } from '../../../src/core/vault/session';
import { writeV1Diary } from '../../support/beforeSealing';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault, diaryOver } from '../../support/vault';
import { dumpDatabase, rejectionOf } from '../backup/backupFixture';

type Setup = { db: DaybookDatabase; session: VaultSession };

const exact = (date: string, time?: string): IncidentWhen => (time === undefined ? { kind: 'exact', date } : { kind: 'exact', date, time });

/** An incident that happened on `date` (YYYY-MM-DD), with `text` as what happened. */
const on = (date: string, text: string, fields: Partial<Incident> = {}): Incident =>
  aQuickIncident({ when: exact(date), whatHappened: text, behaviours: ['loitering'], ...fields });

const order = (fields: Partial<CourtOrder> = {}): CourtOrder => ({
  type: 'order',
  kind: 'non-molestation',
  title: 'Interim order, Family Court at Bristol',
  court: 'Family Court at Bristol',
  madeOn: '2026-09-14',
  attachments: [],
  conditions: [{ id: 'near', text: 'Must not go within 100 metres of 12 Station Road' }],
  ...fields,
});

/** The day `n` days after 1 January 2026, as YYYY-MM-DD. */
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** A new vault's diary, loaded, whose clock moves on a minute at every link. */
async function diary() {
  const setup = await createdVault();
  let clock = Date.parse('2026-11-22T10:00:00Z');
  const repo = diaryOver(setup, () => new Date((clock += 60_000)));
  await repo.load();
  return { ...setup, repo };
}

/** The page a new repository (as at the next unlock) shows before reading the diary. */
const pageAtUnlock = (setup: Setup): Promise<FirstPage | null> => diaryOver(setup).firstPage();

/** What the page must say: computed from a full load of the diary on another new repository. */
async function fullLoadPage(setup: Setup): Promise<{ repo: DiaryRepository; page: FirstPage }> {
  const repo = diaryOver(setup);
  const snapshot = await repo.load();
  const last = snapshot.links.at(-1);
  const page: FirstPage = {
    v: 1,
    end: { size: snapshot.links.length, head: last?.hash ?? '0'.repeat(64) },
    incidents: snapshot.entries.length,
    rows: firstEntries(snapshot.entries).map(firstPageRow),
  };
  return { repo, page };
}

/** Reads the page at unlock first (a full load may store a fresh one), then checks it against a full load. */
async function expectPageCurrent(setup: Setup): Promise<FirstPage> {
  const shown = await pageAtUnlock(setup);
  const { page } = await fullLoadPage(setup);
  expect(shown).toEqual(page);
  return page;
}

const pageTable = (setup: Setup) => new EncryptedTable<unknown>(setup.db, 'settings', () => setup.session.dataKey());

async function storedRow(db: DaybookDatabase, id: string) {
  const row = await db.settings.get(id);
  if (!row) throw new Error(`no ${id} row`);
  return row;
}

/** Whether `needle` occurs in `haystack`, byte for byte. */
function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('the first page follows every write', () => {
  it('a new vault has an empty page from its creation, shown before any load, and still shown after one', async () => {
    const setup = await createdVault();
    const empty = { v: 1, end: { size: 0, head: '0'.repeat(64) }, incidents: 0, rows: [] };
    expect(await setup.db.settings.get(FIRST_PAGE_ROW_ID)).toBeDefined();
    expect(await pageAtUnlock(setup)).toEqual(empty);
    await diaryOver(setup).load();
    expect(await pageAtUnlock(setup)).toEqual(empty);
  });

  it('after adds, edits and deletes of incidents and orders, the page is what a full load computes, and holds no order', async () => {
    const setup = await diary();
    const { repo } = setup;
    const a = await repo.add(on('2026-03-04', 'Car parked outside again'));
    const orderId = await repo.addOrder(order());
    const b = await repo.add(on('2026-05-01', 'Phone call from a withheld number', { reported: { reported: true } }));
    const c = await repo.add(on('2026-01-20', 'Letter through the door'));
    await repo.editOrder(orderId, order({ title: 'Final order' }));
    await repo.edit(a, on('2026-03-04', 'Car parked outside again, engine running', { behaviours: ['loitering', 'turning-up'] }));
    const otherOrder = await repo.addOrder(order({ court: 'Cardiff Family Court' }));
    await repo.remove(c);
    const d = await repo.add(on('2026-05-01', 'Same day as the call: flowers left on the step'));
    await repo.remove(otherOrder);
    await repo.edit(b, on('2025-12-31', 'Phone call from a withheld number (re-dated)'));
    const page = await expectPageCurrent(setup);
    expect(page.incidents).toBe(3);
    expect(page.rows.map((row) => row.id)).toEqual([d, a, b]);
    expect(page.rows.map((row) => row.revisions)).toEqual([1, 2, 2]);
    expect(page.rows[1]).toMatchObject({ excerpt: 'Car parked outside again, engine running', behaviours: ['turning-up', 'loitering'] });
    expect(page.rows.some((row) => row.id === orderId || row.id === otherOrder)).toBe(false);
    // One order is still live, yet the count is of incidents alone.
    expect(repo.snapshot().orders).toHaveLength(1);
  });

  it('the page holds the first incidents (a page’s worth) in timeline order, not in write order, and counts every incident', async () => {
    const setup = await diary();
    // 40 incidents on days written in a shuffled order (a fixed permutation), with ties on one day.
    const order40 = Array.from({ length: 40 }, (_, i) => (i * 17) % 40);
    for (const n of order40) await setup.repo.add(on(day(n % 35), `Incident ${n}`));
    const page = await expectPageCurrent(setup);
    expect(page.incidents).toBe(40);
    expect(page.rows).toHaveLength(FIRST_PAGE_SIZE);
    // Newest day first.
    expect(page.rows[0]?.when).toEqual(exact(day(34)));
    const dates = page.rows.map((row) => (row.when.kind === 'exact' ? row.when.date : ''));
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('deleting an incident on a full page brings the next one up', async () => {
    const setup = await diary();
    for (let n = 0; n < 35; n += 1) await setup.repo.add(on(day((n * 11) % 35), `Incident ${n}`));
    const before = await expectPageCurrent(setup);
    const top = before.rows[0]?.id ?? '';
    await setup.repo.remove(top);
    const after = await expectPageCurrent(setup);
    expect(after.incidents).toBe(34);
    expect(after.rows).toHaveLength(FIRST_PAGE_SIZE);
    expect(after.rows.map((row) => row.id)).not.toContain(top);
    expect(after.rows.slice(0, FIRST_PAGE_SIZE - 1)).toEqual(before.rows.slice(1));
  });

  it('re-dating an incident on a full page to long ago brings the next one up', async () => {
    const setup = await diary();
    for (let n = 0; n < 35; n += 1) await setup.repo.add(on(day((n * 11) % 35), `Incident ${n}`));
    const before = await expectPageCurrent(setup);
    const top = before.rows[0]?.id ?? '';
    await setup.repo.edit(top, on('1999-01-01', 'Re-dated: it was long ago'));
    const after = await expectPageCurrent(setup);
    expect(after.incidents).toBe(35);
    expect(after.rows).toHaveLength(FIRST_PAGE_SIZE);
    expect(after.rows.map((row) => row.id)).not.toContain(top);
  });

  it('re-dating an incident below the page into the future brings it onto the page first', async () => {
    const setup = await diary();
    const ids: string[] = [];
    for (let n = 0; n < 33; n += 1) ids.push(await setup.repo.add(on(day(n), `Incident ${n}`)));
    const oldest = ids[0] ?? '';
    await setup.repo.edit(oldest, on('2030-01-01', 'Re-dated into the future'));
    const page = await expectPageCurrent(setup);
    expect(page.rows[0]).toMatchObject({ id: oldest, revisions: 2, excerpt: 'Re-dated into the future' });
    expect(page.rows).toHaveLength(FIRST_PAGE_SIZE);
  });

  it('with fewer incidents than a page holds, deletes shrink the page to every incident left', async () => {
    const setup = await diary();
    const ids: string[] = [];
    for (let n = 0; n < 5; n += 1) ids.push(await setup.repo.add(on(day(n), `Incident ${n}`)));
    for (const id of ids.slice(0, 4)) await setup.repo.remove(id);
    const page = await expectPageCurrent(setup);
    expect(page.incidents).toBe(1);
    expect(page.rows.map((row) => row.id)).toEqual([ids[4]]);
    await setup.repo.remove(ids[4] ?? '');
    expect(await expectPageCurrent(setup)).toMatchObject({ incidents: 0, rows: [] });
  });

  it('a row shows the start of what happened, never the whole text or the other fields', async () => {
    const setup = await diary();
    const long = `${'Walked past the house and stopped at the gate. '.repeat(10)}SECRET-TAIL`;
    await setup.repo.add(on('2026-02-02', long, { where: 'WHERE-FIELD', whoDidIt: 'WHO-FIELD', privateNotes: 'PRIVATE-NOTE' }));
    const stored = JSON.stringify(await pageTable(setup).get(FIRST_PAGE_ROW_ID));
    const page = await expectPageCurrent(setup);
    expect(page.rows[0]?.excerpt.endsWith('…')).toBe(true);
    expect(Array.from(page.rows[0]?.excerpt ?? '').length).toBeLessThanOrEqual(161);
    for (const text of ['SECRET-TAIL', 'WHERE-FIELD', 'WHO-FIELD', 'PRIVATE-NOTE']) expect(stored).not.toContain(text);
  });
});

describe('the page is not shown unless the seal vouches for it', () => {
  it('a diary written before pages (no page row) shows none; load() opens it and stores one', async () => {
    const setup = await diary();
    for (let n = 0; n < 3; n += 1) await setup.repo.add(on(day(n), `Incident ${n}`));
    await setup.db.settings.delete(FIRST_PAGE_ROW_ID);
    expect(await pageAtUnlock(setup)).toBeNull();
    const { repo } = await fullLoadPage(setup);
    expect(repo.snapshot().entries).toHaveLength(3);
    expect(repo.sealState()).toEqual({ state: 'sealed' });
    expect(await setup.db.settings.get(FIRST_PAGE_ROW_ID)).toBeDefined();
    await expectPageCurrent(setup);
  });

  it('a version 1 diary (no seal, no page) shows none; the first load seals it and stores a page that is then shown', async () => {
    const setup = await createdVault();
    // Its entry ids ("v1-entry-0") are not 32 hex digits: the chain takes any id of 1 to 256
    // characters, so the page must show whatever ids the diary holds.
    await writeV1Diary(setup, ['Old one', 'Old two']);
    expect(await pageAtUnlock(setup)).toBeNull();
    const { repo } = await fullLoadPage(setup);
    expect(repo.sealState()).toEqual({ state: 'sealed-from-now' });
    const page = await expectPageCurrent(setup);
    expect(page.incidents).toBe(2);
  });

  it('an older page put back shows none; load() stores the current one', async () => {
    const setup = await diary();
    await setup.repo.add(on(day(1), 'One'));
    const older = await storedRow(setup.db, FIRST_PAGE_ROW_ID);
    await setup.repo.add(on(day(2), 'Two'));
    await setup.db.settings.put(older);
    expect(await pageAtUnlock(setup)).toBeNull();
    const { repo } = await fullLoadPage(setup);
    expect(repo.snapshot().entries).toHaveLength(2);
    const page = await expectPageCurrent(setup);
    expect(page.rows.map((row) => row.excerpt)).toEqual(['Two', 'One']);
  });

  it('an older seal put back shows none; load() finds the seal invalid, seals again, and the page shows again', async () => {
    const setup = await diary();
    await setup.repo.add(on(day(1), 'One'));
    const older = await storedRow(setup.db, SEAL_ROW_ID);
    await setup.repo.add(on(day(2), 'Two'));
    await setup.db.settings.put(older);
    expect(await pageAtUnlock(setup)).toBeNull();
    const { repo } = await fullLoadPage(setup);
    expect(repo.sealState()).toEqual({ state: 'seal-invalid' });
    expect(repo.snapshot().entries).toHaveLength(2);
    expect((await expectPageCurrent(setup)).incidents).toBe(2);
  });

  it('an older seal and page put back together over a longer chain show none', async () => {
    const setup = await diary();
    await setup.repo.add(on(day(1), 'One'));
    const seal = await storedRow(setup.db, SEAL_ROW_ID);
    const page = await storedRow(setup.db, FIRST_PAGE_ROW_ID);
    await setup.repo.add(on(day(2), 'Two'));
    await setup.db.settings.bulkPut([seal, page]);
    expect(await pageAtUnlock(setup)).toBeNull();
    const { repo } = await fullLoadPage(setup);
    expect(repo.sealState()).toEqual({ state: 'seal-invalid' });
    expect((await expectPageCurrent(setup)).rows.map((row) => row.excerpt)).toEqual(['Two', 'One']);
  });

  it('a chain of the sealed length that ends at another link shows none (seal and page put back over it)', async () => {
    const setup = await diary();
    await setup.repo.add(on(day(1), 'One'));
    const atOne = await dumpDatabase(setup.db);
    await setup.repo.add(on(day(2), 'Two, sealed'));
    const seal = await storedRow(setup.db, SEAL_ROW_ID);
    const page = await storedRow(setup.db, FIRST_PAGE_ROW_ID);
    await setup.db.revisions.clear();
    await setup.db.revisions.bulkPut(atOne.revisions as never);
    const other = diaryOver(setup, () => new Date('2026-12-01T10:00:00Z'));
    await other.load();
    await other.add(on(day(3), 'Two, written instead'));
    await setup.db.settings.bulkPut([seal, page]);
    expect(await pageAtUnlock(setup)).toBeNull();
    const { repo } = await fullLoadPage(setup);
    expect(repo.sealState()).toMatchObject({ state: 'records-missing' });
    expect((await expectPageCurrent(setup)).rows.map((row) => row.excerpt)).toEqual(['Two, written instead', 'One']);
  });

  it('the last revision row deleted shows none; load() finds records missing and stores the page of what is left', async () => {
    const setup = await diary();
    for (let n = 0; n < 4; n += 1) await setup.repo.add(on(day(n), `Incident ${n}`));
    const ids = (await setup.db.revisions.toCollection().primaryKeys()).sort();
    await setup.db.revisions.delete(ids.at(-1) ?? '');
    expect(await pageAtUnlock(setup)).toBeNull();
    const { repo } = await fullLoadPage(setup);
    expect(repo.sealState()).toEqual({ state: 'records-missing', sealedSize: 4, size: 3 });
    const page = await expectPageCurrent(setup);
    expect(page).toMatchObject({ incidents: 3, end: { size: 3 } });
    expect(page.rows.map((row) => row.excerpt)).toEqual(['Incident 2', 'Incident 1', 'Incident 0']);
  });

  it('a page row whose bytes were altered (it no longer decrypts) shows none; load() opens the diary and stores a new one', async () => {
    const setup = await diary();
    await setup.repo.add(on(day(1), 'One'));
    const row = await storedRow(setup.db, FIRST_PAGE_ROW_ID);
    const data = new Uint8Array(row.data);
    data[5] = (data[5] ?? 0) ^ 0x40;
    await setup.db.settings.put({ ...row, data });
    expect(await pageAtUnlock(setup)).toBeNull();
    const { repo } = await fullLoadPage(setup);
    expect(repo.snapshot().entries).toHaveLength(1);
    expect(repo.sealState()).toEqual({ state: 'sealed' });
    expect((await expectPageCurrent(setup)).rows.map((row) => row.excerpt)).toEqual(['One']);
  });

  it('a page that decrypts but does not read (written under the right key, wrong shape) shows none; load() replaces it', async () => {
    const setup = await diary();
    await setup.repo.add(on(day(1), 'One'));
    const stored = (await pageTable(setup).get(FIRST_PAGE_ROW_ID)) as FirstPage;
    await pageTable(setup).put(FIRST_PAGE_ROW_ID, { ...stored, incidents: -1 });
    expect(await pageAtUnlock(setup)).toBeNull();
    await fullLoadPage(setup);
    await expectPageCurrent(setup);
  });

  it('the empty page a vault from before pages is given (ensureFirstPage) over a diary with incidents is not shown; load() replaces it', async () => {
    const setup = await diary();
    for (let n = 0; n < 3; n += 1) await setup.repo.add(on(day(n), `Incident ${n}`));
    await setup.db.settings.delete(FIRST_PAGE_ROW_ID);
    const storage = new DiaryStorage(
      setup.db,
      () => setup.session.dataKey(),
      () => setup.session.chainKey(),
    );
    await storage.ensureFirstPage();
    expect(await pageTable(setup).get(FIRST_PAGE_ROW_ID)).toMatchObject({ end: { size: 0 }, incidents: 0, rows: [] });
    expect(await pageAtUnlock(setup)).toBeNull();
    await fullLoadPage(setup);
    const page = await expectPageCurrent(setup);
    expect(page.incidents).toBe(3);
    // A page that exists is left as it is.
    const row = await storedRow(setup.db, FIRST_PAGE_ROW_ID);
    await storage.ensureFirstPage();
    expect(await storedRow(setup.db, FIRST_PAGE_ROW_ID)).toEqual(row);
  });

  it('a current page is not written again at load', async () => {
    const setup = await diary();
    await setup.repo.add(on(day(1), 'One'));
    const row = await storedRow(setup.db, FIRST_PAGE_ROW_ID);
    await fullLoadPage(setup);
    // A fresh encryption has a fresh IV: the same IV means the same row was left in place.
    expect((await storedRow(setup.db, FIRST_PAGE_ROW_ID)).iv).toEqual(row.iv);
  });
});

describe('the stored page holds no plaintext and says only roughly how much it holds', () => {
  it('the text of what happened is not in the row’s bytes', async () => {
    const setup = await diary();
    const text = 'Dywedodd ei fod yn gwybod ble rwy’n gweithio — zażółć gęślą jaźń';
    await setup.repo.add(on(day(1), text));
    const page = await pageAtUnlock(setup);
    expect(page?.rows[0]?.excerpt).toBe(text);
    const row = await storedRow(setup.db, FIRST_PAGE_ROW_ID);
    const bytes = new Uint8Array(row.data);
    const utf8 = new TextEncoder().encode(text);
    expect(containsBytes(bytes, utf8)).toBe(false);
    expect(containsBytes(bytes, new TextEncoder().encode('Dywedodd'))).toBe(false);
    // The check itself can find what is there.
    expect(containsBytes(new Uint8Array([1, ...utf8, 2]), utf8)).toBe(true);
  });

  it('every page row has the same length, whatever it holds: empty, one short incident, a full page of long ones', async () => {
    const rowLength = async (setup: Setup) => new Uint8Array((await storedRow(setup.db, FIRST_PAGE_ROW_ID)).data).length;
    const empty = await diary();
    const short = await diary();
    await short.repo.add(on(day(1), 'Hi'));
    const full = await diary();
    for (let n = 0; n < FIRST_PAGE_SIZE + 3; n += 1)
      await full.repo.add(
        on(day(n), `${'Another long account, every word of it mine: 😡 ✉ ‼ '.repeat(8)}${n}`, {
          when: { kind: 'approximate', description: `Some time in ${'the long cold winter '.repeat(12)}`, from: day(n) },
          behaviours: ['following', 'turning-up', 'loitering', 'contact-text', 'threats', 'other'],
        }),
      );
    expect((await pageAtUnlock(full))?.rows).toHaveLength(FIRST_PAGE_SIZE);
    // AES-GCM adds its 16-byte tag to the padded JSON.
    for (const setup of [empty, short, full]) expect(await rowLength(setup)).toBe(FIRST_PAGE_BYTES + 16);
    const json = JSON.stringify(await pageTable(full).get(FIRST_PAGE_ROW_ID));
    expect(new TextEncoder().encode(json).length).toBe(FIRST_PAGE_BYTES);
  });

  it('an approximate date’s description is cut as what happened is', async () => {
    const setup = await diary();
    const description = `${'Around the time the clocks went back, '.repeat(10)}DESCRIPTION-TAIL`;
    await setup.repo.add(on(day(1), 'One', { when: { kind: 'approximate', description } }));
    const page = await expectPageCurrent(setup);
    const when = page.rows[0]?.when;
    expect(when?.kind === 'approximate' && when.description.endsWith('…')).toBe(true);
    expect(JSON.stringify(await pageTable(setup).get(FIRST_PAGE_ROW_ID))).not.toContain('DESCRIPTION-TAIL');
  });
});

describe('fitFirstPage', () => {
  const row = (n: number, text: string) => firstPageRow({ ...aDiaryEntryOf(n), incident: on(day(n), text) });
  const aDiaryEntryOf = (n: number) => ({
    id: n.toString(16).padStart(32, '0'),
    firstRecordedAt: '2026-03-01T10:00:00.000Z',
    lastRecordedAt: '2026-03-01T10:00:00.000Z',
    revisions: 1,
  });

  it('leaves a page that fits as it is', () => {
    const page: FirstPage = { v: 1, end: { size: 3, head: 'ab'.repeat(32) }, incidents: 3, rows: [row(1, 'One'), row(2, 'Two')] };
    expect(fitFirstPage(page)).toBe(page);
  });

  it('cuts rows from the end of a page too long to pad, keeping the first in order and the count', () => {
    // Rows far longer than any excerpt, so a few of them overflow the fixed length.
    const rows = Array.from({ length: FIRST_PAGE_SIZE }, (_, n) => ({ ...row(n, ''), excerpt: `${n} ${'\u0001'.repeat(1000)}` }));
    const page: FirstPage = { v: 1, end: { size: 40, head: 'cd'.repeat(32) }, incidents: 40, rows };
    const fitted = fitFirstPage(page);
    expect(fitted.rows.length).toBeGreaterThan(0);
    expect(fitted.rows.length).toBeLessThan(rows.length);
    expect(fitted.rows).toEqual(rows.slice(0, fitted.rows.length));
    expect(fitted).toMatchObject({ v: 1, end: page.end, incidents: 40 });
    expect(new TextEncoder().encode(JSON.stringify({ ...fitted, pad: '' })).length).toBeLessThanOrEqual(FIRST_PAGE_BYTES);
    // One more row would not have fitted.
    const oneMore = { ...fitted, rows: rows.slice(0, fitted.rows.length + 1), pad: '' };
    expect(new TextEncoder().encode(JSON.stringify(oneMore)).length).toBeGreaterThan(FIRST_PAGE_BYTES - 64);
  });
});

describe('a failed write leaves the page as it was', () => {
  it('when storing the seal fails, the old page stays and is still shown (it agrees with the old seal)', async () => {
    const setup = await diary();
    await setup.repo.add(on(day(1), 'One'));
    const before = await pageAtUnlock(setup);
    const rowBefore = await storedRow(setup.db, FIRST_PAGE_ROW_ID);
    const put = vi
      .spyOn(setup.db.settings, 'put')
      .mockImplementationOnce(() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never);
    const error = await rejectionOf(setup.repo.add(on(day(2), 'Two')));
    put.mockRestore();
    expect(error).toBeInstanceOf(StorageError);
    expect(before).not.toBeNull();
    expect(await storedRow(setup.db, FIRST_PAGE_ROW_ID)).toEqual(rowBefore);
    expect(await pageAtUnlock(setup)).toEqual(before);
    // The diary in memory did not take the failed write's page: the next write's page is right.
    await setup.repo.add(on(day(3), 'Three'));
    expect((await expectPageCurrent(setup)).rows.map((row) => row.excerpt)).toEqual(['Three', 'One']);
  });

  it('when storing the page itself fails, nothing of the write is kept and the old page is still shown', async () => {
    const setup = await diary();
    const id = await setup.repo.add(on(day(1), 'One'));
    const before = await pageAtUnlock(setup);
    const dump = await dumpDatabase(setup.db);
    const settings = setup.db.settings;
    const original = settings.put.bind(settings);
    // The write puts the seal, then the page: the second put fails.
    const put = vi
      .spyOn(settings, 'put')
      .mockImplementationOnce((...args: Parameters<typeof settings.put>) => original(...args))
      .mockImplementationOnce(() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never);
    const error = await rejectionOf(setup.repo.edit(id, on(day(5), 'One, edited')));
    put.mockRestore();
    expect(error).toBeInstanceOf(StorageError);
    expect(await dumpDatabase(setup.db)).toEqual(dump);
    expect(await pageAtUnlock(setup)).toEqual(before);
    await setup.repo.remove(id);
    expect(await expectPageCurrent(setup)).toMatchObject({ incidents: 0, rows: [] });
  });
});
