import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NewPassphraseFields, useNewPassphrase } from '../../shared/ui/NewPassphraseFields';
import { PassphraseInput } from '../../shared/ui/PassphraseInput';
import { useVault } from '../../shared/vault/useVault';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { useStoppable } from '../../shared/hooks/useStoppable';
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
  /** The recovery under way, for Stop (leaving the screen stops it too; nothing is stored before it ends). */
  const recovering = useStoppable(run);
  /** The new header is about to be stored (Vault.recover's onKeysOpened): Stop would do nothing now. */
  const [opening, setOpening] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const recover = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSubmitted(true);
    recovering.setStopped(false);
    if (!recoveryKey.trim()) {
      setError(t('recover.emptyKey'));
      return;
    }
    if (await passphrase.check()) return;
    setOpening(false);
    const wasStopped = await recovering.start(async (signal) => {
      try {
        await vault.recover(recoveryKey, passphrase.passphrase, { signal, onKeysOpened: () => setOpening(true) });
      } finally {
        setOpening(false);
      }
    });
    if (wasStopped) {
      // Everything typed stays (hidden as it was), so another try is one press away; the focus
      // goes back to the first field, where it was before the press.
      form.current?.querySelector('input')?.focus();
    }
  };

  return (
    <article className="screen">
      <h1>{t('recover.title')}</h1>
      <p>{t('recover.body')}</p>
      <form ref={form} onSubmit={recover} noValidate>
        <PassphraseInput
          label={t('recover.keyLabel')}
          hint={t('recover.keyHint')}
          value={recoveryKey}
          onChange={(value) => {
            recovering.setStopped(false);
            setRecoveryKey(value);
          }}
          error={error}
          monospace
        />
        <h2>{t('recover.newTitle')}</h2>
        <NewPassphraseFields state={passphrase} showErrors={submitted} />
        {/* Argon2id for the new passphrase takes seconds on a slow phone and says nothing of how
            far it has got: the bar only moves, with no made-up percentage. Once the new passphrase
            is being saved, Stop would do nothing, so it goes and the screen says so instead. */}
        <p className="visually-hidden" role="status">
          {busy ? t(opening ? 'recover.opening' : 'recover.working') : ''}
        </p>
        {busy && <progress aria-label={t(opening ? 'recover.opening' : 'recover.working')} />}
        {recovering.stopped && !busy && (
          <p className="hint" role="status">
            {t('recover.stopped')}
          </p>
        )}
        <div className="button-row">
          <BusyButton type="submit" className="button primary" busy={busy} label={t('recover.button')} busyLabel={t('recover.working')} />
          {busy && !opening && (
            <button type="button" className="button" onClick={recovering.stop}>
              {t('recover.stop')}
            </button>
          )}
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            {t('recover.cancel')}
          </button>
        </div>
      </form>
    </article>
  );
}
