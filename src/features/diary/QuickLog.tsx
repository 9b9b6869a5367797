import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyIncident, type AttachmentRef } from '../../core/model/incident';
import { QUICK_LOG_DRAFT } from '../../core/store/draftStore';
import { useUnsavedInput } from '../../shared/hooks/unsavedInput';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { useFieldIds } from '../../shared/hooks/useFieldIds';
import { SubmitRow } from '../../shared/ui/SubmitRow';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';
import { useDraftAutosave } from './form/useDraftAutosave';
import { useDraftStore } from './form/useDraftStore';
import { checkIncident, overlong, TEXT_LIMITS } from './form/formRules';
import { useTooLongMessage } from './form/useTooLongMessage';
import { catchLongPaste, keepAsText, offerPaste, type PasteState } from './paste/longPaste';
import { PasteOffer } from './paste/PasteOffer';
import { useDiary } from '../../shared/diary/useDiary';
import { AttachmentList } from '../../shared/incident/attachments/AttachmentList';
import { clockNoticeAfterSave, type ClockNotice } from './clock/clockNote';
import { ClockNoteMessage } from './clock/ClockNoteMessage';

/**
 * Write what happened and save: stamped with now, details can be added later. What is typed
 * is kept as an encrypted draft, like the full form's, so a lock or reload loses nothing.
 *
 * A paste too long to keep as text (a long message thread, say) is offered as a text file
 * attached to this entry instead. It is attached here, not handed to the full form: the form
 * may have a draft of its own waiting, and merging into that, or replacing it, could lose
 * someone's words. The file is stored (encrypted) as soon as the person accepts, is listed
 * here and kept in this draft, and is saved with the entry; the entry still needs a few words
 * the person writes themselves, so nothing is said on their behalf and it can be found later.
 */
export function QuickLog() {
  // Each save starts a fresh form (and a fresh draft); the confirmation outlives it.
  const [generation, setGeneration] = useState(0);
  const [saved, setSaved] = useState(false);
  // Said at once if this save carries a clock note; kept until the next one.
  const [clock, setClock] = useState<ClockNotice | null>(null);
  return (
    <>
      <QuickLogForm
        key={generation}
        saved={saved}
        onChange={() => setSaved(false)}
        onSaved={(note) => {
          setSaved(true);
          setClock(note ?? null);
          setGeneration((g) => g + 1);
        }}
      />
      <ClockNoteMessage note={clock} />
    </>
  );
}

interface QuickLogFormProps {
  saved: boolean;
  onChange: () => void;
  /** With the saved version's clock note, if it has one. */
  onSaved: (clock: ClockNotice | undefined) => void;
}

function QuickLogForm({ saved, onChange, onSaved }: QuickLogFormProps) {
  const { t } = useTranslation('diary');
  const { t: tIncident } = useTranslation('incident');
  const { add, history, records } = useDiary();
  const errorMessage = useVaultErrorMessage();
  const tooLongMessage = useTooLongMessage();
  const store = useDraftStore();
  const [blank] = useState(() => emptyIncident(new Date()));
  const [text, setText] = useState('');
  // Only a paste too long to keep as text is attached here.
  const [attachments, setAttachments] = useState<AttachmentRef[]>([]);
  const [paste, setPaste] = useState<PasteState | null>(null);
  const { busy, error, setError, run } = useAsyncAction(errorMessage);
  const field = useFieldIds({ hint: true, error });
  const value = useMemo(() => ({ ...blank, whatHappened: text, attachments }), [blank, text, attachments]);
  const draft = useDraftAutosave({ store, draftId: QUICK_LOG_DRAFT, value, baseline: blank });
  useUnsavedInput(text.trim().length > 0 || attachments.length > 0);
  const limit = TEXT_LIMITS.whatHappened;
  const focusText = () => requestAnimationFrame(() => document.getElementById(field.id)?.focus());

  // Offer back what was being typed before a lock or reload.
  useEffect(() => {
    let current = true;
    store.load(QUICK_LOG_DRAFT).then(
      (kept) => {
        if (!current || !kept) return;
        const { whatHappened, attachments: files } = kept.incident;
        if (whatHappened) setText((typed) => typed || whatHappened);
        if (files.length > 0) setAttachments((shown) => (shown.length > 0 ? shown : files));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [store]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    // Saving now would drop what was pasted: it is asked about first.
    if (paste?.kind === 'offer') {
      setError(tIncident('errors.pasteWaiting'));
      return;
    }
    if (!text.trim()) {
      setError(t(attachments.length > 0 ? 'quickLog.emptyWithFile' : 'quickLog.empty'));
      return;
    }
    // The same checks as the full form; on failure what the user typed stays in the field.
    const now = new Date();
    const checked = checkIncident({ ...emptyIncident(now), whatHappened: text, attachments }, now);
    if (!checked.ok) {
      const code = checked.errors.whatHappened ?? 'invalid';
      const over = overlong(text, limit);
      setError(code === 'tooLong' && over ? tooLongMessage(over) : tIncident(`errors.${code}`));
      return;
    }
    await run(async () => {
      const id = await add(checked.incident);
      // The entry is saved; a draft that could not be thrown away is only offered back later.
      await draft.finish().catch(() => undefined);
      onSaved(clockNoticeAfterSave(history, () => records().map((record) => record.link), id));
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
          // "Attached" has been said; an offer still waiting stays until it is answered.
          if (paste?.kind === 'attached') setPaste(null);
        }}
        onPaste={catchLongPaste(limit, (long) => {
          // An offer still waiting is kept: a second long paste is turned away, not put in its place.
          setPaste((current) => offerPaste(current, long));
          onChange();
        })}
      />
      {paste && (
        <PasteOffer
          state={paste}
          disabled={busy}
          onAttached={(ref) => {
            setAttachments((current) => [...current, ref]);
            setPaste({ kind: 'attached', name: ref.name });
            setError(null);
            focusText();
          }}
          onKeepAsText={() => {
            if (paste.kind !== 'offer') return;
            const kept = keepAsText(paste.paste, text);
            setText(kept);
            setPaste(null);
            const over = overlong(kept, limit);
            setError(over ? tooLongMessage(over) : null);
            focusText();
          }}
        />
      )}
      {error && (
        <p id={field.errorId} className="error" role="alert">
          {error}
        </p>
      )}
      <AttachmentList attachments={attachments} onRemove={(id) => setAttachments((current) => current.filter((a) => a.id !== id))} />
      <SubmitRow primary busy={busy} label={t('quickLog.save')} status={saved ? t('quickLog.saved') : ''} />
    </form>
  );
}
