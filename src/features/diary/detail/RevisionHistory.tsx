import { useTranslation } from 'react-i18next';
import type { HistoryStep } from '../../../core/diary/revisionHistory';
import { formatMoment } from '../../../shared/format/formatWhen';
import { useLocale } from '../../../shared/hooks/useLocale';
import { ChangeItem } from './ChangeItem';

/** When it was first written down, then every later save and what it changed. */
export function RevisionHistory({ steps }: { steps: readonly HistoryStep[] }) {
  const { t } = useTranslation('diary');
  const language = useLocale();
  return (
    <section aria-labelledby="incident-history" className="incident-history">
      <h2 id="incident-history">{t('history.title')}</h2>
      <p className="hint">{t('history.intro')}</p>
      <ol className="history">
        {steps.map((step) => (
          <li key={step.revision} className="history-step">
            <p className="history-when">
              {step.kind === 'written'
                ? t('history.written', { moment: formatMoment(step.recordedAt, language) })
                : t('history.edited', { moment: formatMoment(step.recordedAt, language) })}
            </p>
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
        ))}
      </ol>
    </section>
  );
}
