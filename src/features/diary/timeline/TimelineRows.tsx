import { memo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { orderedBehaviours } from '../../../core/model/behaviours';
import { firstPageRow, type FirstPageRow } from '../../../core/store/diary/firstPage';
import type { TimelineRow } from '../../../core/diary/timelineRows';
import { formatMoment, formatMonth } from '../../../shared/format/formatWhen';
import { useDescribeWhen } from '../../../shared/format/useDescribeWhen';
import { useLocale } from '../../../shared/hooks/useLocale';

type MonthRow = Extract<TimelineRow, { kind: 'month' }>;
type EntryRow = Extract<TimelineRow, { kind: 'entry' }>;

/** Block sizes in rem the windowed list assumes until a row has been measured. */
export function estimateRowRem(row: TimelineRow): number {
  return row.kind === 'month' ? 3.5 : 11;
}

/** A month's heading; `counted` false while the diary loads (the first page holds only some of a month). */
export const MonthHeading = memo(function MonthHeading({ row, counted = true }: { row: MonthRow; counted?: boolean }) {
  const { t } = useTranslation('diary');
  const language = useLocale();
  const month = formatMonth(`${row.month}-01`, language);
  return (
    <h3 className="timeline-month" data-row-key={row.key}>
      {month}
      {counted && (
        <>
          {' '}
          <span className="count">{t('list.count', { count: row.count })}</span>
        </>
      )}
    </h3>
  );
});

/** One incident in the timeline: when, the start of what happened, behaviours, reported or not. */
export const EntryItem = memo(function EntryItem({ row }: { row: EntryRow }) {
  // Only rows near the viewport render, so the excerpt is made for those alone.
  // The whole "when": the first page cuts a long approximate date's description; the timeline does not.
  return <EntryRowView view={{ ...firstPageRow(row.item.entry), when: row.item.entry.incident.when }} rowKey={row.key} />;
});

/** An incident's row from what the timeline shows of it (the diary's first page holds the same). */
export const EntryRowView = memo(function EntryRowView({ view, rowKey }: { view: FirstPageRow; rowKey: string }) {
  const { t } = useTranslation('diary');
  const describeWhen = useDescribeWhen();
  const language = useLocale();
  const text = view.excerpt;
  return (
    <li className="timeline-entry" data-row-key={rowKey}>
      <div className="entry">
        <Link to={`/incidents/${encodeURIComponent(view.id)}`} className="entry-link">
          <span className="entry-when">{describeWhen(view.when)}</span>
          <span className={text ? 'entry-text' : 'entry-text hint'}>{text || t('list.noText')}</span>
        </Link>
        <ul className="tags" aria-label={t('list.behaviours')}>
          {orderedBehaviours(view.behaviours).map((behaviour) => (
            <li key={behaviour} className="tag">
              {t(`behaviours.${behaviour}`)}
            </li>
          ))}
          <li className={view.reported ? 'tag tag-reported' : 'tag tag-not-reported'}>
            {view.reported ? t('list.reported') : t('list.notReported')}
          </li>
        </ul>
        <p className="hint">
          {t('list.written', { moment: formatMoment(view.firstRecordedAt, language) })}
          {view.revisions > 1 ? ` ${t('list.edited', { count: view.revisions - 1 })}` : ''}
        </p>
      </div>
    </li>
  );
});
