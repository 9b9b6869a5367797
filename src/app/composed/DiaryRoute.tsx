import { DiaryScreen } from '../../features/diary/DiaryScreen';
import { DiaryOpeningScreen } from '../../features/diary/DiaryOpeningScreen';
import { useDiaryIfUnlocked } from '../../shared/diary/useDiary';
import { useDiaryOpening } from '../../shared/diary/diaryOpening';
import { BackupReminderBanner } from '../../features/backup/BackupReminderBanner';
import { NewItems } from '../../features/inbox/NewItems';
import { RecordLink } from '../../features/capture/RecordLink';

/**
 * The diary, with the inbox's new items, the way to record (capture) and the backup reminder
 * composed in; its first page alone while the whole diary loads (the lock guard lets this route
 * through then, and no other).
 */
export function DiaryRoute() {
  const diary = useDiaryIfUnlocked();
  const opening = useDiaryOpening();
  if (!diary) return opening ? <DiaryOpeningScreen opening={opening} /> : null;
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
