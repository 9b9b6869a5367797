import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NewPassphraseFields, useNewPassphrase } from '../../shared/ui/NewPassphraseFields';
import { PassphraseInput } from '../../shared/ui/PassphraseInput';
import { useVault } from '../../shared/vault/useVault';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { useStoppable } from '../../shared/hooks/useStoppable';
import { SubmitRow } from '../../shared/ui/SubmitRow';
import type { PendingKeyReplacement } from '../../core/vault/vault';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';
import { REPLACE_KEY_BY_DEFAULT, ReplaceKeyChoice } from './ReplaceKeyChoice';
import { useKeysErrorMessage } from './useKeysErrorMessage';

/**
 * Needs the current passphrase. Rewraps the data key under the new passphrase; with "Also replace
 * the key" ticked, shows a new recovery key first and, once it is kept, stores a new data key and
 * re-encrypts every record (progress in SecuritySettings, resumed at the next unlock if interrupted).
 */
export function ChangePassphraseForm() {
  const { t } = useTranslation(['vault', 'keys']);
  const { vault } = useVault();
  const errorMessage = useKeysErrorMessage();
  const [current, setCurrent] = useState('');
  const passphrase = useNewPassphrase();
  const [replaceKey, setReplaceKey] = useState(REPLACE_KEY_BY_DEFAULT);
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, setError, run } = useAsyncAction(errorMessage);
  const [pending, setPending] = useState<PendingKeyReplacement | null>(null);
  const [done, setDone] = useState(false);
  /** The change under way (Argon2id for both passphrases), for Stop; a stop leaves the passphrase as it was. */
  const changing = useStoppable(run);

  const clear = () => {
    setCurrent('');
    passphrase.setPassphrase('');
    passphrase.setConfirmation('');
    setSubmitted(false);
  };

  const change = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setDone(false);
    if (!current) {
      setError(t('unlock.empty'));
      return;
    }
    if (await passphrase.check()) return;
    await changing.start(async (signal) => {
      if (replaceKey) {
        // Nothing is stored yet: the new recovery key is shown and kept first.
        setPending(await vault.prepareKeyReplacement(current, passphrase.passphrase, { signal }));
        return;
      }
      await vault.changePassphrase(current, passphrase.passphrase, { signal });
      clear();
      setDone(true);
    });
  };

  if (pending) {
    return (
      <section aria-labelledby="change-passphrase-title">
        <h3 id="change-passphrase-title">{t('change.title')}</h3>
        <p>{t('keys:newKey.why')}</p>
        <RecoveryKeyPanel
          recoveryKey={pending.recoveryKey}
          busy={busy}
          continueLabel={busy ? t('keys:newKey.working') : t('keys:newKey.startChange')}
          onConfirmed={() =>
            void run(async () => {
              await pending.commit();
              setPending(null);
              clear();
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

  return (
    <form onSubmit={change} noValidate aria-labelledby="change-passphrase-title">
      <h3 id="change-passphrase-title">{t('change.title')}</h3>
      <PassphraseInput label={t('change.current')} value={current} onChange={setCurrent} error={error} />
      <NewPassphraseFields state={passphrase} showErrors={submitted} />
      <ReplaceKeyChoice checked={replaceKey} onChange={setReplaceKey} />
      <SubmitRow
        primary
        busy={busy}
        label={t('change.button')}
        busyLabel={t('change.working')}
        status={done ? t('change.done') : changing.stopped ? t('change.stopped') : ''}
        stop={{ label: t('unlock.stop'), onStop: changing.stop }}
      />
    </form>
  );
}
