import { Suspense } from 'react';
import { Outlet, useMatch } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../shared/ui/Loading';
import { SetupScreen } from '../features/vault/SetupScreen';
import { UnlockScreen } from '../features/vault/UnlockScreen';
import { useVault } from '../shared/vault/useVault';
import { startFromBackup } from './composed/startFromBackup';
import { QuickNote, saveQuickNote } from './composed/quickNote';
import { useDiaryIfUnlocked } from '../shared/diary/useDiary';
import { useDiaryOpening } from '../shared/diary/diaryOpening';
import { VisitLanguageSwitch } from './VisitLanguageSwitch';
import { preloadUnlocked } from './preloadUnlocked';

/**
 * Guards every screen that shows diary content, and Settings: first run without a vault, the
 * lock screen while locked. Because it decides on every render, Back after locking shows the
 * lock screen. Under set-up and unlock, a language can be chosen for this visit only: nothing
 * is stored while the diary is locked (Settings, once unlocked, remembers a choice).
 */
export function LockGuard() {
  const { t, i18n } = useTranslation('vault');
  const { status } = useVault();
  const diary = useDiaryIfUnlocked();
  const opening = useDiaryOpening();
  const atDiary = useMatch({ path: '/', end: true }) !== null;
  switch (status) {
    case 'loading':
      return <Loading />;
    case 'unavailable':
      return (
        <article className="screen" role="alert">
          <h1>{t('unavailable.title')}</h1>
          <p>{t('unavailable.body')}</p>
        </article>
      );
    case 'none':
      return (
        <>
          <SetupScreen startFromBackup={startFromBackup} />
          <VisitLanguageSwitch />
        </>
      );
    case 'locked':
      return (
        <>
          <UnlockScreen onTyping={() => preloadUnlocked(i18n)} />
          {/* Sealed with the public key alone; loads after the lock screen (composed/quickNote.ts). */}
          <Suspense fallback={null}>
            <QuickNote save={saveQuickNote} />
          </Suspense>
          <VisitLanguageSwitch />
        </>
      );
    case 'unlocked':
      // The diary decrypts just after unlocking; its screens wait for it, except the diary's own
      // first screen, which shows its first page meanwhile (app/composed/DiaryRoute.tsx).
      return diary || (opening && atDiary) ? <Outlet /> : <Loading />;
  }
}
