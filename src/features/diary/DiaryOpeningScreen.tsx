import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { happenedOn } from '../../core/model/happened';
import type { FirstPageRow } from '../../core/store/diaryRepository';
import type { DiaryOpening } from '../../shared/diary/diaryOpening';
import { NewIncidentLink } from './NewIncidentLink';
import { SettingsCheckNotice } from './SettingsCheckNotice';
import { EntryRowView, MonthHeading } from './timeline/TimelineRows';
import './timeline/timeline.css';

interface Month {
  month: string;
  rows: FirstPageRow[];
}

/** The page's rows by month, in the order given (the timeline's). */
function byMonth(rows: readonly FirstPageRow[]): Month[] {
  const months: Month[] = [];
  for (const row of rows) {
    const month = happenedOn(row.when, row.firstRecordedAt).slice(0, 7);
    const last = months.at(-1);
    if (last?.month === month) last.rows.push(row);
    else months.push({ month, rows: [row] });
  }
  return months;
}

/**
 * The diary's first screen while the whole diary loads behind it: the first rows of its timeline
 * from the sealed first page, laid out as DiaryScreen lays them out. Search and filters say they
 * are still loading rather than search part of the diary; month headings carry no count, since
 * the page holds only part of a month. DiaryScreen takes its place once the diary has loaded.
 */
export function DiaryOpeningScreen({ opening }: { opening: DiaryOpening }) {
  const { t } = useTranslation('diary');
  const id = useId();
  const months = useMemo(() => byMonth(opening.rows), [opening.rows]);
  return (
    <article className="screen">
      <h1>{t('title')}</h1>
      {/* A Quick exit address changed while locked matters at once, whatever the diary's size. */}
      <SettingsCheckNotice />
      <NewIncidentLink />
      <section aria-labelledby="diary-entries">
        <h2 id="diary-entries">{t('list.title', { count: opening.incidents })}</h2>
        {opening.incidents === 0 ? (
          <p className="timeline-empty">{t('list.empty')}</p>
        ) : (
          <div className="timeline">
            <div className="timeline-filters">
              <div className="field">
                <label htmlFor={`${id}-query`}>{t('filters.search')}</label>
                <p className="hint" id={`${id}-query-hint`}>
                  {t('opening.searchHint')}
                </p>
                <input id={`${id}-query`} type="search" disabled aria-describedby={`${id}-query-hint`} autoComplete="off" />
              </div>
            </div>
            <div className="timeline-summary">
              <p role="status" className="timeline-count">
                {t('opening.status')}
              </p>
            </div>
            <div className="timeline-window">
              {months.map(({ month, rows }) => (
                <div key={month}>
                  <MonthHeading row={{ kind: 'month', key: `month-${month}`, month, count: rows.length }} counted={false} />
                  <ol className="entries">
                    {rows.map((row) => (
                      <EntryRowView key={row.id} view={row} rowKey={row.id} />
                    ))}
                  </ol>
                </div>
              ))}
            </div>
          </div>
        )}
      </section>
    </article>
  );
}
