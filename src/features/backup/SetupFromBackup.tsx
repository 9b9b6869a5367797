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
  const { t } = useTranslation('vault');
  return (
    <section aria-labelledby="setup-backup">
      <h2 id="setup-backup">{t('setup.backupTitle')}</h2>
      <p>{t('setup.backupBody')}</p>
      {backup ? (
        <>
          <BackupSummary backup={backup} />
          <div className="button-row">
            <button type="button" className="button primary" onClick={onContinue}>
              {t('setup.backupContinue')}
            </button>
            <button type="button" className="button" onClick={() => onChecked(null)}>
              {t('setup.backupOther')}
            </button>
          </div>
        </>
      ) : (
        <BackupFileFields onChecked={onChecked} submitLabel={t('setup.backupCheck')} />
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={onBack}>
          {t('setup.back')}
        </button>
      </div>
    </section>
  );
}
