import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVault } from '../../shared/vault/useVault';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

/** Deletes the diary and everything in it, after two deliberate steps. */
export function EraseEverything() {
  const { t } = useTranslation('vault');
  const { vault } = useVault();
  const errorMessage = useVaultErrorMessage();
  const [step, setStep] = useState<'idle' | 'confirm'>('idle');
  const [typed, setTyped] = useState('');
  const { busy, error, run } = useAsyncAction(errorMessage);
  const word = t('erase.word');

  // Erasing ends on the set-up screen: it stays busy until then, and a failure replaces the last one.
  const erase = () =>
    run(
      async () => {
        await vault.erase();
      },
      { keepError: true, busyAfterSuccess: true },
    );

  return (
    <div>
      <h3>{t('erase.title')}</h3>
      <p>{t('erase.body')}</p>
      {step === 'idle' ? (
        <button type="button" className="button danger" onClick={() => setStep('confirm')}>
          {t('erase.start')}
        </button>
      ) : (
        <div className="danger-zone" role="group" aria-labelledby="erase-confirm-title">
          <p id="erase-confirm-title" className="error">
            {t('erase.warning')}
          </p>
          <label htmlFor="erase-word">{t('erase.typeWord', { word })}</label>
          <input id="erase-word" type="text" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />
          <div className="button-row">
            <button
              type="button"
              className="button danger"
              disabled={busy || typed.trim().toLocaleUpperCase() !== word.toLocaleUpperCase()}
              onClick={erase}
            >
              {t('erase.confirm')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setStep('idle');
                setTyped('');
              }}
            >
              {t('erase.cancel')}
            </button>
          </div>
          <ErrorAlert message={error} />
        </div>
      )}
    </div>
  );
}
