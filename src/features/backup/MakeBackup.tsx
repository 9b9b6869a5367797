import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnsavedInput } from '../../shared/hooks/unsavedInput';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { BusyButton } from '../../shared/ui/BusyButton';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useDiary } from '../../shared/diary/useDiary';
import { FileReady } from '../../shared/files/FileReady';
import { asFile } from '../../shared/files/fileNames';
import { useFileErrorMessage } from '../../shared/errors/useFileErrorMessage';
import { NewPassphraseFields, useNewPassphrase } from '../../shared/ui/NewPassphraseFields';

/** Everything, attachments included, into one file encrypted under a passphrase chosen now. */
export function MakeBackup({ onBackedUp }: { onBackedUp: () => void }) {
  const { t } = useTranslation('export');
  const { makeBackup } = useDiary();
  const errorMessage = useFileErrorMessage();
  const passphrase = useNewPassphrase();
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, setError, run } = useAsyncAction(errorMessage);
  const [progress, setProgress] = useState<number | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [damaged, setDamaged] = useState(0);
  useUnsavedInput(passphrase.passphrase.length > 0 && file === null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    if (await passphrase.check()) return;
    setFile(null);
    await run(async () => {
      const now = new Date();
      const made = await makeBackup(passphrase.passphrase, {
        now,
        onProgress: (done, total) => setProgress(total > 0 ? Math.round((done / total) * 100) : null),
      });
      setFile(asFile(made.file, 'backup', now));
      setDamaged(made.damagedFiles.length);
    });
    setProgress(null);
  };

  return (
    <>
      <form onSubmit={create} noValidate>
        <p>{t('backup.passphraseIntro')}</p>
        <NewPassphraseFields state={passphrase} showErrors={submitted} />
        <div className="button-row">
          <BusyButton
            type="submit"
            className="button primary"
            busy={busy}
            label={t('backup.make')}
            busyLabel={progress === null ? t('backup.making') : t('backup.makingProgress', { percent: progress })}
          />
        </div>
      </form>
      <ErrorAlert message={error} />
      {file && <FileReady file={file} onHandedOver={onBackedUp} />}
      {file && damaged > 0 && <p className="warning">{t('backup.damagedFiles', { count: damaged })}</p>}
    </>
  );
}
