import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { useLocale } from '../../shared/hooks/useLocale';
import type { SavedChecklistResult } from '../../core/checklist/result';
import { formatSavedAt } from './labels';
import type { ChecklistResults } from './useChecklistResults';

interface SavedResultsProps {
  results: ChecklistResults;
  onShow: (result: SavedChecklistResult) => void;
}

/** Results saved in the diary, newest first, each with its date; any can be shown or deleted. */
export function SavedResults({ results, onShow }: SavedResultsProps) {
  const { t } = useTranslation('checklist');
  const language = useLocale();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const { error, run } = useAsyncAction(() => true);

  const remove = (id: string) =>
    run(async () => {
      await results.remove(id);
      setConfirming(null);
      setMessage(t('saved.deleted'));
      // The deleted item's buttons are gone: keep focus in this section.
      heading.current?.focus();
    });

  return (
    <section className="checklist-saved" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('saved.title')}
      </h2>
      {results.state === 'loading' && <p className="loading">{t('saved.loading')}</p>}
      {results.state === 'failed' && (
        <p className="error" role="alert">
          {t('saved.loadFailed')}
        </p>
      )}
      {results.state === 'ready' && results.results.length === 0 && <p>{t('saved.empty')}</p>}
      {results.results.length > 0 && (
        <ul className="checklist-saved-list">
          {results.results.map((result) => {
            const date = formatSavedAt(result.savedAt, language);
            // The buttons are described by the date, so each one says which result it acts on.
            const dateId = `${headingId}-${result.id}`;
            return (
              <li key={result.id}>
                <p id={dateId} className="checklist-saved-date">
                  {t('saved.item', { date })}
                </p>
                {confirming === result.id ? (
                  <div role="group" aria-label={t('saved.confirm', { date })}>
                    <p>{t('saved.confirm', { date })}</p>
                    <div className="button-row">
                      <button type="button" className="button danger" onClick={() => void remove(result.id)}>
                        {t('saved.confirmYes')}
                      </button>
                      {/* Focus starts on the safe choice. */}
                      <button type="button" className="button" onClick={() => setConfirming(null)} autoFocus>
                        {t('saved.confirmNo')}
                      </button>
                    </div>
                  </div>
                ) : (
                  <div className="button-row">
                    <button type="button" className="button" aria-describedby={dateId} onClick={() => onShow(result)}>
                      {t('saved.open')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      aria-describedby={dateId}
                      onClick={() => {
                        setMessage('');
                        setConfirming(result.id);
                      }}
                    >
                      {t('saved.delete')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <p className="error" role="alert">
          {t('saved.deleteFailed')}
        </p>
      )}
      <p role="status" className="success">
        {message}
      </p>
    </section>
  );
}
