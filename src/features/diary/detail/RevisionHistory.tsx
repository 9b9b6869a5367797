import { useTranslation } from 'react-i18next';
import type { HistoryStep } from '../../../core/diary/revisionHistory';
import { formatMoment } from '../../../shared/format/formatWhen';
import { useLocale } from '../../../shared/hooks/useLocale';
import type { ClockNotice } from '../clock/clockNote';
import { ChangeItem } from './ChangeItem';

interface RevisionHistoryProps {
  steps: readonly HistoryStep[];
  /** Each version's clock note (saved more than a day after the previous record, or the clock read earlier), by revision. */
  clockNotes?: ReadonlyMap<number, ClockNotice>;
}

/**
 * When it was first written down, then every later save and what it changed. Every time is the
 * device's own clock reading, and says so; a version with a clock note says that too.
 */
export function RevisionHistory({ steps, clockNotes }: RevisionHistoryProps) {
  const { t } = useTranslation('diary');
  const language = useLocale();
  const clockNote = ({ kind, previousAt }: ClockNotice) =>
    previousAt === null
      ? t(kind === 'behind' ? 'history.clockBehindNoTime' : 'history.clockAheadNoTime')
      : t(kind === 'behind' ? 'history.clockBehind' : 'history.clockAhead', { moment: formatMoment(previousAt, language) });
  return (
    <section aria-labelledby="incident-history" className="incident-history">
      <h2 id="incident-history">{t('history.title')}</h2>
      <p className="hint">{t('history.intro')}</p>
      <ol className="history">
        {steps.map((step) => {
          const note = clockNotes?.get(step.revision);
          return (
            <li key={step.revision} className="history-step">
              <p className="history-when">
                {step.kind === 'written'
                  ? t('history.written', { moment: formatMoment(step.recordedAt, language) })
                  : t('history.edited', { moment: formatMoment(step.recordedAt, language) })}
              </p>
              {note && <p className="history-clock">{clockNote(note)}</p>}
              {step.kind === 'edited' &&
                (step.changes === null ? (
                  <p className="hint">{t('history.unavailable')}</p>
                ) : step.changes.length === 0 ? (
                  <p className="hint">{t('history.noChanges')}</p>
                ) : (
                  <ul className="changes">
                    {step.changes.map((change) => (
                      <ChangeItem key={change.field} change={change} />
                    ))}
                  </ul>
                ))}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
