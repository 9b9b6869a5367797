import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_QUICK_EXIT_URL } from '../../core/prefs/preferences';
import { usePreferences } from '../../shared/prefs/usePreferences';

/** Explains quick exit honestly and lets the user choose where it goes. */
export function QuickExitSetting() {
  const { t } = useTranslation('settings');
  const preferences = usePreferences();
  const [saved, setSaved] = useState(() => preferences.quickExitUrl());
  const [draft, setDraft] = useState(saved);
  const [status, setStatus] = useState<'idle' | 'saved' | 'invalid' | 'locked'>('idle');
  const fieldId = useId();
  const errorId = useId();

  const save = (event: FormEvent) => {
    event.preventDefault();
    // Only while unlocked: this screen is behind the lock, and the preferences refuse writes
    // once the diary locks, even if this form were still showing.
    if (!preferences.canWrite()) {
      setStatus('locked');
      return;
    }
    if (!preferences.setQuickExitUrl(draft)) {
      setStatus('invalid');
      return;
    }
    const now = preferences.quickExitUrl();
    setSaved(now);
    setDraft(now);
    setStatus('saved');
  };

  const reset = () => {
    if (!preferences.setQuickExitUrl(null)) {
      setStatus('locked');
      return;
    }
    setSaved(DEFAULT_QUICK_EXIT_URL);
    setDraft(DEFAULT_QUICK_EXIT_URL);
    setStatus('saved');
  };

  return (
    <section id="quick-exit" aria-labelledby="settings-quick-exit">
      <h2 id="settings-quick-exit">{t('quickExit.title')}</h2>
      <p>{t('quickExit.what')}</p>
      <p>{t('quickExit.shortcut')}</p>
      <p className="notice">{t('quickExit.history')}</p>
      <form onSubmit={save} noValidate>
        <label htmlFor={fieldId}>{t('quickExit.destinationLabel')}</label>
        <p className="hint">{t('quickExit.destinationHint')}</p>
        <input
          id={fieldId}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={draft}
          aria-invalid={status === 'invalid'}
          aria-describedby={status === 'invalid' || status === 'locked' ? errorId : undefined}
          onChange={(event) => {
            setDraft(event.target.value);
            setStatus('idle');
          }}
        />
        {(status === 'invalid' || status === 'locked') && (
          <p id={errorId} className="error" role="alert">
            {status === 'invalid' ? t('quickExit.invalid') : t('quickExit.locked')}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button primary">
            {t('quickExit.save')}
          </button>
          <button type="button" className="button" onClick={reset} disabled={saved === DEFAULT_QUICK_EXIT_URL && draft === saved}>
            {t('quickExit.reset')}
          </button>
        </div>
        <p role="status" className="hint">
          {status === 'saved' ? t('quickExit.savedAs', { url: saved }) : ''}
        </p>
      </form>
    </section>
  );
}
