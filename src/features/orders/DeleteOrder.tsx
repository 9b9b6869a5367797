import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { BusyButton } from '../../shared/ui/BusyButton';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

/**
 * Delete in two clear steps on the page itself: "Delete this order", then a panel that says
 * what deleting does and asks again. The caller removes the order and moves on.
 */
export function DeleteOrder({ onDelete }: { onDelete: () => Promise<void> }) {
  const { t } = useTranslation('orders');
  const errorMessage = useVaultErrorMessage();
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useAsyncAction(errorMessage);
  const id = useId();
  const title = useRef<HTMLHeadingElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  // Focus moves into the question when it appears, and back to the button when it is cancelled.
  useEffect(() => {
    if (asking) title.current?.focus();
    else if (wasAsking.current) start.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <div className="button-row order-delete-start">
        <button ref={start} type="button" className="button" onClick={() => setAsking(true)}>
          {t('delete.button')}
        </button>
      </div>
    );
  }
  return (
    <section className="danger-zone order-delete-confirm" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`}>
      <h2 id={`${id}-title`} ref={title} tabIndex={-1}>
        {t('delete.title')}
      </h2>
      <p id={`${id}-body`}>{t('delete.body')}</p>
      <ErrorAlert message={error} />
      <div className="button-row">
        <BusyButton
          className="button danger"
          busy={busy}
          label={t('delete.confirm')}
          busyLabel={t('delete.deleting')}
          onClick={() => void run(onDelete, { busyAfterSuccess: true })}
        />
        <button type="button" className="button" onClick={() => setAsking(false)} disabled={busy}>
          {t('delete.cancel')}
        </button>
      </div>
    </section>
  );
}
