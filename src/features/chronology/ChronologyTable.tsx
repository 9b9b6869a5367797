import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Chronology } from '../../core/diary/chronology';
import type { Behaviour } from '../../core/model/behaviours';
import { formatCalendarDate } from '../../shared/format/formatWhen';

/**
 * The chart's figures as a table: one row per week that has incidents, a column per behaviour
 * found in them (an incident with several counts under each), those placed by a rough or ongoing
 * date (when any are), and police reports.
 */
export function ChronologyTable({
  chronology,
  behaviours,
  language,
}: {
  chronology: Chronology;
  behaviours: readonly Behaviour[];
  language: string;
}) {
  const { t } = useTranslation(['chronology', 'diary']);
  const captionId = useId();
  const number = new Intl.NumberFormat(language);
  const showNone = chronology.totals.noBehaviour > 0;
  const showRough = chronology.totals.roughDates > 0;
  const showBreaches = chronology.totals.markers.breach > 0;
  const weeks = chronology.weeks.filter((week) => week.incidents > 0);
  return (
    <>
      {/* Outside the scrolling box, so it wraps to the screen's width rather than the table's. */}
      <h2 id={captionId} className="chrono-table-title">
        {t('table.caption')}
      </h2>
      <div className="chrono-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="chrono-table" aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col">{t('table.week')}</th>
              <th scope="col">{t('table.incidents')}</th>
              {behaviours.map((behaviour) => (
                <th scope="col" key={behaviour}>
                  {t(`diary:behaviours.${behaviour}`)}
                </th>
              ))}
              {showNone && <th scope="col">{t('table.noBehaviour')}</th>}
              {showRough && <th scope="col">{t('table.roughDate')}</th>}
              <th scope="col">{t('table.police')}</th>
              {showBreaches && <th scope="col">{t('table.breach')}</th>}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week.start}>
                <th scope="row">
                  {t('table.weekRange', { from: formatCalendarDate(week.start, language), to: formatCalendarDate(week.end, language) })}
                </th>
                <td>{number.format(week.incidents)}</td>
                {behaviours.map((behaviour) => (
                  <td key={behaviour}>{number.format(week.behaviours[behaviour])}</td>
                ))}
                {showNone && <td>{number.format(week.noBehaviour)}</td>}
                {showRough && <td>{number.format(week.roughDates)}</td>}
                <td>{number.format(week.markers['police-report'])}</td>
                {showBreaches && <td>{number.format(week.markers.breach)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
