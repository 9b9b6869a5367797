import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../shared/ui/PasswordField';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';
import { useVault } from '../../shared/vault/useVault';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { SubmitRow } from '../../shared/ui/SubmitRow';

/** Makes a new recovery key (the old one stops working) and shows it once. */
export function NewRecoveryKeyForm() {
  const { t } = useTranslation('vault');
  const { vault } = useVault();
  const errorMessage = useVaultErrorMessage();
  const [passphrase, setPassphrase] = useState('');
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const { busy, error, setError, run } = useAsyncAction(errorMessage);
  const [done, setDone] = useState(false);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) {
      setError(t('unlock.empty'));
      return;
    }
    setDone(false);
    await run(async () => {
      setRecoveryKey(await vault.newRecoveryKey(passphrase));
      setPassphrase('');
    });
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
      <SubmitRow busy={busy} label={t('newRecovery.button')} status={done ? t('newRecovery.done') : ''} />
    </form>
  );
}
