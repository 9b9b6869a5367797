import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyIncident } from '../../core/model/incident';
import { QUICK_LOG_DRAFT } from '../../core/store/draftStore';
import { useUnsavedInput } from '../../shared/hooks/unsavedInput';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { useFieldIds } from '../../shared/hooks/useFieldIds';
import { SubmitRow } from '../../shared/ui/SubmitRow';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';
import { useDraftAutosave } from './form/useDraftAutosave';
import { useDraftStore } from './form/useDraftStore';
import { checkIncident } from './form/formRules';
import { useDiary } from '../../shared/diary/useDiary';

/**
 * Write what happened and save: stamped with now, details can be added later. What is typed
 * is kept as an encrypted draft, like the full form's, so a lock or reload loses nothing.
 */
export function QuickLog() {
  // Each save starts a fresh form (and a fresh draft); the confirmation outlives it.
  const [generation, setGeneration] = useState(0);
  const [saved, setSaved] = useState(false);
  return (
    <QuickLogForm
      key={generation}
      saved={saved}
      onChange={() => setSaved(false)}
      onSaved={() => {
        setSaved(true);
        setGeneration((g) => g + 1);
      }}
    />
  );
}

function QuickLogForm({ saved, onChange, onSaved }: { saved: boolean; onChange: () => void; onSaved: () => void }) {
  const { t } = useTranslation('diary');
  const { t: tIncident } = useTranslation('incident');
  const { add } = useDiary();
  const errorMessage = useVaultErrorMessage();
  const store = useDraftStore();
  const [blank] = useState(() => emptyIncident(new Date()));
  const [text, setText] = useState('');
  const { busy, error, setError, run } = useAsyncAction(errorMessage);
  const field = useFieldIds({ hint: true, error });
  const value = useMemo(() => ({ ...blank, whatHappened: text }), [blank, text]);
  const draft = useDraftAutosave({ store, draftId: QUICK_LOG_DRAFT, value, baseline: blank });
  useUnsavedInput(text.trim().length > 0);

  // Offer back what was being typed before a lock or reload.
  useEffect(() => {
    let current = true;
    store.load(QUICK_LOG_DRAFT).then(
      (kept) => {
        if (current && kept?.incident.whatHappened) setText((typed) => typed || kept.incident.whatHappened);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [store]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setError(t('quickLog.empty'));
      return;
    }
    // The same checks as the full form; on failure what the user typed stays in the field.
    const now = new Date();
    const checked = checkIncident({ ...emptyIncident(now), whatHappened: text }, now);
    if (!checked.ok) {
      setError(tIncident(`errors.${checked.errors.whatHappened ?? 'invalid'}`));
      return;
    }
    await run(async () => {
      await add(checked.incident);
      // The entry is saved; a draft that could not be thrown away is only offered back later.
      await draft.finish().catch(() => undefined);
      onSaved();
    });
  };

  return (
    <form className="quick-log" onSubmit={save} noValidate aria-labelledby={`${field.id}-title`}>
      <h2 id={`${field.id}-title`}>{t('quickLog.title')}</h2>
      <label htmlFor={field.id}>{t('quickLog.label')}</label>
      <p id={field.hintId} className="hint">
        {t('quickLog.hint')}
      </p>
      <textarea
        {...field.controlProps}
        rows={4}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          onChange();
        }}
      />
      {error && (
        <p id={field.errorId} className="error" role="alert">
          {error}
        </p>
      )}
      <SubmitRow primary busy={busy} label={t('quickLog.save')} status={saved ? t('quickLog.saved') : ''} />
    </form>
  );
}
