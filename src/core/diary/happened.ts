// When an incident happened, as dates the timeline can sort, group and filter by.

import { localDate, type IsoDate } from '../model/calendarDate';
import type { IncidentWhen } from '../model/incident';

/** Ongoing incidents reach to the end of any date range. */
const OPEN_END: IsoDate = '9999-12-31';

/** The calendar date of a recorded moment (ISO timestamp) on this device's clock. */
export function recordedOn(iso: string): IsoDate {
  return localDate(new Date(iso));
}

/**
 * The date an incident sorts and groups by: when it happened, as far as is known. Without a
 * date (an approximate "last winter"), the day it was first written down stands in.
 */
export function happenedOn(when: IncidentWhen, firstRecordedAt: string): IsoDate {
  if (when.kind === 'exact') return when.date;
  if (when.kind === 'approximate') return when.from ?? when.to ?? recordedOn(firstRecordedAt);
  return when.since ?? recordedOn(firstRecordedAt);
}

/** The first and last day it may have happened on, for date-range filters. */
export function happenedSpan(when: IncidentWhen, firstRecordedAt: string): { start: IsoDate; end: IsoDate } {
  if (when.kind === 'exact') return { start: when.date, end: when.date };
  if (when.kind === 'ongoing') return { start: when.since ?? recordedOn(firstRecordedAt), end: OPEN_END };
  const a = when.from ?? when.to ?? recordedOn(firstRecordedAt);
  const b = when.to ?? when.from ?? recordedOn(firstRecordedAt);
  return a <= b ? { start: a, end: b } : { start: b, end: a };
}

/** Sorts by date, then by time where one is known (an untimed day sorts before its timed entries). */
export function happenedSortKey(when: IncidentWhen, firstRecordedAt: string): string {
  const time = when.kind === 'exact' ? (when.time ?? '') : '';
  return `${happenedOn(when, firstRecordedAt)}T${time}`;
}
