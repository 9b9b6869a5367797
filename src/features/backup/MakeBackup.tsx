import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupPhase } from '../../core/backup/createBackup';
import type { CountProgress } from '../../core/workers/protocol';
import { isTaskCancelled } from '../../core/workers/runTask';
import { useUnsavedInput } from '../../shared/hooks/unsavedInput';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { BusyButton } from '../../shared/ui/BusyButton';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useDiary } from '../../shared/diary/useDiary';
import { FileReady } from '../../shared/files/FileReady';
import { asFile } from '../../shared/files/fileNames';
import { useFileErrorMessage } from '../../shared/errors/useFileErrorMessage';
import { NewPassphraseFields, useNewPassphrase } from '../../shared/ui/NewPassphraseFields';
import { TaskProgress } from '../../shared/ui/TaskProgress';
import { useProgress, useTaskRunner, type ProgressSource } from '../../shared/ui/useTaskProgress';
import { useInboxLimit } from './useInboxLimit';

type BackupProgress = CountProgress<BackupPhase>;

/** Everything, attachments included, into one file encrypted under a passphrase chosen now. */
export function MakeBackup({ onBackedUp }: { onBackedUp: () => void }) {
  // 'tasks' loads with the form, so the progress bar never waits for its strings.
  const { t } = useTranslation(['export', 'tasks']);
  const { makeBackup } = useDiary();
  const errorMessage = useFileErrorMessage();
  const passphrase = useNewPassphrase();
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, setError, run } = useAsyncAction(errorMessage);
  const task = useTaskRunner<BackupProgress>();
  const [cancelled, setCancelled] = useState(false);
  const cancelledNote = useRef<HTMLParagraphElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [damaged, setDamaged] = useState(0);
  const [inbox, setInbox] = useState({ carried: 0, damaged: 0, live: 0, beyondLimit: 0 });
  const inboxLimit = useInboxLimit();
  useUnsavedInput(passphrase.passphrase.length > 0 && file === null);

  // Stop goes away with the progress bar: focus moves to what happened instead.
  useEffect(() => {
    if (cancelled) cancelledNote.current?.focus();
  }, [cancelled]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    if (await passphrase.check()) return;
    setFile(null);
    setCancelled(false);
    await run(async () => {
      const now = new Date();
      try {
        const made = await task.start((signal, onProgress) => {
          return makeBackup(passphrase.passphrase, {
            now,
            signal,
            onProgress: (done, total, phase) => onProgress({ ...(phase ? { phase } : {}), done, total }),
          });
        });
        setFile(asFile(made.file, 'backup', now));
        setDamaged(made.damagedFiles.length);
        setInbox({
          carried: made.summary.inboxItems,
          damaged: made.damagedInboxItems,
          live: made.liveInboxItems,
          beyondLimit: made.inboxItemsBeyondLimit,
        });
      } catch (caught) {
        // Stopped on purpose: not a failure, and no file was made.
        if (!isTaskCancelled(caught)) throw caught;
        setCancelled(true);
      }
    });
  };

  return (
    <>
      <form onSubmit={create} noValidate>
        <p>{t('backup.passphraseIntro')}</p>
        <NewPassphraseFields state={passphrase} showErrors={submitted} />
        <div className="button-row">
          <BusyButton type="submit" className="button primary" busy={busy} label={t('backup.make')} busyLabel={t('backup.making')} />
        </div>
      </form>
      {task.running && <MakeBackupProgress source={task.source} onCancel={task.cancel} />}
      {cancelled && (
        <p className="hint" role="status" tabIndex={-1} ref={cancelledNote}>
          {t('tasks:cancelled')}
        </p>
      )}
      <ErrorAlert message={error} />
      {file && <FileReady file={file} onHandedOver={onBackedUp} />}
      {file && damaged > 0 && <p className="warning">{t('backup.damagedFiles', { count: damaged })}</p>}
      {file && inbox.carried > 0 && <p>{t('backup.inboxItems', { count: inbox.carried })}</p>}
      {file && inbox.damaged > 0 && <p className="warning">{t('backup.damagedInboxItems', { count: inbox.damaged })}</p>}
      {file && inbox.live > 0 && <p className="warning">{t('backup.liveInboxItems', { count: inbox.live })}</p>}
      {file && inbox.beyondLimit > 0 && (
        <p className="warning">{t('backup.inboxItemsBeyondLimit', { count: inbox.beyondLimit, max: inboxLimit })}</p>
      )}
    </>
  );
}

/** The backup's progress bar: only this redraws as the backup is written. */
function MakeBackupProgress({ source, onCancel }: { source: ProgressSource<BackupProgress>; onCancel: () => void }) {
  const { t } = useTranslation('export');
  const progress = useProgress(source);
  return (
    <TaskProgress
      label={progress?.phase ? t(`progress.makeBackup.${progress.phase}`) : t('backup.making')}
      progress={progress && progress.total > 0 ? progress : null}
      onCancel={onCancel}
      cancelLabel={t('progress.cancelMake')}
    />
  );
}
