import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../shared/ui/PasswordField';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';
import { useVault } from '../../shared/vault/useVault';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';

/** Makes a new recovery key (the old one stops working) and shows it once. */
export function NewRecoveryKeyForm() {
  const { t } = useTranslation('vault');
  const { vault } = useVault();
  const errorMessage = useVaultErrorMessage();
  const [passphrase, setPassphrase] = useState('');
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) {
      setError(t('unlock.empty'));
      return;
    }
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      setRecoveryKey(await vault.newRecoveryKey(passphrase));
      setPassphrase('');
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  if (recoveryKey) {
    return (
      <RecoveryKeyPanel
        recoveryKey={recoveryKey}
        busy={false}
        continueLabel={t('newRecovery.finished')}
        onConfirmed={() => {
          setRecoveryKey(null);
          setDone(true);
        }}
      />
    );
  }

  return (
    <form onSubmit={create} noValidate aria-labelledby="new-recovery-title">
      <h3 id="new-recovery-title">{t('newRecovery.title')}</h3>
      <p>{t('newRecovery.body')}</p>
      <PasswordField
        label={t('change.current')}
        value={passphrase}
        onChange={setPassphrase}
        autoComplete="current-password"
        error={error}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {t('newRecovery.button')}
        </button>
      </div>
      <p role="status" className="success">
        {done ? t('newRecovery.done') : ''}
      </p>
    </form>
  );
}
