import { memo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { orderedBehaviours } from '../../../core/model/behaviours';
import { excerpt } from '../../../core/diary/excerpt';
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

export const MonthHeading = memo(function MonthHeading({ row }: { row: MonthRow }) {
  const { t } = useTranslation('diary');
  const language = useLocale();
  const month = formatMonth(`${row.month}-01`, language);
  return (
    <h3 className="timeline-month" data-row-key={row.key}>
      {month} <span className="count">{t('list.count', { count: row.count })}</span>
    </h3>
  );
});

/** One incident in the timeline: when, the start of what happened, behaviours, reported or not. */
export const EntryItem = memo(function EntryItem({ row }: { row: EntryRow }) {
  const { t } = useTranslation('diary');
  const describeWhen = useDescribeWhen();
  const language = useLocale();
  const { entry, reported } = row.item;
  const { incident } = entry;
  const text = excerpt(incident.whatHappened);
  return (
    <li className="timeline-entry" data-row-key={row.key}>
      <div className="entry">
        <Link to={`/incidents/${encodeURIComponent(entry.id)}`} className="entry-link">
          <span className="entry-when">{describeWhen(incident.when)}</span>
          <span className={text ? 'entry-text' : 'entry-text hint'}>{text || t('list.noText')}</span>
        </Link>
        <ul className="tags" aria-label={t('list.behaviours')}>
          {orderedBehaviours(incident.behaviours).map((behaviour) => (
            <li key={behaviour} className="tag">
              {t(`behaviours.${behaviour}`)}
            </li>
          ))}
          <li className={reported ? 'tag tag-reported' : 'tag tag-not-reported'}>
            {reported ? t('list.reported') : t('list.notReported')}
          </li>
        </ul>
        <p className="hint">
          {t('list.written', { moment: formatMoment(entry.firstRecordedAt, language) })}
          {entry.revisions > 1 ? ` ${t('list.edited', { count: entry.revisions - 1 })}` : ''}
        </p>
      </div>
    </li>
  );
});
