import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BEHAVIOUR_GROUPS,
  behavioursPresent,
  buildChronology,
  chronologyDate,
  groupsPresent,
  MAX_WEEKS,
  monthStarts,
} from '../../../src/core/diary/chronology';
import { dayNumber } from '../../../src/core/model/calendarDate';
import type { Incident } from '../../../src/core/model/incident';
import { aQuickIncident } from '../../support/incidentFactories';
import { incidentArb } from '../model/incidentArbitrary';

const on = (date: string, fields: Partial<Incident> = {}): Incident => aQuickIncident({ when: { kind: 'exact', date }, ...fields });

describe('chronology', () => {
  it('places an incident by its own date: exact, the first date of a rough one, the start of an ongoing one', () => {
    expect(chronologyDate({ kind: 'exact', date: '2026-03-04', time: '10:00' })).toEqual({ date: '2026-03-04', rough: false });
    expect(chronologyDate({ kind: 'approximate', description: 'spring', from: '2026-03-01', to: '2026-05-31' })).toEqual({
      date: '2026-03-01',
      rough: true,
    });
    expect(chronologyDate({ kind: 'approximate', description: 'before Easter', to: '2026-04-05' })).toEqual({
      date: '2026-04-05',
      rough: true,
    });
    expect(chronologyDate({ kind: 'ongoing', since: '2026-01-10' })).toEqual({ date: '2026-01-10', rough: true });
    expect(chronologyDate({ kind: 'approximate', description: 'last winter' })).toBeNull();
    expect(chronologyDate({ kind: 'ongoing' })).toBeNull();
  });

  it('counts per ISO week (Monday to Sunday), with empty weeks between, and undated incidents apart', () => {
    const chronology = buildChronology([
      on('2026-03-01', { behaviours: ['following', 'threats'], reported: { reported: true } }), // a Sunday: week of 23 Feb
      on('2026-03-02', { behaviours: [] }), // Monday
      on('2026-03-08', { behaviours: ['contact-phone', 'contact-text'] }), // Sunday of the same week
      on('2026-03-23', { behaviours: ['other'] }),
      aQuickIncident({ when: { kind: 'approximate', description: 'a while ago' } }),
      aQuickIncident({ when: { kind: 'ongoing', since: '2026-03-03' }, behaviours: ['monitoring'] }),
    ]);
    expect(chronology.undated).toBe(1);
    expect(chronology.complete).toBe(true);
    expect(chronology.weeks.map((w) => [w.start, w.end, w.incidents])).toEqual([
      ['2026-02-23', '2026-03-01', 1],
      ['2026-03-02', '2026-03-08', 3],
      ['2026-03-09', '2026-03-15', 0],
      ['2026-03-16', '2026-03-22', 0],
      ['2026-03-23', '2026-03-29', 1],
    ]);
    const [first, second] = chronology.weeks;
    expect(first?.behaviours.following).toBe(1);
    expect(first?.behaviours.threats).toBe(1);
    expect(first?.groups).toMatchObject({ presence: 1, harm: 1, contact: 0, none: 0 });
    expect(first?.markers['police-report']).toBe(1);
    // Two contact behaviours in one incident: one incident in the contact group.
    expect(second?.groups).toMatchObject({ contact: 1, none: 1, watching: 1 });
    expect(second?.noBehaviour).toBe(1);
    expect(second?.roughDates).toBe(1);
    expect(chronology.totals.incidents).toBe(5);
    expect(chronology.totals.markers['police-report']).toBe(1);
    expect(chronology.busiestWeek).toBe(3);
    expect(behavioursPresent(chronology)).toEqual(['following', 'contact-phone', 'contact-text', 'monitoring', 'threats', 'other']);
    expect(groupsPresent(chronology)).toEqual(['presence', 'contact', 'watching', 'harm', 'other', 'none']);
    expect(monthStarts(chronology.weeks)).toEqual([0, 1]);
  });

  it('counts incidents marked as breaching an order, once each however many conditions they name', () => {
    const chronology = buildChronology([
      on('2026-03-02', {
        breaches: [
          { orderId: 'o', conditionId: 'a' },
          { orderId: 'o', conditionId: 'b' },
        ],
      }),
      on('2026-03-03', { breaches: [] }),
      on('2026-03-10'),
    ]);
    expect(chronology.weeks.map((w) => w.markers.breach)).toEqual([1, 0]);
    expect(chronology.totals.markers.breach).toBe(1);
  });

  it('is empty for no incidents, and for undated ones only', () => {
    expect(buildChronology([])).toMatchObject({ weeks: [], undated: 0, busiestWeek: 0, complete: true });
    expect(buildChronology([aQuickIncident({ when: { kind: 'ongoing' } })])).toMatchObject({ weeks: [], undated: 1 });
  });

  it('puts every behaviour in exactly one group', () => {
    const grouped = Object.values(BEHAVIOUR_GROUPS).flat();
    expect(new Set(grouped).size).toBe(grouped.length);
    expect([...grouped].sort()).toEqual([...new Set(grouped)].sort());
    expect(grouped).toHaveLength(16);
  });

  it('leaves empty weeks out rather than listing thousands after a mistyped year, and says so', () => {
    const chronology = buildChronology([on('0202-03-01'), on('2026-03-01')]);
    expect(chronology.complete).toBe(false);
    expect(chronology.weeks).toHaveLength(2);
    expect(buildChronology([on('1950-01-02'), on('2026-03-01')]).weeks.length).toBeLessThanOrEqual(MAX_WEEKS);
  });

  it('handles ten years of 50,000 incidents in about 520 weeks', () => {
    const incidents: Incident[] = [];
    const start = dayNumber('2016-01-04') ?? 0;
    for (let i = 0; i < 50_000; i += 1) {
      const day = new Date((start + (i % 3650)) * 86_400_000).toISOString().slice(0, 10);
      incidents.push(on(day, { behaviours: i % 2 ? ['contact-text'] : ['following', 'violence'] }));
    }
    const chronology = buildChronology(incidents);
    expect(chronology.weeks.length).toBeGreaterThanOrEqual(520);
    expect(chronology.weeks.length).toBeLessThanOrEqual(522);
    expect(chronology.totals.incidents).toBe(50_000);
  });

  it('property: totals add up, every week between first and last is there, and input order does not matter', () => {
    fc.assert(
      fc.property(fc.array(incidentArb, { maxLength: 40 }), fc.integer(), (incidents, seed) => {
        const chronology = buildChronology(incidents);
        const dated = incidents.filter((i) => chronologyDate(i.when) !== null).length;
        expect(chronology.weeks.reduce((sum, w) => sum + w.incidents, 0)).toBe(dated);
        expect(chronology.undated).toBe(incidents.length - dated);
        if (chronology.complete) {
          const days = chronology.weeks.map((w) => dayNumber(w.start) ?? NaN);
          days.slice(1).forEach((day, i) => expect((day - (days[i] ?? NaN)) / 7).toBe(1));
        }
        for (const week of chronology.weeks) {
          expect(new Date(`${week.start}T00:00:00Z`).getUTCDay()).toBe(1);
          expect(week.groups.none).toBe(week.noBehaviour);
          expect(week.noBehaviour).toBeLessThanOrEqual(week.incidents);
        }
        const shuffled = [...incidents];
        let state = seed;
        for (let i = shuffled.length - 1; i > 0; i -= 1) {
          state = (state * 1103515245 + 12345) | 0;
          const j = Math.abs(state) % (i + 1);
          const [a, b] = [shuffled[i], shuffled[j]];
          if (a && b) [shuffled[i], shuffled[j]] = [b, a];
        }
        expect(buildChronology(shuffled)).toEqual(chronology);
      }),
      { numRuns: 40 },
    );
  });
});
