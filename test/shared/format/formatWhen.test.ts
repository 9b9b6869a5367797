import { afterEach, describe, expect, it } from 'vitest';
import { formatCalendarDate, formatList, formatMoment, formatMonth } from '../../../src/shared/format/formatWhen';

const zoneAtStart = process.env.TZ;

describe('formatWhen', () => {
  afterEach(() => {
    process.env.TZ = zoneAtStart;
  });

  it('formats each kind in the language asked for, the same on a second call', () => {
    for (let i = 0; i < 2; i += 1) {
      expect(formatCalendarDate('2026-11-22', 'en-GB')).toBe('22 Nov 2026');
      expect(formatCalendarDate('2026-11-22', 'pl')).toBe('22 lis 2026');
      expect(formatMonth('2026-11-01', 'en-GB')).toBe('November 2026');
      expect(formatList(['Following', 'Threats', 'Violence'], 'en-GB')).toBe('Following, Threats and Violence');
    }
  });

  it('shows a moment in the zone the device is in now, after it has moved (Node reads TZ afresh)', () => {
    process.env.TZ = 'Europe/London';
    expect(formatMoment('2026-11-22T19:05:00Z', 'en-GB')).toBe('22 Nov 2026, 19:05');
    process.env.TZ = 'Asia/Tokyo';
    expect(formatMoment('2026-11-22T19:05:00Z', 'en-GB')).toBe('23 Nov 2026, 04:05');
    process.env.TZ = 'Europe/London';
    expect(formatMoment('2026-11-22T19:05:00Z', 'en-GB')).toBe('22 Nov 2026, 19:05');
  });
});
