import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVaultErrorMessage } from '../../../shared/errors/useVaultErrorMessage';

/**
 * Delete in two clear steps on the page itself: "Delete", then a panel that says what
 * deleting does and asks again. The caller removes the entry and moves on.
 */
export function DeleteIncident({ onDelete }: { onDelete: () => Promise<void> }) {
  const { t } = useTranslation('diary');
  const errorMessage = useVaultErrorMessage();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const title = useRef<HTMLHeadingElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  // Move focus into the question when it appears, and back to "Delete" when it is cancelled.
  useEffect(() => {
    if (asking) title.current?.focus();
    else if (wasAsking.current) start.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onDelete();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  if (!asking) {
    return (
      <div className="button-row delete-start">
        <button ref={start} type="button" className="button" onClick={() => setAsking(true)}>
          {t('delete.button')}
        </button>
      </div>
    );
  }
  return (
    <section className="danger-zone delete-confirm" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`}>
      <h2 id={`${id}-title`} ref={title} tabIndex={-1}>
        {t('delete.title')}
      </h2>
      <p id={`${id}-body`}>{t('delete.body')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button danger" onClick={confirm} disabled={busy}>
          {busy ? t('delete.deleting') : t('delete.confirm')}
        </button>
        <button type="button" className="button" onClick={() => setAsking(false)} disabled={busy}>
          {t('delete.cancel')}
        </button>
      </div>
    </section>
  );
}
