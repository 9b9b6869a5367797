import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useBrowserKind } from '../../shared/device/useBrowserKind';
import { formatMoment } from '../../shared/format/formatWhen';
import { useLocale } from '../../shared/hooks/useLocale';
import { useBackupStatus } from './useBackupStatus';

/**
 * A gentle nudge on the diary screen when a backup is due; it can be put off for a few days. In a
 * browser tab on iPhone or iPad it comes sooner and says why (Safari's 7-day rule).
 */
export function BackupReminderBanner() {
  const { t } = useTranslation('export');
  const language = useLocale();
  const browser = useBrowserKind();
  const { reminder, snooze } = useBackupStatus();
  if (!reminder?.due) return null;
  return (
    <aside className="notice backup-reminder" aria-labelledby="backup-reminder-title">
      <h2 id="backup-reminder-title">{t('reminder.title')}</h2>
      <p>
        {reminder.lastBackupAt
          ? t('reminder.since', { date: formatMoment(reminder.lastBackupAt, language), count: reminder.newIncidents })
          : t('reminder.never', { count: reminder.newIncidents })}
      </p>
      {browser === 'apple-tab' && <p>{t('reminder.appleTab')}</p>}
      <div className="button-row">
        <Link to="/backup" className="button primary">
          {t('reminder.backUp')}
        </Link>
        <button type="button" className="button" onClick={() => void snooze().catch(() => undefined)}>
          {t('reminder.later')}
        </button>
      </div>
    </aside>
  );
}
