import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { happenedOn, happenedSpan, recordedOn } from '../../../src/core/model/happened';
import {
  activeFilterCount,
  dateRange,
  filterTimeline,
  isFiltering,
  NO_FILTER,
  type TimelineFilter,
} from '../../../src/core/diary/timelineFilter';
import { buildTimelineIndex, type FoldCache } from '../../../src/core/diary/timelineIndex';
import { timelineRows } from '../../../src/core/diary/timelineRows';
import { BEHAVIOURS } from '../../../src/core/model/behaviours';
import { incidentArb } from '../model/incidentArbitrary';
import { entry } from './entries';

const ids = (items: { entry: { id: string } }[]) => items.map((item) => item.entry.id);

describe('when it happened', () => {
  it('uses the date typed, else the range, else the day it was written down', () => {
    const recorded = '2026-05-20T12:00:00.000Z';
    expect(happenedOn({ kind: 'exact', date: '2026-01-02', time: '10:00' }, recorded)).toBe('2026-01-02');
    expect(happenedOn({ kind: 'approximate', description: 'spring', to: '2026-04-30' }, recorded)).toBe('2026-04-30');
    expect(happenedOn({ kind: 'approximate', description: 'a while ago' }, recorded)).toBe(recordedOn(recorded));
    expect(happenedOn({ kind: 'ongoing' }, recorded)).toBe(recordedOn(recorded));
    expect(happenedSpan({ kind: 'ongoing', since: '2025-01-01' }, recorded)).toEqual({ start: '2025-01-01', end: '9999-12-31' });
    expect(happenedSpan({ kind: 'approximate', description: '', from: '2026-03-09', to: '2026-03-01' }, recorded)).toEqual({
      start: '2026-03-01',
      end: '2026-03-09',
    });
  });
});

describe('timeline index', () => {
  it('is newest first by when it happened, then by time, then by when written down', () => {
    const a = entry({ when: { kind: 'exact', date: '2026-03-01', time: '09:00' } }, { id: 'a' });
    const b = entry({ when: { kind: 'exact', date: '2026-03-01', time: '21:00' } }, { id: 'b' });
    const c = entry({ when: { kind: 'exact', date: '2026-02-14' } }, { id: 'c', firstRecordedAt: '2026-03-02T00:00:00.000Z' });
    const d = entry({ when: { kind: 'exact', date: '2026-02-14' } }, { id: 'd', firstRecordedAt: '2026-03-03T00:00:00.000Z' });
    const e = entry({ when: { kind: 'exact', date: '2026-03-01' } }, { id: 'e' });
    expect(ids(buildTimelineIndex([a, b, c, d, e]))).toEqual(['b', 'a', 'e', 'd', 'c']);
  });

  it('indexes every text field, folded', () => {
    const item = buildTimelineIndex([
      entry({
        where: 'Heol y Frenhines',
        witnesses: [{ name: 'Siân', contact: '07700 900123' }],
        reported: { reported: true, policeReference: 'CR/123/26', officer: 'PC Ŵyn' },
        effect: { howItFelt: 'Scared', whatItChanged: 'Changed my route' },
      }),
    ])[0];
    expect(item?.text).toContain('heol y frenhines');
    expect(item?.text).toContain('sian');
    expect(item?.text).toContain('cr/123/26');
    expect(item?.text).toContain('pc wyn');
    expect(item?.text).toContain('changed my route');
    expect(item?.reported).toBe(true);
  });

  it('reuses folded text for incidents it has seen', () => {
    const cache: FoldCache = new WeakMap();
    const one = entry({ whatHappened: 'first' });
    buildTimelineIndex([one], cache);
    expect(cache.get(one.incident)).toBe('first');
    cache.set(one.incident, 'from cache');
    expect(buildTimelineIndex([one], cache)[0]?.text).toBe('from cache');
  });
});

describe('filters', () => {
  const following = entry(
    { whatHappened: 'Followed me from the station', behaviours: ['following'], when: { kind: 'exact', date: '2026-01-05' } },
    { id: 'following' },
  );
  const calls = entry(
    {
      whatHappened: 'Three calls',
      behaviours: ['contact-phone', 'threats'],
      reported: { reported: true, policeReference: 'REF-1' },
      when: { kind: 'exact', date: '2026-02-10' },
    },
    { id: 'calls' },
  );
  const ongoing = entry(
    { whatHappened: 'Messages every night', behaviours: ['contact-text'], when: { kind: 'ongoing', since: '2026-02-20' } },
    { id: 'ongoing' },
  );
  const spring = entry(
    {
      whatHappened: 'Flowers left at the door',
      when: { kind: 'approximate', description: 'early March', from: '2026-03-01', to: '2026-03-07' },
    },
    { id: 'spring' },
  );
  const index = buildTimelineIndex([following, calls, ongoing, spring]);
  const run = (filter: Partial<TimelineFilter>) => ids(filterTimeline(index, { ...NO_FILTER, ...filter })).sort();

  it('without a filter keeps everything, in order', () => {
    expect(ids(filterTimeline(index, NO_FILTER))).toEqual(ids(index));
    expect(isFiltering(NO_FILTER)).toBe(false);
  });

  it('searches words anywhere, all of them', () => {
    expect(run({ query: 'STATION' })).toEqual(['following']);
    expect(run({ query: 'ref-1 calls' })).toEqual(['calls']);
    expect(run({ query: 'calls flowers' })).toEqual([]);
  });

  it('keeps incidents with any chosen behaviour', () => {
    expect(run({ behaviours: ['threats', 'following'] })).toEqual(['calls', 'following']);
    expect(run({ behaviours: ['violence'] })).toEqual([]);
  });

  it('keeps exactly the incidents sharing a chosen behaviour, using each incident’s own list', () => {
    fc.assert(
      fc.property(fc.array(incidentArb, { maxLength: 12 }), fc.subarray([...BEHAVIOURS]), (incidents, chosen) => {
        const entries = incidents.map((incident) => entry(incident));
        const items = buildTimelineIndex(entries);
        for (const item of items) expect(item.behaviours).toBe(item.entry.incident.behaviours);
        const wanted = new Set(chosen);
        const expected = items.filter((item) => chosen.length === 0 || item.entry.incident.behaviours.some((b) => wanted.has(b)));
        expect(filterTimeline(items, { ...NO_FILTER, behaviours: chosen })).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('filters reported and not reported', () => {
    expect(run({ reported: 'reported' })).toEqual(['calls']);
    expect(run({ reported: 'not-reported' })).toEqual(['following', 'ongoing', 'spring']);
  });

  it('keeps incidents whose days overlap the date range, ends included', () => {
    expect(run({ from: '2026-02-10', to: '2026-02-10' })).toEqual(['calls']);
    expect(run({ from: '2026-03-05' })).toEqual(['ongoing', 'spring']);
    expect(run({ to: '2026-01-31' })).toEqual(['following']);
    expect(run({ from: '2026-02-28', to: '2026-02-01' })).toEqual(['calls', 'ongoing']);
    expect(run({ from: 'not a date' })).toEqual(['calls', 'following', 'ongoing', 'spring']);
  });

  it('combines filters', () => {
    expect(run({ query: 'calls', reported: 'not-reported' })).toEqual([]);
    expect(activeFilterCount({ ...NO_FILTER, behaviours: ['other'], to: '2026-01-01', reported: 'reported', query: 'x' })).toBe(3);
    expect(dateRange({ from: '2026-02-01', to: '2026-01-01' })).toEqual({ from: '2026-01-01', to: '2026-02-01' });
  });

  it('never throws, keeps a subset in order, and narrows as filters are added', () => {
    const filterArb = fc.record({
      query: fc.string({ unit: 'grapheme', maxLength: 12 }),
      behaviours: fc.subarray([...BEHAVIOURS]),
      from: fc.oneof(fc.constant(''), fc.string({ maxLength: 10 }), fc.constantFrom('2026-01-01', '2026-03-03')),
      to: fc.oneof(fc.constant(''), fc.constantFrom('2026-02-15', '2030-01-01')),
      reported: fc.constantFrom('any' as const, 'reported' as const, 'not-reported' as const),
    });
    fc.assert(
      fc.property(fc.array(incidentArb, { maxLength: 12 }), filterArb, fc.string({ maxLength: 4 }), (incidents, filter, extra) => {
        const items = buildTimelineIndex(incidents.map((incident) => entry(incident)));
        const found = filterTimeline(items, filter);
        const positions = found.map((item) => items.indexOf(item));
        expect(positions.every((p) => p >= 0)).toBe(true);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        const narrower = filterTimeline(items, { ...filter, query: `${filter.query} ${extra}` });
        expect(narrower.every((item) => found.includes(item))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('5,000 incidents', () => {
  const words = ['station', 'bus', 'garden', 'phone', 'window', 'car', 'gate', 'shop', 'work', 'school'];
  const many = Array.from({ length: 5000 }, (_, i) =>
    entry(
      {
        whatHappened: `Entry ${i}: seen near the ${words[i % 10] ?? ''}${i === 4321 ? ' with a note from Ŵyn' : ''}`,
        where: i % 7 === 0 ? 'Caerdydd' : 'Abertawe',
        behaviours: i % 3 === 0 ? ['following'] : ['contact-text'],
        reported: { reported: i % 5 === 0 },
        when: { kind: 'exact', date: `20${String(20 + (i % 6))}-${String((i % 12) + 1).padStart(2, '0')}-15` },
      },
      { id: `bulk-${String(i).padStart(5, '0')}` },
    ),
  );
  const index = buildTimelineIndex(many);

  it('finds exactly the matching entries', () => {
    expect(index).toHaveLength(5000);
    expect(ids(filterTimeline(index, { ...NO_FILTER, query: 'wyn' }))).toEqual(['bulk-04321']);
    const gardenInCardiff = filterTimeline(index, { ...NO_FILTER, query: 'GARDEN caerdydd' });
    const expected = many.filter((_, i) => i % 10 === 2 && i % 7 === 0).map((e) => e.id);
    expect(ids(gardenInCardiff).sort()).toEqual(expected.sort());
    const reportedFollowing = filterTimeline(index, { ...NO_FILTER, reported: 'reported', behaviours: ['following'] });
    expect(reportedFollowing).toHaveLength(many.filter((_, i) => i % 15 === 0).length);
  });

  it('groups by month, newest first, with counts adding up', () => {
    const rows = timelineRows(index);
    const months = rows.flatMap((row) => (row.kind === 'month' ? [row] : []));
    expect(months[0]?.month).toBe('2025-12');
    expect(months.map((m) => m.month)).toEqual([...months.map((m) => m.month)].sort().reverse());
    expect(new Set(months.map((m) => m.month)).size).toBe(months.length);
    expect(months.reduce((sum, m) => sum + m.count, 0)).toBe(5000);
    expect(rows).toHaveLength(5000 + months.length);
    let current = '';
    for (const row of rows) {
      if (row.kind === 'month') current = row.month;
      else expect(row.month).toBe(current);
    }
  });
});

describe('timelineRows', () => {
  it('is empty for no items and heads each month with its count', () => {
    expect(timelineRows([])).toEqual([]);
    const rows = timelineRows(
      buildTimelineIndex([
        entry({ when: { kind: 'exact', date: '2026-03-02' } }, { id: 'x' }),
        entry({ when: { kind: 'exact', date: '2026-03-01' } }, { id: 'y' }),
        entry({ when: { kind: 'exact', date: '2025-12-31' } }, { id: 'z' }),
      ]),
    );
    expect(rows.map((row) => (row.kind === 'month' ? `${row.month}:${row.count}` : row.key))).toEqual([
      '2026-03:2',
      'x',
      'y',
      '2025-12:1',
      'z',
    ]);
  });
});
