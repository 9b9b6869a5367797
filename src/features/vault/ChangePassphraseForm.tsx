import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NewPassphraseFields, useNewPassphrase } from '../../shared/ui/NewPassphraseFields';
import { PasswordField } from '../../shared/ui/PasswordField';
import { useVault } from '../../shared/vault/useVault';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { SubmitRow } from '../../shared/ui/SubmitRow';

/** Needs the current passphrase; rewraps the key, never re-encrypts the diary. */
export function ChangePassphraseForm() {
  const { t } = useTranslation('vault');
  const { vault } = useVault();
  const errorMessage = useVaultErrorMessage();
  const [current, setCurrent] = useState('');
  const passphrase = useNewPassphrase();
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, setError, run } = useAsyncAction(errorMessage);
  const [done, setDone] = useState(false);

  const change = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setDone(false);
    if (!current) {
      setError(t('unlock.empty'));
      return;
    }
    if (await passphrase.check()) return;
    await run(async () => {
      await vault.changePassphrase(current, passphrase.passphrase);
      setCurrent('');
      passphrase.setPassphrase('');
      passphrase.setConfirmation('');
      setSubmitted(false);
      setDone(true);
    });
  };

  return (
    <form onSubmit={change} noValidate aria-labelledby="change-passphrase-title">
      <h3 id="change-passphrase-title">{t('change.title')}</h3>
      <PasswordField label={t('change.current')} value={current} onChange={setCurrent} autoComplete="current-password" error={error} />
      <NewPassphraseFields state={passphrase} showErrors={submitted} />
      <SubmitRow primary busy={busy} label={t('change.button')} busyLabel={t('change.working')} status={done ? t('change.done') : ''} />
    </form>
  );
}
