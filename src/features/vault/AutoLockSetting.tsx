import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUTO_LOCK_CHOICES, HIDDEN_LOCK_CHOICES } from '../../core/prefs/preferences';
import { usePreferences } from '../../shared/prefs/usePreferences';

/** When the diary locks itself: after inactivity, and after being in the background. */
export function AutoLockSetting() {
  const { t } = useTranslation('vault');
  const preferences = usePreferences();
  const [settings, setSettings] = useState(() => preferences.autoLockSettings());
  const [failed, setFailed] = useState(false);

  // Saved in the vault first, then in the copy the locked state reads: the radios show what was
  // kept, never a choice that failed to save.
  const update = async (next: typeof settings) => {
    const before = settings;
    setSettings(next);
    setFailed(false);
    if ((await preferences.saveAutoLockSettings(next)) !== 'saved') {
      setSettings(before);
      setFailed(true);
    }
  };

  return (
    <div>
      <h3>{t('autoLock.title')}</h3>
      <fieldset className="choice-group">
        <legend>{t('autoLock.inactivity')}</legend>
        {AUTO_LOCK_CHOICES.map((minutes) => (
          <label key={minutes} className="choice">
            <input
              type="radio"
              name="auto-lock-inactivity"
              checked={settings.inactivityMinutes === minutes}
              onChange={() => void update({ ...settings, inactivityMinutes: minutes })}
            />
            <span>{t('autoLock.minutes', { count: minutes })}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-group">
        <legend>{t('autoLock.hidden')}</legend>
        {HIDDEN_LOCK_CHOICES.map((minutes) => (
          <label key={minutes} className="choice">
            <input
              type="radio"
              name="auto-lock-hidden"
              checked={settings.hiddenMinutes === minutes}
              onChange={() => void update({ ...settings, hiddenMinutes: minutes })}
            />
            <span>{minutes === 0 ? t('autoLock.atOnce') : t('autoLock.minutes', { count: minutes })}</span>
          </label>
        ))}
      </fieldset>
      {failed && (
        <p className="error" role="alert">
          {t('autoLock.failed')}
        </p>
      )}
    </div>
  );
}
