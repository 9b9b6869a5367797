import { DiaryScreen } from '../../features/diary/DiaryScreen';
import { BackupReminderBanner } from '../../features/backup/BackupReminderBanner';
import { NewItems } from '../../features/inbox/NewItems';
import { RecordLink } from '../../features/capture/RecordLink';

/** The diary, with the inbox's new items, the way to record (capture) and the backup reminder composed in. */
export function DiaryRoute() {
  return (
    <DiaryScreen
      notices={
        <>
          <NewItems />
          <RecordLink />
          <BackupReminderBanner />
        </>
      }
    />
  );
}
