import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filterTimeline, isFiltering, NO_FILTER, type TimelineFilter } from '../../../core/diary/timelineFilter';
import { timelineRows } from '../../../core/diary/timelineRows';
import type { DiaryEntry } from '../../../core/store/diaryRepository';
import { TimelineFilters } from './TimelineFilters';
import { TimelineList } from './TimelineList';
import { useTimelineIndex } from './useTimelineIndex';
import './timeline.css';

/**
 * The diary's incidents, newest first, grouped by month, with search and filters. Searching
 * and filtering run over an in-memory index of the decrypted snapshot (see useTimelineIndex),
 * which goes when the diary is locked.
 */
export function Timeline({ entries }: { entries: readonly DiaryEntry[] }) {
  const { t } = useTranslation('diary');
  const index = useTimelineIndex(entries);
  const [filter, setFilter] = useState<TimelineFilter>(NO_FILTER);
  // Typing stays responsive; the list catches up a moment later if filtering ever lags.
  const applied = useDeferredValue(filter);
  const items = useMemo(() => filterTimeline(index, applied), [index, applied]);
  const rows = useMemo(() => timelineRows(items), [items]);
  const filtering = isFiltering(applied);
  const search = useRef<HTMLInputElement>(null);
  const clear = () => {
    setFilter(NO_FILTER);
    // The button goes away once cleared; keep focus somewhere useful.
    search.current?.focus();
  };

  if (index.length === 0) return <p className="timeline-empty">{t('list.empty')}</p>;
  return (
    <div className="timeline">
      <TimelineFilters filter={filter} onChange={setFilter} searchRef={search} />
      <div className="timeline-summary">
        <p role="status" className="timeline-count">
          {filtering ? t('list.showing', { shown: items.length, count: index.length }) : ''}
        </p>
        {isFiltering(filter) && (
          <button type="button" className="button" onClick={clear}>
            {t('filters.clear')}
          </button>
        )}
      </div>
      {items.length === 0 ? <p className="timeline-empty">{t('list.noMatches')}</p> : <TimelineList rows={rows} />}
    </div>
  );
}
