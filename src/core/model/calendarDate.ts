// Calendar dates and clock times as an incident stores them. The one place that decides what a
// real date is, so the form, imports and exports can never disagree about it.

/** 'YYYY-MM-DD', a calendar date in the person's own time zone. */
export type IsoDate = string;
/** 'HH:MM', 24-hour clock. */
export type IsoTime = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY_MS = 86_400_000;

/**
 * Midnight UTC of a 'YYYY-MM-DD' day, or null unless it is a real day (no 2023-02-29, no
 * 2024-13-01) from year 1 onwards. UTC, so formatting it with timeZone 'UTC' shows the day typed.
 */
export function utcDay(value: string): Date | null {
  const match = DATE.exec(value);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as they are instead of moving them to 19xx.
  date.setUTCFullYear(year, month - 1, day);
  const same = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return year >= 1 && same ? date : null;
}

/** A real calendar day written as 'YYYY-MM-DD' (see utcDay). */
export function isCalendarDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && utcDay(value) !== null;
}

/** A time of day written as 'HH:MM', 00:00 to 23:59. */
export function isClockTime(value: unknown): value is IsoTime {
  return typeof value === 'string' && TIME.test(value);
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' day, or null if it is not a real day. */
export function dayNumber(value: IsoDate): number | null {
  const day = utcDay(value);
  return day === null ? null : day.getTime() / DAY_MS;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The calendar date of a moment on this device's clock. */
export function localDate(moment: Date): IsoDate {
  return `${String(moment.getFullYear()).padStart(4, '0')}-${pad2(moment.getMonth() + 1)}-${pad2(moment.getDate())}`;
}

/** The time of day of a moment on this device's clock. */
export function localTime(moment: Date): IsoTime {
  return `${pad2(moment.getHours())}:${pad2(moment.getMinutes())}`;
}
