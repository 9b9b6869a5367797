// When an incident happened, as dates the timeline can sort, group and filter by.

import { localDate, type IsoDate } from './calendarDate';
import type { IncidentWhen } from './incident';

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

/** What the timeline orders an incident by: its content's "when", when it was first written down, its id. */
export interface TimelineOrdered {
  id: string;
  firstRecordedAt: string;
  incident: { when: IncidentWhen };
}

/**
 * The timeline's order, newest first: by when it happened, then by when it was written down,
 * then by id. `sortKey` is happenedSortKey of each, given so a caller sorting many computes it
 * once per incident. One rule for the screen and the diary's sealed first page.
 */
export function newestFirst<T extends TimelineOrdered>(a: { sortKey: string; entry: T }, b: { sortKey: string; entry: T }): number {
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? 1 : -1;
  if (a.entry.firstRecordedAt !== b.entry.firstRecordedAt) return a.entry.firstRecordedAt < b.entry.firstRecordedAt ? 1 : -1;
  return a.entry.id < b.entry.id ? 1 : a.entry.id > b.entry.id ? -1 : 0;
}
