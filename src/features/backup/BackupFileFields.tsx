import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckedBackup } from '../../core/backup/checkBackup';
import { PasswordField } from '../vault/PasswordField';
import { useExportErrorMessage } from '../export/useExportErrorMessage';

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
  const errorMessage = useExportErrorMessage();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

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
    setBusy(true);
    try {
      const { checkBackup } = await import('../../core/backup/checkBackup');
      onChecked(await checkBackup(file, passphrase));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={check} noValidate>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('restore.file')}</label>
        <p className="hint" id={`${id}-file-hint`}>
          {t('restore.fileHint')}
        </p>
        <input
          id={`${id}-file`}
          type="file"
          aria-describedby={`${id}-file-hint`}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
          }}
        />
      </div>
      <PasswordField label={t('restore.passphrase')} value={passphrase} onChange={setPassphrase} autoComplete="off" />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('restore.checking') : submitLabel}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
