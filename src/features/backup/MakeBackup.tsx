import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { appAttachments, appChecklistResults } from '../../core/vault/featureStores';
import { useUnsavedInput } from '../../shared/hooks/unsavedInput';
import { useDiary } from '../../shared/diary/useDiary';
import { FileReady } from '../../shared/files/FileReady';
import { asFile } from '../../shared/files/fileNames';
import { useFileErrorMessage } from '../../shared/errors/useFileErrorMessage';
import { NewPassphraseFields, useNewPassphrase } from '../../shared/ui/NewPassphraseFields';

/** Everything, attachments included, into one file encrypted under a passphrase chosen now. */
export function MakeBackup({ onBackedUp }: { onBackedUp: () => void }) {
  const { t } = useTranslation('export');
  const { repository } = useDiary();
  const errorMessage = useFileErrorMessage();
  const stores = useMemo(() => ({ attachments: appAttachments(), checklists: appChecklistResults() }), []);
  const passphrase = useNewPassphrase();
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [damaged, setDamaged] = useState(0);
  const [error, setError] = useState<string | null>(null);
  useUnsavedInput(passphrase.passphrase.length > 0 && file === null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    if (await passphrase.check()) return;
    setBusy(true);
    setFile(null);
    try {
      const { createBackup } = await import('../../core/backup/createBackup');
      const now = new Date();
      const made = await createBackup({ diary: repository, ...stores }, passphrase.passphrase, {
        now,
        onProgress: (done, total) => setProgress(total > 0 ? Math.round((done / total) * 100) : null),
      });
      setFile(asFile(made.file, 'backup', now));
      setDamaged(made.damagedFiles.length);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <>
      <form onSubmit={create} noValidate>
        <p>{t('backup.passphraseIntro')}</p>
        <NewPassphraseFields state={passphrase} showErrors={submitted} />
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? (progress === null ? t('backup.making') : t('backup.makingProgress', { percent: progress })) : t('backup.make')}
          </button>
        </div>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {file && <FileReady file={file} onHandedOver={onBackedUp} />}
      {file && damaged > 0 && <p className="warning">{t('backup.damagedFiles', { count: damaged })}</p>}
    </>
  );
}
