import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnsavedInput } from '../../../shared/hooks/unsavedInput';
import { useAsyncAction } from '../../../shared/hooks/useAsyncAction';
import { useLocale } from '../../../shared/hooks/useLocale';
import { BusyButton } from '../../../shared/ui/BusyButton';
import type { AttachmentRef, Incident } from '../../../core/model/incident';
import type { DraftStore } from '../../../core/store/draftStore';
import { useVaultErrorMessage } from '../../../shared/errors/useVaultErrorMessage';
import { useDiary } from '../../../shared/diary/useDiary';
import { AttachmentFields } from './AttachmentFields';
import { BehaviourFields } from './BehaviourFields';
import { BreachFields } from './BreachFields';
import { ErrorSummary, type SummaryItem } from './ErrorSummary';
import {
  checkIncident,
  fieldId,
  isTextKey,
  lengthErrors,
  overlong,
  sameIncident,
  TEXT_LIMITS,
  textOf,
  TOLD_WHO_LIMIT,
  withText,
  WITNESS_TEXT_LIMIT,
  type FieldErrors,
  type FieldKey,
  type TextKey,
} from './formRules';
import { keepAsText, type LongPaste } from '../paste/longPaste';
import { LeavePanel } from './LeavePanel';
import { PastableTextField } from './PastableTextField';
import { ReportedFields } from './ReportedFields';
import { useDraftAutosave } from './useDraftAutosave';
import { ToldFields } from './ToldFields';
import { useTooLongMessage } from './useTooLongMessage';
import { WhenFields } from './WhenFields';
import { WitnessFields } from './WitnessFields';

export interface IncidentFormProps {
  store: DraftStore;
  draftId: string;
  /** What the form starts with: the saved incident, a blank one, or a draft taken back. */
  initial: Incident;
  /** What is saved now (a blank incident for a new one): the form is "unsaved input" while it differs. */
  baseline: Incident;
  /** For an edit: the revision it starts from, kept with the draft. */
  baseRevision?: number;
  /** Saves to the diary and gives the entry's id. */
  onSave: (incident: Incident) => Promise<string>;
  onSaved: (id: string) => void;
  onLeave: () => void;
}

/** Each error's field name, for the summary at the top. */
const FIELD_LABELS = {
  whatHappened: 'whatHappened.label',
  date: 'when.date',
  time: 'when.time',
  description: 'when.description',
  from: 'when.from',
  to: 'when.to',
  since: 'when.since',
  where: 'where.label',
  whoDidIt: 'whoDidIt.label',
  witnesses: 'witnesses.legend',
  evidenceElsewhere: 'evidence.label',
  policeReference: 'reported.reference',
  officer: 'reported.officer',
  howItFelt: 'effect.howItFelt',
  whatItChanged: 'effect.whatItChanged',
  breaches: 'breaches.legend',
  told: 'told.legend',
  privateNotes: 'privateNotes.label',
  form: 'errors.form',
} as const satisfies Record<FieldKey, string>;

/**
 * The incident form, for a new incident and for an edit. What matters most and is quickest
 * comes first (what happened, when, what they did); details follow. The draft is kept
 * encrypted as the person types, and a failed save keeps everything on screen.
 */
export function IncidentForm({ store, draftId, initial, baseline, baseRevision, onSave, onSaved, onLeave }: IncidentFormProps) {
  const { t } = useTranslation('incident');
  const language = useLocale();
  const errorMessage = useVaultErrorMessage();
  // The diary's live orders, whose conditions an incident can be marked as breaching.
  const orders = useDiary().snapshot?.orders ?? [];
  const [value, setValue] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  // Saving (or throwing the draft away) ends by leaving the form: it stays busy until then.
  const { busy, error: saveError, setError: setSaveError, run } = useAsyncAction(errorMessage);
  const [done, setDone] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [summaryFocus, setSummaryFocus] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  const tooLongMessage = useTooLongMessage();
  // Fields with a long paste waiting for an answer (attach it, or put it in anyway), and the paste.
  const [pasteWaiting, setPasteWaiting] = useState<ReadonlyMap<TextKey, LongPaste>>(new Map());
  const onPasteWaiting = useCallback((key: TextKey, paste: LongPaste | null) => {
    setPasteWaiting((current) => {
      if ((current.get(key) ?? null) === paste) return current;
      const next = new Map(current);
      if (paste) next.set(key, paste);
      else next.delete(key);
      return next;
    });
  }, []);
  const autosave = useDraftAutosave({ store, draftId, value, baseline, baseRevision });
  const dirty = !done && !sameIncident(value, baseline);
  useUnsavedInput(dirty);

  useEffect(() => {
    if (summaryFocus > 0) summary.current?.focus();
  }, [summaryFocus]);

  // Errors show after the first attempt to save, and clear as each is put right. Text too long
  // to be kept is said at once, on its field, with its length against the limit.
  const check = submitted ? checkIncident(value, new Date()) : null;
  const found: FieldErrors = check ? (check.ok ? {} : check.errors) : lengthErrors(value);
  // Saving with a paste offer unanswered would drop what was pasted: that is asked first.
  const errors: FieldErrors = submitted
    ? { ...Object.fromEntries([...pasteWaiting.keys()].map((key) => [key, 'pasteWaiting'])), ...found }
    : found;
  const errorFor = (key: FieldKey): string | undefined => {
    const code = errors[key];
    if (code === undefined) return undefined;
    const over = code === 'tooLong' && isTextKey(key) ? overlong(textOf(value, key), TEXT_LIMITS[key]) : undefined;
    if (over) return tooLongMessage(over);
    if (code === 'tooLong' && key === 'witnesses') {
      return t('errors.witnessTooLong', { limit: new Intl.NumberFormat(language).format(WITNESS_TEXT_LIMIT) });
    }
    if (code === 'tooLong' && key === 'told') {
      return t('errors.toldTooLong', { limit: new Intl.NumberFormat(language).format(TOLD_WHO_LIMIT) });
    }
    return t(`errors.${code}`);
  };
  const witnessError = (text: string): string | undefined => {
    const over = overlong(text, WITNESS_TEXT_LIMIT);
    return over && tooLongMessage(over);
  };
  const toldError = (text: string): string | undefined => {
    const over = overlong(text, TOLD_WHO_LIMIT);
    return over && tooLongMessage(over);
  };
  // The summary is for an attempt to save: it is what takes focus then.
  const summaryItems: SummaryItem[] = (submitted ? (Object.keys(errors) as FieldKey[]) : []).map((key) => ({
    key,
    text: t('errors.inSummary', { field: t(FIELD_LABELS[key]), message: errorFor(key) ?? '' }),
  }));

  const update = <K extends keyof Incident>(key: K, next: Incident[K]) => setValue((current) => ({ ...current, [key]: next }));
  const addAttachment = (ref: AttachmentRef) => setValue((current) => ({ ...current, attachments: [...current.attachments, ref] }));
  // Free-text fields take a paste too long to keep as text as a text file attachment instead.
  const pastable = { busy, onAttached: addAttachment, onWaiting: onPasteWaiting };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSubmitted(true);
    setSaveError(null);
    const result = checkIncident(value, new Date());
    if (!result.ok || pasteWaiting.size > 0) {
      setSummaryFocus((n) => n + 1);
      return;
    }
    // A failed save shows why; everything typed stays in the form, and in the draft.
    const saved: { id?: string } = {};
    await run(
      async () => {
        saved.id = await onSave(result.incident);
        setDone(true);
        // A draft left behind by a failed discard is only offered again: never lost, never saved twice silently.
        await autosave.finish().catch(() => undefined);
      },
      { busyAfterSuccess: true },
    );
    // Outside run: once saved, nothing that follows may offer to save it again.
    if (saved.id !== undefined) onSaved(saved.id);
  };

  const cancel = () => {
    // A paste waiting for an answer is not in the form yet, but leaving would lose it too.
    if (dirty || pasteWaiting.size > 0) setLeaving(true);
    else {
      autosave.stop();
      onLeave();
    }
  };

  // Leaving with the draft kept: a paste still waiting is not in the form, so it goes into the
  // draft in its field, as "Paste it here anyway" would have put it. Nothing pasted is lost;
  // back in the form it shows as too long to save, to shorten, or to cut and paste again.
  const keepAndLeave = () => {
    let kept = value;
    for (const [key, paste] of pasteWaiting) kept = withText(kept, key, keepAsText(paste, textOf(kept, key)));
    autosave.stop(kept);
    onLeave();
  };

  const keptAt = autosave.savedAt && new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(new Date(autosave.savedAt));

  return (
    <form className="incident-form" onSubmit={save} onBlur={autosave.flush} noValidate aria-labelledby="incident-title">
      <ErrorSummary ref={summary} items={summaryItems} />

      <PastableTextField
        {...pastable}
        limit={TEXT_LIMITS.whatHappened}
        field="whatHappened"
        className="incident-main"
        label={t('whatHappened.label')}
        hint={t('whatHappened.hint')}
        rows={8}
        value={value.whatHappened}
        error={errorFor('whatHappened')}
        onChange={(text) => update('whatHappened', text)}
      />

      <WhenFields when={value.when} onChange={(when) => update('when', when)} errorFor={errorFor} />

      <BehaviourFields chosen={value.behaviours} onChange={(behaviours) => update('behaviours', behaviours)} />

      <BreachFields
        orders={orders}
        breaches={value.breaches ?? []}
        onChange={(breaches) => update('breaches', breaches)}
        error={errorFor('breaches')}
      />

      <PastableTextField
        {...pastable}
        limit={TEXT_LIMITS.where}
        field="where"
        label={t('where.label')}
        hint={t('where.hint')}
        value={value.where}
        error={errorFor('where')}
        onChange={(where) => update('where', where)}
      />

      <PastableTextField
        {...pastable}
        limit={TEXT_LIMITS.whoDidIt}
        field="whoDidIt"
        label={t('whoDidIt.label')}
        hint={t('whoDidIt.hint')}
        rows={2}
        value={value.whoDidIt}
        error={errorFor('whoDidIt')}
        onChange={(whoDidIt) => update('whoDidIt', whoDidIt)}
      />

      <WitnessFields
        witnesses={value.witnesses}
        onChange={(witnesses) => update('witnesses', witnesses)}
        error={errorFor('witnesses')}
        errorFor={witnessError}
      />

      <PastableTextField
        {...pastable}
        limit={TEXT_LIMITS.evidenceElsewhere}
        field="evidenceElsewhere"
        label={t('evidence.label')}
        hint={t('evidence.hint')}
        rows={4}
        value={value.evidenceElsewhere}
        error={errorFor('evidenceElsewhere')}
        onChange={(evidenceElsewhere) => update('evidenceElsewhere', evidenceElsewhere)}
      />

      <AttachmentFields
        attachments={value.attachments}
        disabled={busy}
        onAdded={addAttachment}
        onRemove={(id) => setValue((current) => ({ ...current, attachments: current.attachments.filter((a) => a.id !== id) }))}
      />

      <ReportedFields reported={value.reported} onChange={(reported) => update('reported', reported)} errorFor={errorFor} />

      <ToldFields told={value.told ?? []} onChange={(told) => update('told', told)} error={errorFor('told')} errorFor={toldError} />

      <PastableTextField
        {...pastable}
        limit={TEXT_LIMITS.howItFelt}
        field="howItFelt"
        label={t('effect.howItFelt')}
        hint={t('effect.howItFeltHint')}
        rows={3}
        value={value.effect.howItFelt}
        error={errorFor('howItFelt')}
        onChange={(howItFelt) => setValue((current) => ({ ...current, effect: { ...current.effect, howItFelt } }))}
      />

      <PastableTextField
        {...pastable}
        limit={TEXT_LIMITS.whatItChanged}
        field="whatItChanged"
        label={t('effect.whatItChanged')}
        hint={t('effect.whatItChangedHint')}
        rows={3}
        value={value.effect.whatItChanged}
        error={errorFor('whatItChanged')}
        onChange={(whatItChanged) => setValue((current) => ({ ...current, effect: { ...current.effect, whatItChanged } }))}
      />

      <PastableTextField
        {...pastable}
        limit={TEXT_LIMITS.privateNotes}
        field="privateNotes"
        label={t('privateNotes.label')}
        hint={t('privateNotes.hint')}
        rows={4}
        value={value.privateNotes ?? ''}
        error={errorFor('privateNotes')}
        onChange={(privateNotes) => update('privateNotes', privateNotes)}
      />

      {saveError && (
        <div className="incident-save-error" role="alert">
          <p className="error">{t('errors.notSaved')}</p>
          <p className="error">{saveError}</p>
        </div>
      )}

      {leaving ? (
        <LeavePanel
          busy={busy}
          pasteWaiting={pasteWaiting.size > 0}
          onKeep={keepAndLeave}
          onDiscard={() => {
            void run(
              async () => {
                await autosave.finish();
                onLeave();
              },
              { keepError: true, busyAfterSuccess: true },
            );
          }}
          onStay={() => {
            setLeaving(false);
            // Back to the field whose paste waits for an answer, if there is one.
            const [waiting] = pasteWaiting.keys();
            const target = waiting === undefined ? 'incident-cancel' : fieldId(waiting);
            requestAnimationFrame(() => document.getElementById(target)?.focus());
          }}
        />
      ) : (
        <div className="button-row">
          <BusyButton type="submit" className="button primary" busy={busy} label={t('actions.save')} busyLabel={t('actions.saving')} />
          <button type="button" id="incident-cancel" className="button" disabled={busy} onClick={cancel}>
            {t('actions.cancel')}
          </button>
        </div>
      )}

      {autosave.error !== null ? (
        <div role="alert">
          <p className="error">{t('draft.notKept')}</p>
          <p className="error">{errorMessage(autosave.error)}</p>
        </div>
      ) : (
        keptAt && <p className="hint">{t('draft.keptAt', { time: keptAt })}</p>
      )}
    </form>
  );
}
