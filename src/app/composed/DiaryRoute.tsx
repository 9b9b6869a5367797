import { DiaryScreen } from '../../features/diary/DiaryScreen';
import { BackupReminderBanner } from '../../features/backup/BackupReminderBanner';

/** The diary, with the backup reminder (from the backup feature) composed in. */
export function DiaryRoute() {
  return <DiaryScreen notices={<BackupReminderBanner />} />;
}
