import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

interface RecoveryKeyPanelProps {
  recoveryKey: string;
  busy: boolean;
  continueLabel: string;
  onConfirmed: () => void;
  /** A way back, for a key not stored yet (nothing changes). No button when absent. */
  onCancel?: () => void;
  cancelLabel?: string;
  /** What went wrong on continuing (the key is still shown, to try again). */
  error?: string | null;
}

/** Shows a recovery key once and asks the user to confirm they have kept it. */
export function RecoveryKeyPanel({ recoveryKey, busy, continueLabel, onConfirmed, onCancel, cancelLabel, error }: RecoveryKeyPanelProps) {
  const { t } = useTranslation('vault');
  const [kept, setKept] = useState(false);
  const checkboxId = useId();
  return (
    <section aria-labelledby="recovery-key-title">
      <h2 id="recovery-key-title">{t('recoveryKey.title')}</h2>
      <p>{t('recoveryKey.what')}</p>
      <p className="recovery-key" aria-label={t('recoveryKey.label')} data-testid="recovery-key">
        {recoveryKey.split('-').map((group, index) => (
          <span key={index}>{group}</span>
        ))}
      </p>
      <ul>
        <li>{t('recoveryKey.writeDown')}</li>
        <li>{t('recoveryKey.keepSafe')}</li>
        <li>{t('recoveryKey.onlyOnce')}</li>
      </ul>
      <div className="choice">
        <input id={checkboxId} type="checkbox" checked={kept} onChange={(event) => setKept(event.target.checked)} />
        <label htmlFor={checkboxId}>{t('recoveryKey.confirm')}</label>
      </div>
      <ErrorAlert message={error} />
      <div className="button-row">
        <button type="button" className="button primary" disabled={!kept || busy} onClick={onConfirmed}>
          {continueLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" disabled={busy} onClick={onCancel}>
            {cancelLabel}
          </button>
        )}
      </div>
    </section>
  );
}
