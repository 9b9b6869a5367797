import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PassphraseInput } from '../../shared/ui/PassphraseInput';
import { RecoverForm } from './RecoverForm';
import { useVault } from '../../shared/vault/useVault';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { useStoppable } from '../../shared/hooks/useStoppable';
import { BusyButton } from '../../shared/ui/BusyButton';
import { UnlockThrottledError } from '../../core/vault/vault';
import { preloadKdf } from '../../core/crypto';
import { inIdleTurns } from '../../core/workers/whenIdle';

/**
 * The lock screen: reveals nothing about the diary, only asks for the passphrase. `onTyping`:
 * called on each keystroke, for the app to fetch what the unlocked diary shows first.
 */
export function UnlockScreen({ onTyping }: { onTyping?: () => void } = {}) {
  const { t } = useTranslation('vault');
  const { vault } = useVault();
  const errorMessage = useVaultErrorMessage();
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, setError, run } = useAsyncAction(errorMessage);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [recovering, setRecovering] = useState(false);
  /** The unlock under way, for Stop (leaving the screen mid-unlock, say another tab erased the diary, stops it too). */
  const unlocking = useStoppable(run);
  /** The keys are open (Vault.unlock's onKeysOpened): Stop would do nothing now, so it is gone. */
  const [opening, setOpening] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  /** An unlock is under way: a warm-up the typing asked for that has not started yet is not wanted now. */
  const submitting = useRef(false);

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
    setOpening(false);
    submitting.current = true;
    // Busy ends also after success: another tab may lock again before this screen goes away.
    // Stopped is not a failure: no error and no wait to look up (none was counted).
    let wasStopped: boolean;
    try {
      wasStopped = await unlocking.start(
        async (signal) => {
          try {
            await vault.unlock(passphrase, { signal, onKeysOpened: () => setOpening(true) });
            setPassphrase('');
          } finally {
            setOpening(false);
          }
        },
        async (caught) => {
          // Still busy: find out how long to wait before the next try, then show why it failed.
          // A wait that cannot be read must not hide why the unlock failed.
          const wait = caught instanceof UnlockThrottledError ? caught.waitMs : await vault.unlockWait().catch(() => 0);
          if (wait > 0) {
            setNow(Date.now());
            setWaitUntil(Date.now() + wait);
          }
        },
      );
    } finally {
      submitting.current = false;
    }
    if (wasStopped) {
      // The passphrase stays in the field, hidden as it was: someone who pressed Stop in a hurry
      // (a typo seen, the wrong moment) can press Unlock again at once, or select it and retype,
      // without having to type it all again under pressure. Quick exit, not Stop, is for leaving.
      form.current?.querySelector('input')?.focus();
    }
  };

  const stop = unlocking.stop;

  if (recovering) return <RecoverForm onCancel={() => setRecovering(false)} />;

  const recover = () => {
    // The recovery key replaces an unlock under way: it is stopped, as with Stop.
    stop();
    setRecovering(true);
  };

  return (
    <article className="screen">
      <h1>{t('unlock.title')}</h1>
      <form ref={form} onSubmit={unlock} noValidate>
        <PassphraseInput
          label={t('unlock.passphrase')}
          value={passphrase}
          onChange={(value) => {
            unlocking.setStopped(false);
            // Typing takes a few seconds: enough to fetch and compile Argon2id and the database's
            // code meanwhile, rather than on the page after Unlock is pressed. Each at its own
            // idle moment, so the key's handler stays short for a Quick exit pressed then. A
            // warm-up that comes after Unlock (a form filled and sent at once) is skipped: the
            // unlock has already taken or started its worker, and a second would only wait idle.
            inIdleTurns([() => submitting.current || preloadKdf(), () => vault.preloadDatabase()]).catch(() => undefined);
            onTyping?.();
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
            answers at once). Argon2id says nothing of how far it has got, so the bar only moves:
            no percentage that would be made up. Stop ends the worker; nothing is stored. Once the
            keys are open, Stop would do nothing (the diary opens whatever it says), so it goes and
            the screen says what is happening instead. */}
        <p className="visually-hidden" role="status">
          {busy ? t(opening ? 'unlock.opening' : 'unlock.unlocking') : ''}
        </p>
        {busy && <progress aria-label={t(opening ? 'unlock.opening' : 'unlock.unlocking')} />}
        {unlocking.stopped && !busy && (
          <p className="hint" role="status">
            {t('unlock.stopped')}
          </p>
        )}
        <div className="button-row">
          <BusyButton
            type="submit"
            className="button primary"
            busy={busy}
            disabled={secondsLeft > 0}
            label={t('unlock.button')}
            busyLabel={t('unlock.unlocking')}
          />
          {busy && !opening && (
            <button type="button" className="button" onClick={stop}>
              {t('unlock.stop')}
            </button>
          )}
        </div>
      </form>
      <p>
        {/* Disabled once the keys are open: it would stop nothing, and the diary opens anyway. */}
        <button type="button" className="link-button" onClick={recover} disabled={opening}>
          {t('unlock.forgot')}
        </button>
      </p>
    </article>
  );
}
