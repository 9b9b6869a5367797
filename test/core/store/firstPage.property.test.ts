// Properties of the diary's sealed first page (src/core/store/diary/firstPage.ts): reading a
// decrypted page never throws and gives back only a page that reads back the same; the first
// entries are a full timeline sort cut at the page size; and the page a repository keeps up to
// date write by write is the one a full load computes.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BEHAVIOURS } from '../../../src/core/model/behaviours';
import { happenedSortKey, newestFirst } from '../../../src/core/model/happened';
import type { Incident, IncidentWhen } from '../../../src/core/model/incident';
import type { CourtOrder } from '../../../src/core/model/order';
import {
  FIRST_PAGE_SIZE,
  firstEntries,
  firstPageRow,
  parseFirstPage,
  type FirstPage,
  type FirstPageRow,
} from '../../../src/core/store/diary/firstPage';
import type { DiaryEntry } from '../../../src/core/store/diaryRepository';
import { aDiaryEntry, aQuickIncident } from '../../support/incidentFactories';
import { createdVault, diaryOver } from '../../support/vault';

// ---------------------------------------------------------------------------------------------
// Arbitraries

const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const isoArb = fc
  .date({ min: new Date('2000-01-01T00:00:00.000Z'), max: new Date('2099-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const dateArb = fc
  .date({ min: new Date('2000-01-01T00:00:00.000Z'), max: new Date('2030-12-31T00:00:00.000Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const timeArb = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

const whenArb: fc.Arbitrary<IncidentWhen> = fc.oneof(
  fc
    .record({ date: dateArb, time: fc.option(timeArb, { nil: undefined }) })
    .map(({ date, time }): IncidentWhen => (time === undefined ? { kind: 'exact', date } : { kind: 'exact', date, time })),
  fc
    .record({
      description: fc.string({ maxLength: 30 }),
      from: fc.option(dateArb, { nil: undefined }),
      to: fc.option(dateArb, { nil: undefined }),
    })
    .map(({ description, from, to }): IncidentWhen => {
      const [a, b] = from !== undefined && to !== undefined && from > to ? [to, from] : [from, to];
      return { kind: 'approximate', description, ...(a === undefined ? {} : { from: a }), ...(b === undefined ? {} : { to: b }) };
    }),
  fc
    .option(dateArb, { nil: undefined })
    .map((since): IncidentWhen => (since === undefined ? { kind: 'ongoing' } : { kind: 'ongoing', since })),
);

const rowArb: fc.Arbitrary<FirstPageRow> = fc.record({
  id: hex32,
  firstRecordedAt: isoArb,
  revisions: fc.integer({ min: 1, max: 1000 }),
  when: whenArb,
  excerpt: fc.string({ maxLength: 200, unit: 'grapheme' }),
  behaviours: fc.subarray([...BEHAVIOURS]),
  reported: fc.boolean(),
});

const pageArb: fc.Arbitrary<FirstPage> = fc
  .record({
    size: fc.nat({ max: 100_000 }),
    head: hex64,
    rows: fc.uniqueArray(rowArb, { selector: (row) => row.id, maxLength: FIRST_PAGE_SIZE, size: 'max' }),
    more: fc.nat({ max: 60_000 }),
  })
  .map(({ size, head, rows, more }) => ({ v: 1 as const, end: { size, head }, incidents: rows.length + more, rows }));

/** A page with at least one row. */
const pageWithRowsArb = fc.tuple(pageArb, rowArb).map(([page, row]) => {
  const rows = page.rows.some((r) => r.id === row.id) ? page.rows : [row, ...page.rows].slice(0, FIRST_PAGE_SIZE);
  return { ...page, incidents: Math.max(page.incidents, rows.length), rows };
});

/** A deep copy of `value` as plain JSON data. */
const copy = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/** `value` with the value at `path` replaced by `by` (or removed when `by` is DELETE). */
const DELETE = Symbol('delete');
function replacedAt(value: unknown, path: readonly (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by;
  const [key, ...rest] = path;
  if (typeof value !== 'object' || value === null || key === undefined) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [...(value as unknown[])];
    const at = Number(key);
    const next = replacedAt(out[at], rest, by);
    // An item removed from an array closes up, as in any array JSON.parse gives.
    if (next === DELETE) out.splice(at, 1);
    else out[at] = next;
    return out;
  }
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const next = replacedAt(out[key], rest, by);
  if (next === DELETE) Reflect.deleteProperty(out, key);
  else out[key] = next;
  return out;
}

/** Every path into a JSON value (objects and arrays), the root included. */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...pathsOf(item, [...at, i])));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

/** Reads `value`; whatever it gives back must read back, through JSON, as itself. */
function expectStable(value: unknown): void {
  // A throw here fails the property.
  const page = parseFirstPage(value);
  // Compared as JSON: a -0 read from anything is 0 once stored, as every stored page is.
  if (page !== null) expect(parseFirstPage(copy(page))).toEqual(copy(page));
}

// ---------------------------------------------------------------------------------------------

describe('parseFirstPage', () => {
  it('reads any valid page as itself, directly and through JSON (with a pad)', () => {
    fc.assert(
      fc.property(pageArb, (page) => {
        expect(parseFirstPage(page)).toEqual(page);
        expect(parseFirstPage(copy({ ...page, pad: '   ' }))).toEqual(page);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on anything, and what it returns reads back the same', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (value) => {
        expectStable(value);
      }),
      { numRuns: 1000 },
    );
  });

  it('a page with any one value anywhere replaced, or removed, never throws and reads back the same', () => {
    const mutated = pageWithRowsArb.chain((page) =>
      fc.tuple(fc.constant(page), fc.constantFrom(...pathsOf(copy(page))), fc.oneof(fc.anything(), fc.jsonValue(), fc.constant(DELETE))),
    );
    fc.assert(
      fc.property(mutated, ([page, path, by]) => {
        expectStable(replacedAt(copy(page), path, by));
      }),
      { numRuns: 1000 },
    );
  });

  const TOP_KEYS = ['v', 'end', 'incidents', 'rows'] as const;
  const ROW_KEYS = ['id', 'firstRecordedAt', 'revisions', 'when', 'excerpt', 'behaviours', 'reported'] as const;

  it('a page missing any key, or a row missing any key, is no page', () => {
    fc.assert(
      fc.property(pageWithRowsArb, fc.constantFrom(...TOP_KEYS), fc.constantFrom(...ROW_KEYS), fc.nat(), (page, top, key, pick) => {
        expect(parseFirstPage(replacedAt(copy(page), [top], DELETE))).toBeNull();
        expect(parseFirstPage(replacedAt(copy(page), ['end', pick % 2 === 0 ? 'size' : 'head'], DELETE))).toBeNull();
        expect(parseFirstPage(replacedAt(copy(page), ['rows', pick % page.rows.length, key], DELETE))).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  const WRONG: Record<string, readonly unknown[]> = {
    v: [2, '1', null, true, 1.5],
    end: [null, 'end', 3, [], {}],
    incidents: [-1, 1.5, '3', null, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Infinity],
    rows: [{}, 'rows', null, 1],
    size: [-1, 0.5, '1', null],
    head: ['ab', 'AB'.repeat(32), 'g'.repeat(64), 1, null],
    id: ['', 'a'.repeat(257), 7, null, ['a'.repeat(32)]],
    firstRecordedAt: ['2026-01-01', '2026-13-01T00:00:00.000Z', '2026-01-01T00:00:00Z', 1, null],
    revisions: [0, -1, 1.5, '1', null],
    when: [
      null,
      'exact',
      { kind: 'sometimes' },
      { kind: 'exact' },
      { kind: 'exact', date: '2026-02-30' },
      { kind: 'exact', date: '2026-01-01', time: '25:00' },
    ],
    excerpt: [1, null, ['text'], 'x'.repeat(1001)],
    behaviours: ['loitering', [1], ['not-a-behaviour'], null, {}],
    reported: ['yes', 1, null, {}],
  };

  it('a page with a value of the wrong type or form anywhere is no page', () => {
    const where = (key: string, rowIndex: number): (string | number)[] =>
      (TOP_KEYS as readonly string[]).includes(key) ? [key] : key === 'size' || key === 'head' ? ['end', key] : ['rows', rowIndex, key];
    fc.assert(
      fc.property(pageWithRowsArb, fc.constantFrom(...Object.keys(WRONG)), fc.nat(), fc.nat(), (page, key, pick, row) => {
        const choices = WRONG[key] ?? [];
        const bad = choices[pick % choices.length];
        expect(parseFirstPage(replacedAt(copy(page), where(key, row % page.rows.length), bad))).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('more rows than a page holds, two rows of one id, or more rows than incidents is no page', () => {
    fc.assert(
      fc.property(pageWithRowsArb, fc.array(rowArb, { minLength: FIRST_PAGE_SIZE + 1, maxLength: FIRST_PAGE_SIZE + 5 }), (page, many) => {
        const unique = [...new Map(many.map((row) => [row.id, row])).values()];
        if (unique.length > FIRST_PAGE_SIZE) expect(parseFirstPage({ ...page, incidents: 10_000, rows: unique })).toBeNull();
        const [first] = page.rows;
        if (first) {
          const twin = { ...first, excerpt: `${first.excerpt} again` };
          const rows = [...page.rows, twin].slice(-FIRST_PAGE_SIZE);
          if (rows.includes(first)) expect(parseFirstPage({ ...page, incidents: 10_000, rows })).toBeNull();
          expect(parseFirstPage({ ...page, incidents: page.rows.length - 1 })).toBeNull();
        }
        // The same page is read as soon as it is well-formed again.
        expect(parseFirstPage({ ...page, incidents: page.rows.length })).toEqual({ ...page, incidents: page.rows.length });
      }),
      { numRuns: 200 },
    );
  });

  it('a rows array with a hole in it is no page (it would hand out an undefined row)', () => {
    fc.assert(
      fc.property(pageWithRowsArb, fc.nat(), (page, pick) => {
        const rows: FirstPageRow[] = [...page.rows];
        // A hole, not an undefined item: map, some and every pass over it.
        Reflect.deleteProperty(rows, pick % rows.length);
        const parsed = parseFirstPage({ ...page, rows });
        expect(parsed?.rows.every((row) => typeof row === 'object') ?? true).toBe(true);
        expect(parsed).toBeNull();
      }),
      { numRuns: 50 },
    );
  });

  it('never runs a getter or takes an inherited value', () => {
    fc.assert(
      fc.property(pageArb, (page) => {
        const inherited = Object.create(page) as unknown;
        expect(parseFirstPage(inherited)).toBeNull();
        const withGetter = { ...page };
        Object.defineProperty(withGetter, 'rows', {
          enumerable: true,
          get() {
            throw new Error('getter ran');
          },
        });
        expect(parseFirstPage(withGetter)).toBeNull();
      }),
      { numRuns: 50 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

/** The timeline's order computed the plain way: every entry ranked, sorted whole, cut at `size`. */
function sortedWhole(entries: readonly DiaryEntry[], size = FIRST_PAGE_SIZE): DiaryEntry[] {
  return entries
    .map((entry) => ({ sortKey: happenedSortKey(entry.incident.when, entry.firstRecordedAt), entry }))
    .sort(newestFirst)
    .slice(0, size)
    .map((item) => item.entry);
}

describe('firstEntries', () => {
  // Few dates, few recording times and few ids, so ties at every level of the order are common.
  const fewDates = fc.constantFrom('2026-01-01', '2026-01-02', '2026-01-03');
  const fewWhen: fc.Arbitrary<IncidentWhen> = fc.oneof(
    fc
      .record({ date: fewDates, time: fc.option(fc.constantFrom('09:00', '18:30'), { nil: undefined }) })
      .map(({ date, time }): IncidentWhen => (time === undefined ? { kind: 'exact', date } : { kind: 'exact', date, time })),
    fc.constant<IncidentWhen>({ kind: 'approximate', description: 'last winter' }),
    fc
      .option(fewDates, { nil: undefined })
      .map((since): IncidentWhen => (since === undefined ? { kind: 'ongoing' } : { kind: 'ongoing', since })),
    whenArb,
  );
  const entryArb = fc
    .record({
      when: fewWhen,
      firstRecordedAt: fc.oneof(fc.constantFrom('2026-01-02T10:00:00.000Z', '2026-01-02T23:30:00.000Z'), isoArb),
      id: fc.oneof(fc.constantFrom('a'.repeat(32), 'b'.repeat(32)), hex32),
      text: fc.string({ maxLength: 10 }),
    })
    .map(({ when, firstRecordedAt, id, text }) => aDiaryEntry(aQuickIncident({ when, whatHappened: text }), { id, firstRecordedAt }));

  it('is a whole timeline sort cut at the page size, the same entries in the same order (ties kept in the order given)', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 80, size: 'max' }), (entries) => {
        const got = firstEntries(entries);
        const want = sortedWhole(entries);
        expect(got.map((entry) => entries.indexOf(entry))).toEqual(want.map((entry) => entries.indexOf(entry)));
      }),
      { numRuns: 500 },
    );
  });

  it('is a whole sort cut at any size, read from any iterable', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 50, size: 'max' }), fc.integer({ min: 0, max: 55 }), (entries, size) => {
        const got = firstEntries(new Set(entries).values(), size);
        expect(got.map((entry) => entries.indexOf(entry))).toEqual(sortedWhole(entries, size).map((entry) => entries.indexOf(entry)));
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

const order = (title: string): CourtOrder => ({
  type: 'order',
  kind: 'non-molestation',
  title,
  court: 'Family Court at Bristol',
  madeOn: '2026-09-14',
  attachments: [],
  conditions: [{ id: 'near', text: 'Must not go within 100 metres of 12 Station Road' }],
});

// A few days, so many incidents share one and the order falls to when each was written down.
const opDate = fc.constantFrom(
  '2026-02-01',
  '2026-02-02',
  '2026-02-03',
  '2026-02-04',
  '2026-02-05',
  '2026-02-06',
  '2025-06-30',
  '2027-01-01',
);
const opWhen: fc.Arbitrary<IncidentWhen> = fc
  .record({ date: opDate, time: fc.option(fc.constantFrom('07:15', '12:00', '23:59'), { nil: undefined }) })
  .map(({ date, time }): IncidentWhen => (time === undefined ? { kind: 'exact', date } : { kind: 'exact', date, time }));
const textArb = fc.string({ minLength: 1, maxLength: 12 });

type Op =
  | { op: 'add'; when: IncidentWhen; text: string }
  | { op: 'edit'; pick: number; when: IncidentWhen; text: string }
  | { op: 'remove'; pick: number }
  | { op: 'addOrder'; text: string }
  | { op: 'editOrder'; pick: number; text: string }
  | { op: 'removeOrder'; pick: number }
  | { op: 'reload' };

const addArb = fc.record({ op: fc.constant('add' as const), when: opWhen, text: textArb });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: addArb, weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('edit' as const), pick: fc.nat(), when: opWhen, text: textArb }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('addOrder' as const), text: textArb }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('editOrder' as const), pick: fc.nat(), text: textArb }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('removeOrder' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.constant({ op: 'reload' as const }), weight: 1 },
);

const incidentOf = (when: IncidentWhen, text: string): Incident => aQuickIncident({ when, whatHappened: text });

const expectedPage = (entries: readonly DiaryEntry[]) => ({ incidents: entries.length, rows: sortedWhole(entries).map(firstPageRow) });

describe('the page kept write by write is the one a full load computes', () => {
  it('for random adds, edits and removals of incidents and orders', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(addArb, { maxLength: 34, size: 'max' }),
        fc.array(opArb, { minLength: 1, maxLength: 45, size: 'max' }),
        async (start, ops) => {
          const setup = await createdVault();
          let clock = Date.parse('2026-03-01T08:00:00Z');
          const now = () => new Date((clock += 60_000));
          let repo = diaryOver(setup, now);
          await repo.load();
          for (const item of [...start, ...ops]) {
            const { entries, orders } = repo.snapshot();
            const live = entries.map((entry) => entry.id).sort();
            const liveOrders = orders.map((entry) => entry.id).sort();
            switch (item.op) {
              case 'add':
                await repo.add(incidentOf(item.when, item.text));
                break;
              case 'edit':
                if (live.length) await repo.edit(live[item.pick % live.length] ?? '', incidentOf(item.when, item.text));
                break;
              case 'remove':
                if (live.length) await repo.remove(live[item.pick % live.length] ?? '');
                break;
              case 'addOrder':
                await repo.addOrder(order(item.text));
                break;
              case 'editOrder':
                if (liveOrders.length) await repo.editOrder(liveOrders[item.pick % liveOrders.length] ?? '', order(item.text));
                break;
              case 'removeOrder':
                if (liveOrders.length) await repo.remove(liveOrders[item.pick % liveOrders.length] ?? '');
                break;
              case 'reload':
                repo = diaryOver(setup, now);
                await repo.load();
                break;
            }
            // After every write: the stored page (as the next unlock reads it) against the diary in memory.
            const page = await diaryOver(setup).firstPage();
            const { links } = repo.snapshot();
            expect(page).toMatchObject(expectedPage(repo.snapshot().entries));
            expect(page?.end.size).toBe(links.length);
            if (links.length) expect(page?.end.head).toBe(links.at(-1)?.hash);
          }
          // At the end: against a full load on a new repository (read first: a load may store a page).
          const shown = await diaryOver(setup).firstPage();
          const fresh = diaryOver(setup);
          const snapshot = await fresh.load();
          expect(shown).toMatchObject({ incidents: snapshot.entries.length, rows: firstEntries(snapshot.entries).map(firstPageRow) });
          expect(shown?.rows.length).toBe(Math.min(FIRST_PAGE_SIZE, snapshot.entries.length));
        },
      ),
      { numRuns: 15, endOnFailure: true },
    );
  }, 300_000);
});
