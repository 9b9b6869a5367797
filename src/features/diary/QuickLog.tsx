import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyIncident } from '../../core/model/incident';
import { useUnsavedInput } from '../../app/unsavedInput';
import { useVaultErrorMessage } from '../vault/useVaultError';
import { useDiary } from './useDiary';

/** Write what happened and save: stamped with now, details can be added later. */
export function QuickLog() {
  const { t } = useTranslation('diary');
  const { add } = useDiary();
  const errorMessage = useVaultErrorMessage();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const fieldId = useId();
  useUnsavedInput(text.trim().length > 0);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!text.trim()) {
      setError(t('quickLog.empty'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await add({ ...emptyIncident(new Date()), whatHappened: text.trim() });
      setText('');
      setSaved(true);
    } catch (caught) {
      // What the user typed stays in the field.
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="quick-log" onSubmit={save} noValidate aria-labelledby={`${fieldId}-title`}>
      <h2 id={`${fieldId}-title`}>{t('quickLog.title')}</h2>
      <label htmlFor={fieldId}>{t('quickLog.label')}</label>
      <p id={`${fieldId}-hint`} className="hint">
        {t('quickLog.hint')}
      </p>
      <textarea
        id={fieldId}
        rows={4}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setSaved(false);
        }}
        aria-describedby={`${fieldId}-hint${error ? ` ${fieldId}-error` : ''}`}
        aria-invalid={error ? true : undefined}
      />
      {error && (
        <p id={`${fieldId}-error`} className="error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy}>
          {t('quickLog.save')}
        </button>
      </div>
      <p role="status" className="success">
        {saved ? t('quickLog.saved') : ''}
      </p>
    </form>
  );
}
