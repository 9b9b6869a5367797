import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_QUICK_EXIT_URL, type SaveResult } from '../../core/prefs/preferences';
import { usePreferences } from '../../shared/prefs/usePreferences';

/** Explains quick exit honestly and lets the user choose where it goes. */
export function QuickExitSetting() {
  const { t } = useTranslation('settings');
  const preferences = usePreferences();
  const [saved, setSaved] = useState(() => preferences.quickExitUrl());
  const [draft, setDraft] = useState(saved);
  const [status, setStatus] = useState<'idle' | SaveResult>('idle');
  const fieldId = useId();
  const errorId = useId();

  // The address is kept in the diary (encrypted) first, then in this device's copy, which quick
  // exit reads while locked; a copy changed any other way is set back at the next unlock.
  const save = async (event: FormEvent) => {
    event.preventDefault();
    // Only while unlocked: this screen is behind the lock, and the preferences refuse writes
    // once the diary locks, even if this form were still showing.
    if (!preferences.canWrite()) {
      setStatus('locked');
      return;
    }
    const result = await preferences.saveQuickExitUrl(draft);
    if (result !== 'saved') {
      setStatus(result);
      return;
    }
    const now = preferences.quickExitUrl();
    setSaved(now);
    setDraft(now);
    setStatus('saved');
  };

  const reset = async () => {
    if (!preferences.canWrite()) {
      setStatus('locked');
      return;
    }
    const result = await preferences.saveQuickExitUrl(null);
    if (result !== 'saved') {
      setStatus(result);
      return;
    }
    setSaved(DEFAULT_QUICK_EXIT_URL);
    setDraft(DEFAULT_QUICK_EXIT_URL);
    setStatus('saved');
  };

  const problem =
    status === 'invalid'
      ? t('quickExit.invalid')
      : status === 'locked'
        ? t('quickExit.locked')
        : status === 'failed'
          ? t('quickExit.failed')
          : null;

  return (
    <section id="quick-exit" aria-labelledby="settings-quick-exit">
      <h2 id="settings-quick-exit">{t('quickExit.title')}</h2>
      <p>{t('quickExit.what')}</p>
      <p>{t('quickExit.shortcut')}</p>
      <p className="notice">{t('quickExit.history')}</p>
      <form onSubmit={(event) => void save(event)} noValidate>
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
          aria-describedby={problem ? errorId : undefined}
          onChange={(event) => {
            setDraft(event.target.value);
            setStatus('idle');
          }}
        />
        {problem && (
          <p id={errorId} className="error" role="alert">
            {problem}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button primary">
            {t('quickExit.save')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void reset()}
            disabled={saved === DEFAULT_QUICK_EXIT_URL && draft === saved}
          >
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
