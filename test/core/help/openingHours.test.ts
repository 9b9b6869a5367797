import { describe, expect, it } from 'vitest';
import { groupWeeklyHours, openStatus, ukTime } from '../../../src/core/help/openingHours';
import type { OpeningHours } from '../../../src/core/model/helpline';

/** The National Stalking Helpline's hours: Mon, Tue, Thu, Fri 09:30-16:00; Wed 13:00-16:00. */
const stalking: OpeningHours = {
  kind: 'weekly',
  days: {
    mon: [{ from: '09:30', to: '16:00' }],
    tue: [{ from: '09:30', to: '16:00' }],
    wed: [{ from: '13:00', to: '16:00' }],
    thu: [{ from: '09:30', to: '16:00' }],
    fri: [{ from: '09:30', to: '16:00' }],
  },
  bankHolidays: 'closed',
};

const weekdaysOnly: OpeningHours = {
  kind: 'weekly',
  days: {
    mon: [{ from: '08:00', to: '20:00' }],
    tue: [{ from: '08:00', to: '20:00' }],
    wed: [{ from: '08:00', to: '20:00' }],
    thu: [{ from: '08:00', to: '20:00' }],
    fri: [{ from: '08:00', to: '20:00' }],
  },
  bankHolidays: 'not-stated',
};

const at = (iso: string) => new Date(iso);
const state = (hours: OpeningHours, iso: string) => openStatus(hours, at(iso)).state;

describe('ukTime', () => {
  it('is GMT in winter: UTC and UK clocks agree', () => {
    expect(ukTime(at('2026-11-25T11:00:00Z'))).toEqual({ weekday: 'wed', minutes: 11 * 60 });
  });

  it('is BST (UTC+1) in summer', () => {
    expect(ukTime(at('2026-07-15T12:30:00Z'))).toEqual({ weekday: 'wed', minutes: 13 * 60 + 30 });
  });

  it('moves the day on when BST crosses midnight', () => {
    // 23:30 UTC on Tuesday is 00:30 on Wednesday in BST.
    expect(ukTime(at('2026-07-14T23:30:00Z'))).toEqual({ weekday: 'wed', minutes: 30 });
  });

  it('midnight is minute 0, not 24:00', () => {
    expect(ukTime(at('2026-01-07T00:00:00Z'))).toEqual({ weekday: 'wed', minutes: 0 });
  });

  it('does not depend on the device time zone', () => {
    // The function reads Europe/London explicitly; these instants are the same UK time whatever TZ Node runs in.
    expect(ukTime(at('2026-03-28T23:59:00Z')).weekday).toBe('sat');
    expect(ukTime(at('2026-03-29T00:59:00Z'))).toEqual({ weekday: 'sun', minutes: 59 });
  });
});

describe('openStatus: DST boundaries (clocks go forward 29 Mar 2026 01:00 UTC, back 25 Oct 2026 01:00 UTC)', () => {
  const sunday: OpeningHours = { kind: 'weekly', days: { sun: [{ from: '02:00', to: '03:00' }] }, bankHolidays: 'not-stated' };

  it('spring forward: one minute either side of the change', () => {
    // 00:59 UTC = 00:59 GMT; 01:00 UTC = 02:00 BST; 01:59 UTC = 02:59 BST; 02:00 UTC = 03:00 BST.
    expect(ukTime(at('2026-03-29T00:59:00Z'))).toEqual({ weekday: 'sun', minutes: 59 });
    expect(ukTime(at('2026-03-29T01:00:00Z'))).toEqual({ weekday: 'sun', minutes: 120 });
    expect(state(sunday, '2026-03-29T00:59:00Z')).toBe('closed');
    expect(state(sunday, '2026-03-29T01:00:00Z')).toBe('open');
    expect(state(sunday, '2026-03-29T01:30:00Z')).toBe('open');
    expect(state(sunday, '2026-03-29T01:59:00Z')).toBe('open');
    expect(state(sunday, '2026-03-29T02:00:00Z')).toBe('closed');
  });

  it('fall back: the 01:00-02:00 hour happens twice, then GMT', () => {
    expect(ukTime(at('2026-10-25T00:30:00Z'))).toEqual({ weekday: 'sun', minutes: 90 }); // 01:30 BST
    expect(ukTime(at('2026-10-25T01:30:00Z'))).toEqual({ weekday: 'sun', minutes: 90 }); // 01:30 GMT
    expect(ukTime(at('2026-10-25T02:30:00Z'))).toEqual({ weekday: 'sun', minutes: 150 }); // 02:30 GMT
    expect(state(sunday, '2026-10-25T01:59:00Z')).toBe('closed'); // 01:59 GMT
    expect(state(sunday, '2026-10-25T02:00:00Z')).toBe('open'); // 02:00 GMT
  });

  it('a weekday line opens at 08:00 UK time on each side of the autumn change', () => {
    expect(state(weekdaysOnly, '2026-10-23T06:59:00Z')).toBe('closed'); // Fri 07:59 BST
    expect(state(weekdaysOnly, '2026-10-23T07:00:00Z')).toBe('open'); // Fri 08:00 BST
    expect(state(weekdaysOnly, '2026-10-26T07:59:00Z')).toBe('closed'); // Mon 07:59 GMT
    expect(state(weekdaysOnly, '2026-10-26T08:00:00Z')).toBe('open'); // Mon 08:00 GMT
  });
});

describe('openStatus: weekly ranges', () => {
  it('Wednesday 13:00-16:00 in winter (GMT)', () => {
    expect(state(stalking, '2026-11-25T11:00:00Z')).toBe('closed');
    expect(state(stalking, '2026-11-25T12:59:00Z')).toBe('closed');
    expect(state(stalking, '2026-11-25T13:00:00Z')).toBe('open');
    expect(state(stalking, '2026-11-25T15:59:00Z')).toBe('open');
    expect(state(stalking, '2026-11-25T16:00:00Z')).toBe('closed');
  });

  it('Wednesday 13:00-16:00 in summer (BST)', () => {
    expect(state(stalking, '2026-07-15T11:59:00Z')).toBe('closed'); // 12:59 BST
    expect(state(stalking, '2026-07-15T12:00:00Z')).toBe('open'); // 13:00 BST
    expect(state(stalking, '2026-07-15T14:59:00Z')).toBe('open'); // 15:59 BST
    expect(state(stalking, '2026-07-15T15:00:00Z')).toBe('closed'); // 16:00 BST
  });

  it('other weekdays from 09:30, closed at the weekend', () => {
    expect(state(stalking, '2026-11-23T09:29:00Z')).toBe('closed'); // Mon
    expect(state(stalking, '2026-11-23T09:30:00Z')).toBe('open');
    expect(state(stalking, '2026-11-27T10:00:00Z')).toBe('open'); // Fri
    expect(state(stalking, '2026-11-28T10:00:00Z')).toBe('closed'); // Sat
    expect(state(stalking, '2026-11-29T10:00:00Z')).toBe('closed'); // Sun
  });

  it('an open line closed on bank holidays says so; one that does not state it says hours may differ', () => {
    expect(openStatus(stalking, at('2026-11-23T10:00:00Z'))).toEqual({ state: 'open', caveat: 'closed-on-bank-holidays' });
    expect(openStatus(weekdaysOnly, at('2026-11-23T10:00:00Z'))).toEqual({ state: 'open', caveat: 'bank-holiday-hours-not-stated' });
    expect(openStatus(stalking, at('2026-11-23T08:00:00Z'))).toEqual({ state: 'closed', caveat: 'none' });
  });

  it('a day with two ranges', () => {
    const split: OpeningHours = {
      kind: 'weekly',
      days: {
        mon: [
          { from: '09:00', to: '12:00' },
          { from: '13:00', to: '24:00' },
        ],
      },
      bankHolidays: 'closed',
    };
    expect(state(split, '2026-11-23T12:30:00Z')).toBe('closed');
    expect(state(split, '2026-11-23T23:59:00Z')).toBe('open');
    expect(state(split, '2026-11-24T00:00:00Z')).toBe('closed');
  });
});

describe('openStatus: 24/7 and unverified', () => {
  it('24/7 is open at any instant, with no caveat', () => {
    for (const iso of ['2026-11-25T03:00:00Z', '2026-07-15T23:59:00Z', '2026-12-25T12:00:00Z', '2026-03-29T01:30:00Z']) {
      expect(openStatus({ kind: 'always' }, at(iso))).toEqual({ state: 'open', caveat: 'none' });
    }
  });

  it('unverified or disputed hours are never open or closed', () => {
    for (const why of ['unverified', 'disputed'] as const) {
      expect(openStatus({ kind: 'check-website', why }, at('2026-11-25T11:00:00Z')).state).toBe('unknown');
      expect(openStatus({ kind: 'check-website', why }, at('2026-11-25T03:00:00Z')).state).toBe('unknown');
    }
  });
});

describe('groupWeeklyHours', () => {
  it('groups days sharing hours, split into runs of consecutive days', () => {
    if (stalking.kind !== 'weekly') throw new Error('fixture');
    const groups = groupWeeklyHours(stalking.days);
    expect(groups.map((g) => g.runs)).toEqual([
      [
        ['mon', 'tue'],
        ['thu', 'fri'],
      ],
      [['wed']],
    ]);
    expect(groups[1]?.ranges).toEqual([{ from: '13:00', to: '16:00' }]);
  });

  it('Monday to Friday is one run', () => {
    if (weekdaysOnly.kind !== 'weekly') throw new Error('fixture');
    expect(groupWeeklyHours(weekdaysOnly.days).map((g) => g.runs)).toEqual([[['mon', 'tue', 'wed', 'thu', 'fri']]]);
  });
});
