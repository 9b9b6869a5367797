import { useCallback, useEffect, useMemo, useState } from 'react';
import { backupReminder, snoozedUntil, type BackupReminder, type BackupStatus } from '../../core/backup/backupReminder';
import { useBrowserKind } from '../../shared/device/useBrowserKind';
import { useDiary } from '../../shared/diary/useDiary';

/** The last backup, the reminder worked out from it, and ways to update both. */
export function useBackupStatus() {
  const { snapshot, stores } = useDiary();
  const store = stores.backupStatus;
  // Sooner in a browser tab on iPhone or iPad (core/backup/backupReminder.ts).
  const browser = useBrowserKind();
  const [status, setStatus] = useState<BackupStatus | null>(null);

  useEffect(() => {
    let current = true;
    store
      .get()
      .then((value) => current && setStatus(value))
      // Unreadable status: behave as if no backup was ever made, which only makes the nudge likelier.
      .catch(() => current && setStatus({}));
    return () => {
      current = false;
    };
  }, [store]);

  // Counts over every link: only again when the diary or the status changes.
  const reminder = useMemo<BackupReminder | null>(
    () => (status && snapshot ? backupReminder(status, snapshot.links, new Date(), browser) : null),
    [status, snapshot, browser],
  );

  const recordBackup = useCallback(async () => {
    const at = new Date();
    await store.recordBackup(at);
    setStatus({ lastBackupAt: at.toISOString() });
  }, [store]);

  const snooze = useCallback(async () => {
    const until = snoozedUntil(new Date());
    setStatus((s) => ({ ...s, snoozedUntil: until }));
    await store.snooze(until);
  }, [store]);

  return { status, reminder, recordBackup, snooze };
}
