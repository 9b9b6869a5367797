import { DiaryScreen } from '../../features/diary/DiaryScreen';
import { BackupReminderBanner } from '../../features/backup/BackupReminderBanner';
import { NewItems } from '../../features/inbox/NewItems';

/** The diary, with the backup reminder (from the backup feature) and the inbox's new items composed in. */
export function DiaryRoute() {
  return (
    <DiaryScreen
      notices={
        <>
          <NewItems />
          <BackupReminderBanner />
        </>
      }
    />
  );
}
