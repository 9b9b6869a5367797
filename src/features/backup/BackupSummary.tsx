import { useTranslation } from 'react-i18next';
import type { CheckedBackup } from '../../core/backup/checkBackup';
import { formatMoment } from '../../shared/format/formatWhen';
import { useLocale } from '../../shared/hooks/useLocale';
import { SetAsideList } from '../../shared/files/SetAsideList';

/** What a checked backup holds, before it is restored. */
export function BackupSummary({ backup }: { backup: CheckedBackup }) {
  const { t } = useTranslation('export');
  const language = useLocale();
  const incidents = new Set(backup.records.filter((r) => r.content !== null).map((r) => r.link.entryId)).size;
  return (
    <div className="notice" role="status">
      <p>{t('restore.checked', { date: formatMoment(backup.info.createdAt, language) })}</p>
      <ul>
        <li>{t('restore.holdsIncidents', { count: incidents })}</li>
        <li>{t('restore.holdsFiles', { count: backup.files.size })}</li>
        {backup.checklists.length > 0 && <li>{t('restore.holdsChecklists', { count: backup.checklists.length })}</li>}
        {backup.inbox.length > 0 && <li>{t('restore.holdsInboxItems', { count: backup.inbox.length })}</li>}
        {backup.verification.ok && <li>{t('restore.verified', { count: backup.verification.length })}</li>}
      </ul>
      {backup.damagedFiles > 0 && <p>{t('restore.damagedFiles', { count: backup.damagedFiles })}</p>}
      <SetAsideList records={backup.setAside} from="backup" headingLevel={3} />
      {!backup.verification.ok && <p className="error">{t('restore.notVerified', { position: backup.verification.brokenAt + 1 })}</p>}
    </div>
  );
}
