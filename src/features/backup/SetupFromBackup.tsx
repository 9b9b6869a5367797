import { useTranslation } from 'react-i18next';
import type { CheckedBackup } from '../../core/backup/checkBackup';
import { BackupFileFields } from './BackupFileFields';
import { BackupSummary } from './BackupSummary';

interface SetupFromBackupProps {
  backup: CheckedBackup | null;
  onChecked: (backup: CheckedBackup | null) => void;
  onContinue: () => void;
  onBack: () => void;
}

/** Set-up's first step when starting from a backup: the file is checked in full before anything else. */
export function SetupFromBackup({ backup, onChecked, onContinue, onBack }: SetupFromBackupProps) {
  // Its own strings live with the other backup strings, so the first screen does not carry them.
  const { t } = useTranslation(['export', 'vault']);
  return (
    <section aria-labelledby="setup-backup">
      <h2 id="setup-backup">{t('setup.title')}</h2>
      <p>{t('setup.body')}</p>
      {backup ? (
        <>
          <BackupSummary backup={backup} />
          <div className="button-row">
            <button type="button" className="button primary" onClick={onContinue}>
              {t('setup.continue')}
            </button>
            <button type="button" className="button" onClick={() => onChecked(null)}>
              {t('setup.other')}
            </button>
          </div>
        </>
      ) : (
        <BackupFileFields onChecked={onChecked} submitLabel={t('setup.check')} />
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={onBack}>
          {t('vault:setup.back')}
        </button>
      </div>
    </section>
  );
}
