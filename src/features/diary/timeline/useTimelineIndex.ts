import { useMemo } from 'react';
import { buildTimelineIndex, type FoldCache, type TimelineItem } from '../../../core/diary/timelineIndex';
import type { DiaryEntry } from '../../../core/store/diaryRepository';

// Both caches are weak: they hold an index only while the diary provider holds the snapshot
// (and an incident's folded text only while the incident exists). Locking unmounts the
// provider, the decrypted entries become unreachable, and so do these. Leaving the diary for
// an incident and coming back therefore reuses the index instead of rebuilding it.
const indexes = new WeakMap<readonly DiaryEntry[], TimelineItem[]>();
const folded: FoldCache = new WeakMap();

/** The search index for a snapshot's entries, built once per snapshot. */
export function useTimelineIndex(entries: readonly DiaryEntry[]): TimelineItem[] {
  return useMemo(() => {
    const cached = indexes.get(entries);
    if (cached) return cached;
    const index = buildTimelineIndex(entries, folded);
    indexes.set(entries, index);
    return index;
  }, [entries]);
}
