import { useCallback, useContext, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtectedKey } from '../../core/prefs/preferences';
import { PreferencesContext } from '../../shared/prefs/usePreferences';

const nothing = () => () => undefined;
const QUICK_EXIT: ProtectedKey = 'quickExitUrl';

/**
 * Tells the person, on the diary screen, what the check at unlock found: the Quick exit address
 * or the lock times on this device differed from the ones saved in the diary and were set back
 * (or could not be, the browser refusing to store them); settings not yet kept in the diary were
 * adopted, to be looked at; or nothing could be checked. Shown until dismissed; nothing when
 * there is nothing to tell (or no preferences, as in some tests).
 */
export function SettingsCheckNotice() {
  const { t } = useTranslation('diary');
  const preferences = useContext(PreferencesContext);
  const subscribe = useCallback((listener: () => void) => (preferences ? preferences.subscribeNotice(listener) : nothing()), [preferences]);
  const notice = useSyncExternalStore(subscribe, () => preferences?.protectedSettingsNotice() ?? null);
  if (!preferences || !notice) return null;
  const isLockTime = (key: ProtectedKey) => key !== QUICK_EXIT;
  const isQuickExit = (key: ProtectedKey) => key === QUICK_EXIT;
  const quickExit = notice.restored.some(isQuickExit);
  const autoLock = notice.restored.some(isLockTime);
  const quickExitNotRestored = notice.notRestored.some(isQuickExit);
  const autoLockNotRestored = notice.notRestored.some(isLockTime);
  const differed = quickExit || autoLock || quickExitNotRestored || autoLockNotRestored;
  // The saved address is the vault's (never the copy's, which may be the changed one); the other
  // is where quick exit goes now. Each on a line of its own, left to right, so no language's text
  // can reorder it.
  const address = (url: string | null) =>
    url === null ? null : (
      <p className="settings-check-address" dir="ltr" translate="no">
        <bdi>{url}</bdi>
      </p>
    );
  return (
    <aside className="notice settings-check" aria-labelledby="settings-check-title">
      <h2 id="settings-check-title">{t('settingsCheck.title')}</h2>
      {quickExit && (
        <>
          <p>{t('settingsCheck.quickExit')}</p>
          {address(notice.savedQuickExitUrl)}
        </>
      )}
      {quickExitNotRestored && (
        <>
          <p>{t('settingsCheck.quickExitNotRestored')}</p>
          {address(notice.savedQuickExitUrl)}
          <p>{t('settingsCheck.quickExitNowOpens')}</p>
          {address(notice.quickExitUrl)}
        </>
      )}
      {autoLock && <p>{t('settingsCheck.autoLock')}</p>}
      {autoLockNotRestored && <p>{t('settingsCheck.autoLockNotRestored')}</p>}
      {differed && <p>{t('settingsCheck.who')}</p>}
      {(quickExitNotRestored || autoLockNotRestored) && <p>{t('settingsCheck.tryAgain')}</p>}
      {notice.adopted.some(isQuickExit) && (
        <>
          <p>{t('settingsCheck.adoptedQuickExit')}</p>
          {address(notice.quickExitUrl)}
          <p>{t('settingsCheck.adoptedQuickExitChange')}</p>
        </>
      )}
      {notice.adopted.some(isLockTime) && <p>{t('settingsCheck.adoptedAutoLock')}</p>}
      {notice.unchecked && (
        <>
          <p>{t('settingsCheck.unchecked')}</p>
          {address(notice.quickExitUrl)}
        </>
      )}
      {notice.checkFailed && (
        <>
          <p>{t('settingsCheck.checkFailed')}</p>
          {address(notice.quickExitUrl)}
        </>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={() => preferences.dismissProtectedSettingsNotice()}>
          {t('settingsCheck.dismiss')}
        </button>
      </div>
    </aside>
  );
}
