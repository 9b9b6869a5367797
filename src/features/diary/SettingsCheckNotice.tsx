import { useCallback, useContext, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { PreferencesContext } from '../../shared/prefs/usePreferences';

const nothing = () => () => undefined;

/**
 * Tells the person, on the diary screen, what the check at unlock found: the Quick exit address
 * or the lock times kept on this device had been changed other than in Settings and were set
 * back from the diary, or the diary's copy could not be read to check them. Shown until
 * dismissed; nothing when there is nothing to tell (or no preferences, as in some tests).
 */
export function SettingsCheckNotice() {
  const { t } = useTranslation('diary');
  const preferences = useContext(PreferencesContext);
  const subscribe = useCallback((listener: () => void) => (preferences ? preferences.subscribeNotice(listener) : nothing()), [preferences]);
  const notice = useSyncExternalStore(subscribe, () => preferences?.protectedSettingsNotice() ?? null);
  if (!preferences || !notice) return null;
  const quickExit = notice.restored.includes('quickExitUrl');
  const autoLock = notice.restored.includes('autoLockMinutes') || notice.restored.includes('hiddenLockMinutes');
  // The address on a line of its own, left to right, so no language's text can reorder it.
  const address = (
    <p className="settings-check-address" dir="ltr" translate="no">
      <bdi>{notice.quickExitUrl}</bdi>
    </p>
  );
  return (
    <aside className="notice settings-check" aria-labelledby="settings-check-title">
      <h2 id="settings-check-title">{t('settingsCheck.title')}</h2>
      {quickExit && (
        <>
          <p>{t('settingsCheck.quickExit')}</p>
          {address}
        </>
      )}
      {autoLock && <p>{t('settingsCheck.autoLock')}</p>}
      {(quickExit || autoLock) && <p>{t('settingsCheck.who')}</p>}
      {notice.unchecked && (
        <>
          <p>{t('settingsCheck.unchecked')}</p>
          {address}
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
