import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatMoment } from '../../shared/format/formatWhen';
import { useLocale } from '../../shared/hooks/useLocale';
import { MakeBackup } from './MakeBackup';
import { RestoreIntoDiary } from './RestoreIntoDiary';
import { useBackupStatus } from './useBackupStatus';

/** Make an encrypted backup of everything, and restore one into this diary. */
export function BackupScreen() {
  const { t } = useTranslation(['export', 'tasks']);
  const { status, recordBackup } = useBackupStatus();
  const language = useLocale();
  // Set by set-up when a backup chosen there could not be restored into the new diary.
  const state = useLocation().state as { restoreFailed?: string; restoreStopped?: boolean } | null;
  const restoreFailed = state?.restoreFailed;
  // Set by set-up when the person stopped that restore: the new diary is whole and empty.
  const restoreStopped = state?.restoreStopped === true;
  return (
    <article className="screen">
      <h1>{t('backup.title')}</h1>
      {restoreFailed && (
        <p className="error" role="alert">
          {t('backup.restoreFailed')}
        </p>
      )}
      {restoreStopped && (
        <p className="notice" role="status">
          {t('tasks:restore.stoppedNewVault')}
        </p>
      )}
      <p className="lead">{t('backup.lead')}</p>
      <p className="export-summary" role="status">
        {status?.lastBackupAt ? t('backup.last', { date: formatMoment(status.lastBackupAt, language) }) : t('backup.none')}
      </p>
      <section aria-labelledby="make-backup">
        <h2 id="make-backup">{t('backup.makeTitle')}</h2>
        <MakeBackup onBackedUp={() => void recordBackup().catch(() => undefined)} />
      </section>
      <section aria-labelledby="restore-backup">
        <h2 id="restore-backup">{t('restore.title')}</h2>
        <p>{t('restore.intro')}</p>
        <RestoreIntoDiary />
      </section>
      <p>
        <Link to="/export">{t('backup.exportLink')}</Link>
      </p>
    </article>
  );
}
