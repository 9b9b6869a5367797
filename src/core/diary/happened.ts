// When an incident happened, as dates the timeline can sort, group and filter by.

import type { IncidentWhen, IsoDate } from '../model/incident';

/** Ongoing incidents reach to the end of any date range. */
const OPEN_END: IsoDate = '9999-12-31';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The calendar date of a recorded moment on this device's clock ('YYYY-MM-DD'). */
export function localDate(iso: string): IsoDate {
  const date = new Date(iso);
  return `${String(date.getFullYear()).padStart(4, '0')}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/**
 * The date an incident sorts and groups by: when it happened, as far as is known. Without a
 * date (an approximate "last winter"), the day it was first written down stands in.
 */
export function happenedOn(when: IncidentWhen, firstRecordedAt: string): IsoDate {
  if (when.kind === 'exact') return when.date;
  if (when.kind === 'approximate') return when.from ?? when.to ?? localDate(firstRecordedAt);
  return when.since ?? localDate(firstRecordedAt);
}

/** The first and last day it may have happened on, for date-range filters. */
export function happenedSpan(when: IncidentWhen, firstRecordedAt: string): { start: IsoDate; end: IsoDate } {
  if (when.kind === 'exact') return { start: when.date, end: when.date };
  if (when.kind === 'ongoing') return { start: when.since ?? localDate(firstRecordedAt), end: OPEN_END };
  const a = when.from ?? when.to ?? localDate(firstRecordedAt);
  const b = when.to ?? when.from ?? localDate(firstRecordedAt);
  return a <= b ? { start: a, end: b } : { start: b, end: a };
}

/** Sorts by date, then by time where one is known (an untimed day sorts before its timed entries). */
export function happenedSortKey(when: IncidentWhen, firstRecordedAt: string): string {
  const time = when.kind === 'exact' ? (when.time ?? '') : '';
  return `${happenedOn(when, firstRecordedAt)}T${time}`;
}
