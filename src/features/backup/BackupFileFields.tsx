import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckedBackup } from '../../core/backup/checkBackup';
import { PasswordField } from '../../shared/ui/PasswordField';
import { FileButton } from '../../shared/ui/FileButton';

import { useFileErrorMessage } from '../../shared/errors/useFileErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { BusyButton } from '../../shared/ui/BusyButton';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

interface BackupFileFieldsProps {
  onChecked: (backup: CheckedBackup) => void;
  submitLabel: string;
}

/**
 * Choose a backup file and type its passphrase; the whole file is read and checked before
 * anything else happens. Errors say what is wrong with the file and that nothing changed.
 */
export function BackupFileFields({ onChecked, submitLabel }: BackupFileFieldsProps) {
  const { t } = useTranslation('export');
  const errorMessage = useFileErrorMessage();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, setError, run } = useAsyncAction(errorMessage);

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!file) {
      setError(t('restore.noFile'));
      return;
    }
    if (!passphrase) {
      setError(t('restore.noPassphrase'));
      return;
    }
    await run(async () => {
      const { checkBackup } = await import('../../core/backup/checkBackup');
      onChecked(await checkBackup(file, passphrase));
    });
  };

  return (
    <form onSubmit={check} noValidate>
      <div className="field">
        <p className="hint">{t('restore.fileHint')}</p>
        <FileButton
          label={t('restore.file')}
          accept=""
          onFiles={([chosen]) => {
            setFile(chosen ?? null);
            setError(null);
          }}
        />
        {file && (
          <p className="chosen-file">
            {t('restore.chosen')} <bdi>{file.name}</bdi>
          </p>
        )}
      </div>
      <PasswordField label={t('restore.passphrase')} value={passphrase} onChange={setPassphrase} autoComplete="off" />
      <div className="button-row">
        <BusyButton type="submit" className="button primary" busy={busy} label={submitLabel} busyLabel={t('restore.checking')} />
      </div>
      <ErrorAlert message={error} />
    </form>
  );
}
