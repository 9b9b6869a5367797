import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckBackupProgress, CheckedBackup } from '../../core/backup/checkBackup';
import { isTaskCancelled } from '../../core/workers/runTask';
import { PassphraseInput } from '../../shared/ui/PassphraseInput';
import { FileButton } from '../../shared/ui/FileButton';

import { useFileErrorMessage } from '../../shared/errors/useFileErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { BusyButton } from '../../shared/ui/BusyButton';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { TaskProgress } from '../../shared/ui/TaskProgress';
import { useProgress, useTaskRunner, type ProgressSource } from '../../shared/ui/useTaskProgress';

interface BackupFileFieldsProps {
  onChecked: (backup: CheckedBackup) => void;
  submitLabel: string;
}

/**
 * Choose a backup file and type its passphrase; the whole file is read and checked before
 * anything else happens, in a worker, with progress and a button to stop. Errors say what is
 * wrong with the file and that nothing changed.
 */
export function BackupFileFields({ onChecked, submitLabel }: BackupFileFieldsProps) {
  const { t } = useTranslation('export');
  const errorMessage = useFileErrorMessage();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [stopped, setStopped] = useState(false);
  const { busy, error, setError, run } = useAsyncAction(errorMessage);
  const task = useTaskRunner<CheckBackupProgress>();

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setStopped(false);
    if (!file) {
      setError(t('restore.noFile'));
      return;
    }
    if (!passphrase) {
      setError(t('restore.noPassphrase'));
      return;
    }
    await run(async () => {
      const { checkBackupInWorker } = await import('../../core/backup/checkBackupInWorker');
      let backup: CheckedBackup;
      try {
        backup = await task.start((signal, onProgress) => checkBackupInWorker(file, passphrase, { signal, onProgress }));
      } catch (caught) {
        // Stopped by the person (or by leaving the screen): not a failure, and nothing was read.
        if (!isTaskCancelled(caught)) throw caught;
        setStopped(true);
        return;
      }
      onChecked(backup);
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
            setStopped(false);
          }}
        />
        {file && (
          <p className="chosen-file">
            {t('restore.chosen')} <bdi>{file.name}</bdi>
          </p>
        )}
      </div>
      <PassphraseInput label={t('restore.passphrase')} value={passphrase} onChange={setPassphrase} />
      <div className="button-row">
        <BusyButton type="submit" className="button primary" busy={busy} label={submitLabel} busyLabel={t('restore.checking')} />
      </div>
      {task.running && <CheckProgress source={task.source} onCancel={task.cancel} />}
      {stopped && (
        <p className="notice" role="status">
          {t('progress.cancelled')}
        </p>
      )}
      <ErrorAlert message={error} />
    </form>
  );
}

/** The check's progress: only this redraws as it moves. */
function CheckProgress({ source, onCancel }: { source: ProgressSource<CheckBackupProgress>; onCancel: () => void }) {
  const { t } = useTranslation('export');
  const progress = useProgress(source);
  return (
    <TaskProgress
      label={t(`progress.backup.${progress?.phase ?? 'unlock'}`)}
      progress={progress && progress.total > 0 ? progress : null}
      onCancel={onCancel}
      cancelLabel={t('progress.cancelBackup')}
    />
  );
}
