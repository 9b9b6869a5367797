import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PassphraseInput } from '../../shared/ui/PassphraseInput';
import { RecoverForm } from './RecoverForm';
import { useVault } from '../../shared/vault/useVault';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { BusyButton } from '../../shared/ui/BusyButton';
import { UnlockThrottledError } from '../../core/vault/vault';
import { preloadKdf } from '../../core/crypto';

/** The lock screen: reveals nothing about the diary, only asks for the passphrase. */
export function UnlockScreen() {
  const { t } = useTranslation('vault');
  const { vault } = useVault();
  const errorMessage = useVaultErrorMessage();
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, setError, run } = useAsyncAction(errorMessage);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [recovering, setRecovering] = useState(false);

  useEffect(() => {
    void vault.unlockWait().then((wait) => wait > 0 && setWaitUntil(Date.now() + wait));
  }, [vault]);

  useEffect(() => {
    if (waitUntil <= now) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waitUntil, now]);

  const secondsLeft = Math.max(0, Math.ceil((waitUntil - now) / 1000));

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || secondsLeft > 0) return;
    if (!passphrase) {
      setError(t('unlock.empty'));
      return;
    }
    // Busy ends also after success: another tab may lock again before this screen goes away.
    await run(async () => {
      try {
        await vault.unlock(passphrase);
        setPassphrase('');
      } catch (caught) {
        // Still busy: find out how long to wait before the next try, then show why it failed.
        // A wait that cannot be read must not hide why the unlock failed.
        const wait = caught instanceof UnlockThrottledError ? caught.waitMs : await vault.unlockWait().catch(() => 0);
        if (wait > 0) {
          setNow(Date.now());
          setWaitUntil(Date.now() + wait);
        }
        throw caught;
      }
    });
  };

  if (recovering) return <RecoverForm onCancel={() => setRecovering(false)} />;

  return (
    <article className="screen">
      <h1>{t('unlock.title')}</h1>
      <form onSubmit={unlock} noValidate>
        <PassphraseInput
          label={t('unlock.passphrase')}
          value={passphrase}
          onChange={(value) => {
            // Typing takes a few seconds: enough to fetch and compile Argon2id and the database's
            // code meanwhile, rather than on the page after Unlock is pressed.
            preloadKdf();
            vault.preloadDatabase();
            setPassphrase(value);
          }}
          error={error}
          autoFocus
        />
        {secondsLeft > 0 && (
          <p className="hint" role="status">
            {t('unlock.wait', { count: secondsLeft })}
          </p>
        )}
        {/* Unlocking takes a few seconds on a slow phone (Argon2id, in a worker so Quick exit still
            answers at once). No Cancel: nothing is stored until it ends, and Quick exit always works. */}
        <p className="visually-hidden" role="status">
          {busy ? t('unlock.unlocking') : ''}
        </p>
        <div className="button-row">
          <BusyButton
            type="submit"
            className="button primary"
            busy={busy}
            disabled={secondsLeft > 0}
            label={t('unlock.button')}
            busyLabel={t('unlock.unlocking')}
          />
        </div>
      </form>
      <p>
        <button type="button" className="link-button" onClick={() => setRecovering(true)}>
          {t('unlock.forgot')}
        </button>
      </p>
    </article>
  );
}
