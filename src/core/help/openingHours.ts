import { minutesOf, WEEKDAYS, type OpeningHours, type TimeRange, type Weekday } from '../model/helpline';

/** UK local time (Europe/London, so GMT in winter and BST in summer) for an instant. */
export interface UkTime {
  readonly weekday: Weekday;
  /** Minutes since local midnight. */
  readonly minutes: number;
}

const ukClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const WEEKDAY_BY_SHORT_NAME: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

export function ukTime(now: Date): UkTime {
  const parts = ukClock.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = WEEKDAY_BY_SHORT_NAME[part('weekday')];
  if (!weekday) throw new Error(`Unexpected weekday from Intl: ${part('weekday')}`);
  // Some engines write midnight as 24 even with h23; treat it as 0.
  const hour = Number(part('hour')) % 24;
  return { weekday, minutes: hour * 60 + Number(part('minute')) };
}

/**
 * Whether a line is open at an instant:
 * - 'open' / 'closed' from its hours in UK time;
 * - 'unknown' where its hours are unverified or disputed (Daybook never guesses).
 * caveat 'bank-holiday' marks an 'open' that a bank holiday could turn into closed or
 * different hours: Daybook cannot know the bank holidays offline.
 */
export interface OpenStatus {
  readonly state: 'open' | 'closed' | 'unknown';
  readonly caveat: 'none' | 'closed-on-bank-holidays' | 'bank-holiday-hours-not-stated';
}

const inRange = (minutes: number, range: TimeRange) => minutes >= minutesOf(range.from) && minutes < minutesOf(range.to);

export function openStatus(hours: OpeningHours, now: Date): OpenStatus {
  switch (hours.kind) {
    case 'always':
      return { state: 'open', caveat: 'none' };
    case 'check-website':
      return { state: 'unknown', caveat: 'none' };
    case 'weekly': {
      const { weekday, minutes } = ukTime(now);
      const open = (hours.days[weekday] ?? []).some((range) => inRange(minutes, range));
      if (!open) return { state: 'closed', caveat: 'none' };
      return {
        state: 'open',
        caveat: hours.bankHolidays === 'closed' ? 'closed-on-bank-holidays' : 'bank-holiday-hours-not-stated',
      };
    }
  }
}

/**
 * Groups the days of a weekly timetable that share the same hours, in week order, for
 * display: e.g. Mon, Tue, Thu, Fri 09:30-16:00 and Wed 13:00-16:00. Each group lists its
 * days split into runs of consecutive days (a run of three or more reads "Monday to Friday").
 */
export interface HoursGroup {
  readonly runs: readonly (readonly Weekday[])[];
  readonly ranges: readonly TimeRange[];
}

export function groupWeeklyHours(days: Readonly<Partial<Record<Weekday, readonly TimeRange[]>>>): HoursGroup[] {
  const key = (ranges: readonly TimeRange[]) => ranges.map((r) => `${r.from}-${r.to}`).join(',');
  const groups = new Map<string, { days: Weekday[]; ranges: readonly TimeRange[] }>();
  for (const day of WEEKDAYS) {
    const ranges = days[day];
    if (!ranges || ranges.length === 0) continue;
    const k = key(ranges);
    const group = groups.get(k);
    if (group) group.days.push(day);
    else groups.set(k, { days: [day], ranges });
  }
  return [...groups.values()].map(({ days: groupDays, ranges }) => {
    const runs: Weekday[][] = [];
    for (const day of groupDays) {
      const last = runs.at(-1);
      const previous = last?.at(-1);
      if (last && previous && WEEKDAYS.indexOf(previous) + 1 === WEEKDAYS.indexOf(day)) last.push(day);
      else runs.push([day]);
    }
    return { runs, ranges };
  });
}
