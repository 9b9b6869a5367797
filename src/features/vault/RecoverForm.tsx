import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NewPassphraseFields, useNewPassphrase } from '../../shared/ui/NewPassphraseFields';
import { PassphraseInput } from '../../shared/ui/PassphraseInput';
import { useVault } from '../../shared/vault/useVault';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { BusyButton } from '../../shared/ui/BusyButton';

/** Forgotten passphrase: the recovery key opens the diary, and a new passphrase must be chosen. */
export function RecoverForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation('vault');
  const { vault } = useVault();
  const errorMessage = useVaultErrorMessage();
  const [recoveryKey, setRecoveryKey] = useState('');
  const passphrase = useNewPassphrase();
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, setError, run } = useAsyncAction(errorMessage);

  const recover = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!recoveryKey.trim()) {
      setError(t('recover.emptyKey'));
      return;
    }
    if (await passphrase.check()) return;
    await run(async () => {
      await vault.recover(recoveryKey, passphrase.passphrase);
    });
  };

  return (
    <article className="screen">
      <h1>{t('recover.title')}</h1>
      <p>{t('recover.body')}</p>
      <form onSubmit={recover} noValidate>
        <PassphraseInput
          label={t('recover.keyLabel')}
          hint={t('recover.keyHint')}
          value={recoveryKey}
          onChange={setRecoveryKey}
          error={error}
          monospace
        />
        <h2>{t('recover.newTitle')}</h2>
        <NewPassphraseFields state={passphrase} showErrors={submitted} />
        <div className="button-row">
          <BusyButton type="submit" className="button primary" busy={busy} label={t('recover.button')} busyLabel={t('recover.working')} />
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            {t('recover.cancel')}
          </button>
        </div>
      </form>
    </article>
  );
}
