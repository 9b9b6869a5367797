import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVault } from '../../shared/vault/useVault';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';

/** Deletes the diary and everything in it, after two deliberate steps. */
export function EraseEverything() {
  const { t } = useTranslation('vault');
  const { vault, refresh } = useVault();
  const errorMessage = useVaultErrorMessage();
  const [step, setStep] = useState<'idle' | 'confirm'>('idle');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const word = t('erase.word');

  const erase = async () => {
    setBusy(true);
    try {
      await vault.erase();
      await refresh();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

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
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
