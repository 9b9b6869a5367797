import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PassphraseInput } from '../../shared/ui/PassphraseInput';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';
import { useVault } from '../../shared/vault/useVault';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { useStoppable } from '../../shared/hooks/useStoppable';
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
  /** The check of the passphrase under way (Argon2id), for Stop; a stop leaves the recovery key as it was. */
  const making = useStoppable(run);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) {
      setError(t('unlock.empty'));
      return;
    }
    setDone(false);
    await making.start(async (signal) => {
      if (replaceKey) setPending(await vault.prepareKeyReplacement(passphrase, undefined, { signal }));
      else setRecoveryKey(await vault.newRecoveryKey(passphrase, { signal }));
      setPassphrase('');
    });
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
        status={done ? t('newRecovery.done') : making.stopped ? t('newRecovery.stopped') : ''}
        stop={{ label: t('unlock.stop'), onStop: making.stop }}
      />
    </form>
  );
}
