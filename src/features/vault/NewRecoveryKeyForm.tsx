import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PassphraseInput } from '../../shared/ui/PassphraseInput';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';
import { useVault } from '../../shared/vault/useVault';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { SubmitRow } from '../../shared/ui/SubmitRow';
import type { PendingKeyReplacement } from '../../core/vault/vault';
import { REPLACE_KEY_BY_DEFAULT, ReplaceKeyChoice } from './ReplaceKeyChoice';
import { useKeysErrorMessage } from './useKeysErrorMessage';

/**
 * Makes a new recovery key (the old one stops working) and shows it once. With "Also replace the
 * key" ticked, nothing is stored until the new key is kept; then a new data key is stored and
 * every record re-encrypted (progress in SecuritySettings).
 */
export function NewRecoveryKeyForm() {
  const { t } = useTranslation(['vault', 'keys']);
  const { vault } = useVault();
  const errorMessage = useKeysErrorMessage();
  const [passphrase, setPassphrase] = useState('');
  const [replaceKey, setReplaceKey] = useState(REPLACE_KEY_BY_DEFAULT);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingKeyReplacement | null>(null);
  const { busy, error, setError, run } = useAsyncAction(errorMessage);
  const [done, setDone] = useState(false);
  /** The check of the passphrase under way (Argon2id), for Stop; and whether it was stopped. */
  const making = useRef<AbortController | null>(null);
  const [stopped, setStopped] = useState(false);
  useEffect(() => () => making.current?.abort(), []);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) {
      setError(t('unlock.empty'));
      return;
    }
    setDone(false);
    setStopped(false);
    const controller = new AbortController();
    making.current = controller;
    const { signal } = controller;
    let wasStopped = false;
    await run(async () => {
      try {
        if (replaceKey) setPending(await vault.prepareKeyReplacement(passphrase, undefined, { signal }));
        else setRecoveryKey(await vault.newRecoveryKey(passphrase, { signal }));
        setPassphrase('');
      } catch (caught) {
        // Stopped: the recovery key is as it was, which is said rather than shown as an error.
        if (signal.aborted && (await import('../../core/workers/runTask')).isTaskCancelled(caught)) {
          wasStopped = true;
          return;
        }
        throw caught;
      } finally {
        if (making.current === controller) making.current = null;
      }
    });
    if (wasStopped) setStopped(true);
  };

  if (pending) {
    return (
      <section aria-labelledby="new-recovery-title">
        <h3 id="new-recovery-title">{t('newRecovery.title')}</h3>
        <p>{t('keys:newKey.why')}</p>
        <RecoveryKeyPanel
          recoveryKey={pending.recoveryKey}
          busy={busy}
          continueLabel={busy ? t('keys:newKey.working') : t('keys:newKey.startRecovery')}
          onConfirmed={() =>
            void run(async () => {
              await pending.commit();
              setPending(null);
              setDone(true);
            })
          }
          onCancel={() => setPending(null)}
          cancelLabel={t('keys:newKey.cancel')}
          error={error}
        />
      </section>
    );
  }

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
      <PassphraseInput label={t('change.current')} value={passphrase} onChange={setPassphrase} error={error} />
      <ReplaceKeyChoice checked={replaceKey} onChange={setReplaceKey} />
      <SubmitRow
        busy={busy}
        label={t('newRecovery.button')}
        status={done ? t('newRecovery.done') : stopped ? t('newRecovery.stopped') : ''}
        stop={{ label: t('unlock.stop'), onStop: () => making.current?.abort() }}
      />
    </form>
  );
}
