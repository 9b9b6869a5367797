import './advocateSummary.css';
import './verification.css';
import { Fragment, useMemo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { advocateSummary, namedEntries, type SummaryEntryRef, type SummaryFactId } from '../../core/export/advocateSummary';
import type { ExportDocument } from '../../core/export/exportDocument';
import { verifiedStatement, type ExportVerification } from '../../core/export/verifyExport';
import { formatCalendarDate } from '../../shared/format/formatWhen';
import { useLocale } from '../../shared/hooks/useLocale';
import { packageEntryId } from './packageEntryId';

interface AdvocateSummaryProps {
  document: ExportDocument;
  verification: ExportVerification;
}

const VERIFICATION_NOTE = {
  verified: 'verification.verified',
  'partly-verified': 'verification.partlyVerified',
  'not-verified': 'verification.notVerified',
} as const;

/** The same colours as the verification result above (verification.css). */
const NOTE_CLASS = {
  verified: 'verification-ok',
  'partly-verified': 'verification-partial',
  'not-verified': 'verification-failed',
} as const;

/** Facts named in this namespace; the others are behaviours, named as the diary names them. */
function useFactLabel(): (fact: SummaryFactId) => string {
  const { t } = useTranslation(['advocate', 'diary']);
  return (fact) => {
    switch (fact) {
      case 'reported-to-police':
      case 'witnesses-named':
      case 'files-attached':
        return t(`advocate:facts.${fact}`);
      default:
        return t(`diary:behaviours.${fact}`);
    }
  };
}

/**
 * Opens the entry and moves to it. In-page "#" addresses are not followed: the address bar
 * always reads "/" (see app/router), so focus moves here as the shell's skip link does.
 */
function goToEntry(event: MouseEvent<HTMLAnchorElement>, number: number): void {
  event.preventDefault();
  const item = document.getElementById(packageEntryId(number));
  const details = item?.querySelector('details');
  if (!item || !details) return;
  details.open = true;
  details.querySelector('summary')?.focus();
  item.scrollIntoView?.({ block: 'start' });
}

/** At most MAX_ENTRY_LINKS links, then how many more: a package may hold many thousand entries. */
function EntryLinks({ entries }: { entries: readonly SummaryEntryRef[] }) {
  const { t } = useTranslation('advocate');
  const number = new Intl.NumberFormat(useLocale());
  const { shown, more } = namedEntries({ entries });
  return (
    <>
      {shown.map((ref, index) => (
        <Fragment key={ref.id}>
          {index > 0 && `${t('separator')} `}
          <a
            href={`#${packageEntryId(ref.number)}`}
            aria-label={t('goToEntry', { number: number.format(ref.number) })}
            onClick={(event) => goToEntry(event, ref.number)}
          >
            {number.format(ref.number)}
          </a>
        </Fragment>
      ))}
      {more > 0 && (
        <>
          {' '}
          <span className="hint">{t('more', { count: more, number: number.format(more) })}</span>
        </>
      )}
    </>
  );
}

/**
 * The advocate's summary of an opened package: how many of its incidents record each fact, each
 * entry a link to the incident below. It is computed from the entries this screen lists, and
 * says whether those passed the check: a package that did not is still summarised (its entries
 * are shown too), but the summary says its counts come from unverified content.
 */
export function AdvocateSummary({ document: exported, verification }: AdvocateSummaryProps) {
  const { t } = useTranslation('advocate');
  const language = useLocale();
  const factLabel = useFactLabel();
  const summary = useMemo(() => advocateSummary(exported), [exported]);
  if (summary.incidents === 0) return null;
  const number = new Intl.NumberFormat(language);
  const outcome = verifiedStatement(verification).outcome;
  const { scope } = exported;
  const selection = scope.pickedIncidents || Boolean(scope.from) || Boolean(scope.to) || scope.behaviours.length > 0;
  return (
    <section className="advocate-summary" aria-labelledby="advocate-summary-title">
      <h2 id="advocate-summary-title">{t('title')}</h2>
      <p>{t('intro.package')}</p>
      {selection && <p>{t('selection.package')}</p>}
      <p>
        <strong>{t('notAssessment.package')}</strong>
      </p>
      <p className={`notice ${NOTE_CLASS[outcome]}`}>{t(VERIFICATION_NOTE[outcome])}</p>
      <dl className="advocate-summary-facts">
        <dt>{t('incidents')}</dt>
        <dd>{number.format(summary.incidents)}</dd>
        <dt>{t('dates')}</dt>
        <dd>
          {summary.firstDate && summary.lastDate
            ? t('range', { from: formatCalendarDate(summary.firstDate, language), to: formatCalendarDate(summary.lastDate, language) })
            : t('noDates')}
          {summary.undated.length > 0 && summary.firstDate && (
            <>
              {' '}
              <span className="hint">({t('undated', { count: summary.undated.length })})</span>
            </>
          )}
        </dd>
      </dl>
      <table className="advocate-summary-table">
        <thead>
          <tr>
            <th scope="col">{t('columns.fact')}</th>
            <th scope="col">{t('columns.count')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.facts.map((fact) => (
            <tr key={fact.fact}>
              <th scope="row">{factLabel(fact.fact)}</th>
              <td>
                {/* Left out of every entry: no 0 that could read as "none". */}
                {(fact.entries.length > 0 || fact.leftOut.length === 0) && <strong>{number.format(fact.entries.length)}</strong>}
                {fact.entries.length > 0 && (
                  <>
                    {' '}
                    <span className="hint">{t('entriesLead', { count: fact.entries.length })}</span> <EntryLinks entries={fact.entries} />
                  </>
                )}
                {fact.leftOut.length > 0 && (
                  <span className="hint">
                    {fact.entries.length > 0 && ' '}
                    {t('leftOut', { count: fact.leftOut.length })}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('zero')}</p>
    </section>
  );
}
