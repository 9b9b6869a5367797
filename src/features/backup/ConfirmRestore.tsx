import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { vaultErrorCode } from '../../core/vault/errorCodes';
import { useDiary } from '../../shared/diary/useDiary';
import { useFileErrorMessage } from '../../shared/errors/useFileErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { BusyButton } from '../../shared/ui/BusyButton';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { PassphraseInput } from '../../shared/ui/PassphraseInput';

interface ConfirmRestoreProps {
  /** Runs only once the diary passphrase has been confirmed; what it throws is shown here. */
  onConfirmed: () => Promise<void>;
  onCancel: () => void;
}

/**
 * A restore that deletes or changes incidents here asks for the diary's own passphrase again
 * first, so someone holding the unlocked phone for a moment cannot do it. A wrong one writes
 * nothing.
 */
export function ConfirmRestore({ onConfirmed, onCancel }: ConfirmRestoreProps) {
  const { t } = useTranslation('export');
  const { confirmPassphrase } = useDiary();
  const fileError = useFileErrorMessage();
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, setError, run } = useAsyncAction((caught: unknown) => {
    switch (vaultErrorCode(caught)) {
      case 'wrong-passphrase':
        return t('restore.confirmWrong');
      case 'throttled':
        return t('restore.confirmThrottled');
      default:
        return fileError(caught);
    }
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) {
      setError(t('restore.confirmEmpty'));
      return;
    }
    await run(async () => {
      await confirmPassphrase(passphrase);
      // Not kept once checked.
      setPassphrase('');
      await onConfirmed();
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <PassphraseInput label={t('restore.confirmPassphrase')} hint={t('restore.confirmHint')} value={passphrase} onChange={setPassphrase} />
      <div className="button-row">
        <BusyButton type="submit" className="button primary" busy={busy} label={t('restore.restore')} busyLabel={t('restore.restoring')} />
        <button type="button" className="button" disabled={busy} onClick={onCancel}>
          {t('restore.another')}
        </button>
      </div>
      <ErrorAlert message={error} />
    </form>
  );
}
