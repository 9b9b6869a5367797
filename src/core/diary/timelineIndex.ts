// The in-memory index the timeline searches and filters. Built from the decrypted snapshot
// while the diary is unlocked and held only by the screen that uses it, so it goes at lock.

import type { Behaviour } from '../model/behaviours';
import type { Incident, IsoDate } from '../model/incident';
import { searchableText } from '../model/incidentText';
import type { DiaryEntry } from '../store/diaryRepository';
import { happenedOn, happenedSortKey, happenedSpan, newestFirst } from '../model/happened';
import { foldForSearch } from './searchText';

export interface TimelineItem {
  entry: DiaryEntry;
  /** Every text field, folded for search (see searchText.ts). */
  text: string;
  /** The date it sorts and groups by. */
  date: IsoDate;
  sortKey: string;
  /** The days it may have happened on, for date-range filters. */
  span: { start: IsoDate; end: IsoDate };
  /** The incident's own list (short, so no Set per item: the index is kept for every incident). */
  behaviours: readonly Behaviour[];
  reported: boolean;
}

/** Folded text per incident object: incidents are immutable, so a rebuild after a save reuses it. */
export type FoldCache = WeakMap<Incident, string>;

function folded(incident: Incident, cache?: FoldCache): string {
  const cached = cache?.get(incident);
  if (cached !== undefined) return cached;
  const text = foldForSearch(searchableText(incident));
  cache?.set(incident, text);
  return text;
}

export function buildTimelineIndex(entries: readonly DiaryEntry[], cache?: FoldCache): TimelineItem[] {
  return entries
    .map((entry): TimelineItem => {
      const { when } = entry.incident;
      return {
        entry,
        text: folded(entry.incident, cache),
        date: happenedOn(when, entry.firstRecordedAt),
        sortKey: happenedSortKey(when, entry.firstRecordedAt),
        span: happenedSpan(when, entry.firstRecordedAt),
        behaviours: entry.incident.behaviours,
        reported: entry.incident.reported.reported,
      };
    })
    .sort(newestFirst);
}
