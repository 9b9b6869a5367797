// Search and filters over the timeline index. Pure, so they are tested without a browser.

import type { Behaviour } from '../model/behaviours';
import { isCalendarDate, type IsoDate } from '../model/calendarDate';
import { matchesTerms, queryTerms } from './searchText';
import type { TimelineItem } from './timelineIndex';

export type ReportedFilter = 'any' | 'reported' | 'not-reported';

export interface TimelineFilter {
  /** Free text: every word must occur in some text field. */
  query: string;
  /** Incidents involving any of these (none chosen: no restriction). */
  behaviours: readonly Behaviour[];
  /** Inclusive date range on when it happened; '' leaves that end open. */
  from: IsoDate | '';
  to: IsoDate | '';
  reported: ReportedFilter;
}

export const NO_FILTER: TimelineFilter = { query: '', behaviours: [], from: '', to: '', reported: 'any' };

const dateOrOpen = (value: string): IsoDate | '' => (isCalendarDate(value) ? value : '');

/** A date range the right way round (a reversed range is read as meant, not as empty). */
export function dateRange(filter: Pick<TimelineFilter, 'from' | 'to'>): { from: IsoDate | ''; to: IsoDate | '' } {
  const from = dateOrOpen(filter.from);
  const to = dateOrOpen(filter.to);
  return from !== '' && to !== '' && from > to ? { from: to, to: from } : { from, to };
}

/** How many filters other than the search words are on (for the "Filters (2)" summary). */
export function activeFilterCount(filter: TimelineFilter): number {
  const { from, to } = dateRange(filter);
  return (filter.behaviours.length > 0 ? 1 : 0) + (from !== '' || to !== '' ? 1 : 0) + (filter.reported !== 'any' ? 1 : 0);
}

export function isFiltering(filter: TimelineFilter): boolean {
  return queryTerms(filter.query).length > 0 || activeFilterCount(filter) > 0;
}

/** The items that match, in the index's order. */
export function filterTimeline(items: readonly TimelineItem[], filter: TimelineFilter): TimelineItem[] {
  const terms = queryTerms(filter.query);
  const behaviours = filter.behaviours;
  const { from, to } = dateRange(filter);
  return items.filter(
    (item) =>
      (filter.reported === 'any' || item.reported === (filter.reported === 'reported')) &&
      (behaviours.length === 0 || behaviours.some((b) => item.behaviours.includes(b))) &&
      // Overlap: an incident "sometime in March" belongs in a range that touches March.
      (from === '' || item.span.end >= from) &&
      (to === '' || item.span.start <= to) &&
      matchesTerms(item.text, terms),
  );
}
