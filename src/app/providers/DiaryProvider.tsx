import { useEffect, useState, type ReactNode } from 'react';
import { openDiary } from '../../core/vault/instance';
import { DiaryContext } from '../../shared/diary/diaryContext';
import { DiaryOpeningContext, type DiaryOpening } from '../../shared/diary/diaryOpening';
import { usePreferences } from '../../shared/prefs/usePreferences';
import { useVault } from '../../shared/vault/useVault';
import { nextPaint } from '../../shared/hooks/afterPaint';
import { settingsVaultOf } from './settingsVault';
import { useDiaryValue, type OpenedDiary } from './useDiaryValue';
import { markUnlockStep } from '../../core/perf/unlockMarks';

/**
 * The decrypted diary, held in memory only while unlocked. Mounted once for the whole app so
 * any screen can use it when unlocked; each unlock reads a fresh repository (the context is
 * null until it has been read), and the lock event drops everything decrypted.
 *
 * At each unlock it also hands the preferences the vault's copy of the protected settings, which
 * checks the copy in localStorage against it (and sets it back if someone changed it while the
 * diary was locked) before the diary shows; once locked, those settings cannot change.
 */
export function DiaryProvider({ children }: { children: ReactNode }) {
  const { status, vault } = useVault();
  const unlocked = status === 'unlocked';
  const preferences = usePreferences();
  const [opened, setOpened] = useState<OpenedDiary | null>(null);
  /** The first page, shown while the whole diary loads behind it. */
  const [opening, setOpening] = useState<DiaryOpening | null>(null);

  // Locking (here, in another tab, by quick exit or auto-lock) drops the decrypted diary, and the
  // protected settings stop changing at once.
  useEffect(
    () =>
      vault.session.onLock(() => {
        setOpened(null);
        setOpening(null);
        void preferences.keepProtectedIn(null);
      }),
    [vault, preferences],
  );

  // Erased: what the check found was about a diary that is gone.
  useEffect(() => {
    if (status === 'none') preferences.dismissProtectedSettingsNotice();
  }, [status, preferences]);

  useEffect(() => {
    if (!unlocked) return;
    let current = true;
    // A lock ends the load's worker at once, and nothing of this load is shown after it (the
    // effect's cleanup comes only with the next render).
    const lockSeen = new AbortController();
    const stopWatching = vault.session.onLock(() => {
      current = false;
      lockSeen.abort();
    });
    // Never rejects: a check that fails changes nothing, and the next unlock tries again.
    const settingsChecked = preferences.keepProtectedIn(settingsVaultOf(vault));
    void (async () => {
      const [repository, { createUnlockedStores }] = await Promise.all([openDiary(vault), import('../../core/vault/featureStores')]);
      // The first rows at once, from the sealed first page, when it can be shown; the whole
      // diary is read behind them. Any notice about the settings shows with the first paint.
      markUnlockStep('diary-code');
      const page = await repository.firstPage();
      markUnlockStep('first-page-read');
      if (!current) return;
      if (page) {
        await settingsChecked;
        markUnlockStep('settings-checked');
        if (!current) return;
        setOpening({ incidents: page.incidents, rows: page.rows });
        // The rows first: a large diary's read would otherwise hold up their paint.
        await nextPaint();
        if (!current) return;
      }
      // Without a page, the read runs beside the settings check, as it always did; the diary
      // (or its failure) shows only once the check is done.
      const [read] = await Promise.allSettled([repository.load(lockSeen.signal), settingsChecked]);
      const failed = read.status === 'rejected';
      if (current) {
        const confirmPassphrase = (passphrase: string) => vault.confirmPassphrase(passphrase);
        setOpened({ repository, stores: createUnlockedStores(vault), failed, confirmPassphrase });
        setOpening(null);
      }
    })();
    return () => {
      current = false;
      stopWatching();
      lockSeen.abort();
      setOpening(null);
      void preferences.keepProtectedIn(null);
    };
  }, [unlocked, vault, preferences]);

  const value = useDiaryValue(unlocked ? opened : null);
  return (
    <DiaryContext.Provider value={value}>
      <DiaryOpeningContext.Provider value={unlocked && !value ? opening : null}>{children}</DiaryOpeningContext.Provider>
    </DiaryContext.Provider>
  );
}
