import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { behavioursPresent, buildChronology, groupsPresent } from '../../core/diary/chronology';
import { useDiary } from '../../shared/diary/useDiary';
import { formatCalendarDate } from '../../shared/format/formatWhen';
import { useLocale } from '../../shared/hooks/useLocale';
import { ChronologyChart } from './ChronologyChart';
import { ChronologyTable } from './ChronologyTable';
import './chronology.css';

/**
 * Incidents per week over the whole diary, by behaviour, with police reports marked: a chart
 * and the same figures as a table. It counts what the diary holds and says how; it never
 * judges risk or trend.
 */
export function ChronologyScreen() {
  const { t, i18n } = useTranslation(['chronology', 'diary']);
  const language = useLocale();
  const rtl = i18n.dir(language) === 'rtl';
  const { state, snapshot } = useDiary();
  const [tableShown, setTableShown] = useState(false);
  const chronology = useMemo(() => buildChronology((snapshot?.entries ?? []).map((entry) => entry.incident)), [snapshot]);
  const first = chronology.weeks[0];
  const last = chronology.weeks.at(-1);
  return (
    <article className="screen chronology">
      <p className="back-link">
        <Link to="/">{t('back')}</Link>
      </p>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {state === 'failed' && (
        <p className="error" role="alert">
          {t('diary:loadFailed')}
        </p>
      )}
      {state === 'ready' && snapshot && (
        <>
          {!first || !last ? (
            <p>{t('empty')}</p>
          ) : (
            <>
              <ChronologyChart
                chronology={chronology}
                groups={groupsPresent(chronology)}
                rtl={rtl}
                language={language}
                summary={[
                  t('chartSummary', {
                    from: formatCalendarDate(first.start, language),
                    to: formatCalendarDate(last.end, language),
                    incidents: t('incidentCount', { count: chronology.totals.incidents }),
                    reports: t('policeCount', { count: chronology.totals.markers['police-report'] }),
                    most: t('incidentCount', { count: chronology.busiestWeek }),
                  }),
                  ...(chronology.totals.markers.breach > 0 ? [t('breachSummary', { count: chronology.totals.markers.breach })] : []),
                ].join(' ')}
              />
              <p className="hint">{t('scrollHint')}</p>
              <h2>{t('legendTitle')}</h2>
              <p>{t('legendRows')}</p>
              <p>{t('legendScale', { most: t('incidentCount', { count: chronology.busiestWeek }) })}</p>
              <p>{t('legendPolice')}</p>
              {chronology.totals.markers.breach > 0 && <p>{t('legendBreach')}</p>}
            </>
          )}
          {chronology.undated > 0 && <p>{t('undated', { count: chronology.undated })}</p>}
          {chronology.totals.roughDates > 0 && <p>{t('roughDates', { count: chronology.totals.roughDates })}</p>}
          {!chronology.complete && <p>{t('incomplete')}</p>}
          {first && (
            <>
              <p>
                <button
                  type="button"
                  className="button"
                  aria-expanded={tableShown}
                  aria-controls="chronology-table"
                  onClick={() => setTableShown((shown) => !shown)}
                >
                  {t(tableShown ? 'hideTable' : 'showTable')}
                </button>
              </p>
              <div id="chronology-table" hidden={!tableShown}>
                {tableShown && <ChronologyTable chronology={chronology} behaviours={behavioursPresent(chronology)} language={language} />}
              </div>
            </>
          )}
        </>
      )}
    </article>
  );
}
