import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { useTranslation } from 'react-i18next';
import { ORDER_KINDS, ORDER_LIMITS, newConditionId, type CourtOrder } from '../../core/model/order';
import type { AttachmentRef } from '../../core/model/incident';
import type { DiaryEntry } from '../../core/store/diaryRepository';
import { vaultErrorCode } from '../../core/vault/errorCodes';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { useLocale } from '../../shared/hooks/useLocale';
import { useUnsavedInput } from '../../shared/hooks/unsavedInput';
import { AttachmentList } from '../../shared/incident/attachments/AttachmentList';
import { AttachmentPicker } from '../../shared/incident/attachments/AttachmentPicker';
import { BusyButton } from '../../shared/ui/BusyButton';
import { Choices } from '../../shared/ui/Choice';
import { Fieldset } from '../../shared/ui/Fieldset';
import { incidentsNaming } from './breaches';
import { OrderTextField } from './OrderTextField';
import {
  checkOrder,
  formValueOf,
  lengthErrors,
  orderFieldId,
  removedConditions,
  sameFormValue,
  type OrderFieldErrors,
  type OrderFieldKey,
  type OrderFormValue,
} from './orderRules';

export interface OrderFormProps {
  /** What the form starts with: the saved order, or a blank one. */
  initial: CourtOrder;
  /** The order's id when editing (for counting the incidents that name its conditions). */
  orderId?: string;
  /** Live incidents, to warn before a condition they name is removed. */
  entries: readonly DiaryEntry[];
  /** Saves to the diary and gives the order's id. */
  onSave: (order: CourtOrder) => Promise<string>;
  onSaved: (id: string) => void;
  onLeave: () => void;
}

/** A removal the person has been warned about: which conditions, and how many incidents name them. */
interface Warning {
  conditionIds: string[];
  incidents: number;
  /** From Save: confirming saves. From a Remove button: confirming removes that condition. */
  from: 'save' | 'remove';
}

/**
 * The order form, for a new order and for an edit: the kind, court and dates, a copy of the
 * order, and each condition as its own item. A failed save keeps everything on screen.
 */
export function OrderForm({ initial, orderId, entries, onSave, onSaved, onLeave }: OrderFormProps) {
  const { t } = useTranslation('orders');
  const language = useLocale();
  const vaultMessage = useVaultErrorMessage();
  const toError = useCallback(
    (caught: unknown) => (vaultErrorCode(caught) === 'entry-changed' ? t('form.entryChanged') : vaultMessage(caught)),
    [t, vaultMessage],
  );
  const { busy, error: saveError, setError: setSaveError, run } = useAsyncAction(toError);
  const [baseline] = useState(() => formValueOf(initial));
  const [value, setValue] = useState<OrderFormValue>(baseline);
  const [submitted, setSubmitted] = useState(false);
  const [done, setDone] = useState(false);
  const [warning, setWarning] = useState<Warning | null>(null);
  const [leaving, setLeaving] = useState(false);
  const leaveTitle = useRef<HTMLHeadingElement>(null);
  // Conditions whose removal the person confirmed after the warning: not asked about again at Save.
  const [confirmed, setConfirmed] = useState<ReadonlySet<string>>(new Set());
  const [summaryFocus, setSummaryFocus] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  const warningTitle = useRef<HTMLHeadingElement>(null);
  const dirty = !done && !sameFormValue(value, baseline);
  useUnsavedInput(dirty);

  useEffect(() => {
    if (summaryFocus > 0) summary.current?.focus();
  }, [summaryFocus]);
  useEffect(() => {
    if (warning) warningTitle.current?.focus();
  }, [warning]);
  useEffect(() => {
    if (leaving) leaveTitle.current?.focus();
  }, [leaving]);
  // Leaving with changes typed asks first: nothing typed is thrown away without the person saying so.
  const cancel = () => (dirty ? setLeaving(true) : onLeave());

  const check = submitted ? checkOrder(value) : null;
  const errors: OrderFieldErrors = check ? (check.ok ? {} : check.errors) : lengthErrors(value);
  const number = (n: number) => new Intl.NumberFormat(language).format(n);
  const errorFor = (key: OrderFieldKey): string | undefined => {
    const code = errors[key];
    if (code === undefined) return undefined;
    const limit = code === 'tooManyConditions' ? ORDER_LIMITS.conditions : code === 'tooManyFiles' ? ORDER_LIMITS.attachments : undefined;
    if (code === 'tooLong') {
      return t('errors.tooLong', { limit: number(key.startsWith('condition:') ? ORDER_LIMITS.conditionText : ORDER_LIMITS.shortText) });
    }
    return t(`errors.${code}`, { limit: number(limit ?? 0) });
  };
  const labelFor = (key: OrderFieldKey): string => {
    if (key.startsWith('condition:')) {
      const index = value.conditions.findIndex((c) => `condition:${c.id}` === key);
      return t('form.condition', { number: number(index + 1) });
    }
    const labels: Record<Exclude<OrderFieldKey, `condition:${string}`>, string> = {
      title: t('form.titleLabel'),
      court: t('form.court'),
      madeOn: t('form.madeOn'),
      servedOn: t('form.servedOn'),
      expiresOn: t('form.expiresOn'),
      attachments: t('form.filesLegend'),
      conditions: t('form.conditionsLegend'),
    };
    return labels[key as Exclude<OrderFieldKey, `condition:${string}`>];
  };
  const conditionsError = errorFor('conditions');
  const filesError = errorFor('attachments');
  const summaryItems = submitted
    ? (Object.keys(errors) as OrderFieldKey[]).map((key) => ({
        key,
        text: t('errors.inSummary', { field: labelFor(key), message: errorFor(key) ?? '' }),
      }))
    : [];

  const update = <K extends keyof OrderFormValue>(key: K, next: OrderFormValue[K]) => setValue((current) => ({ ...current, [key]: next }));
  const setCondition = (id: string, text: string) =>
    setValue((current) => ({ ...current, conditions: current.conditions.map((c) => (c.id === id ? { ...c, text } : c)) }));
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  const addCondition = () => {
    const id = newConditionId();
    setValue((current) => ({ ...current, conditions: [...current.conditions, { id, text: '' }] }));
    focusLater(orderFieldId(`condition:${id}`));
  };
  const removeCondition = (id: string) => {
    const index = value.conditions.findIndex((c) => c.id === id);
    setValue((current) => ({ ...current, conditions: current.conditions.filter((c) => c.id !== id) }));
    // Focus goes to the condition before it, or the one that took its place.
    const next = value.conditions[index - 1] ?? value.conditions[index + 1];
    focusLater(next ? orderFieldId(`condition:${next.id}`) : 'order-add-condition');
  };
  const askRemove = (id: string) => {
    const named = orderId === undefined ? 0 : incidentsNaming(orderId, [id], entries);
    if (named === 0) removeCondition(id);
    else setWarning({ conditionIds: [id], incidents: named, from: 'remove' });
  };

  const saveChecked = async (order: CourtOrder) => {
    const saved: { id?: string } = {};
    await run(
      async () => {
        saved.id = await onSave(order);
        setDone(true);
      },
      { busyAfterSuccess: true },
    );
    // Outside run: once saved, nothing that follows may offer to save it again.
    if (saved.id !== undefined) onSaved(saved.id);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || warning || leaving) return;
    setSubmitted(true);
    setSaveError(null);
    const result = checkOrder(value);
    if (!result.ok) {
      setSummaryFocus((n) => n + 1);
      return;
    }
    // An emptied condition is removed too: warn before the incidents naming it lose it from the order.
    const removed = removedConditions(initial, result.order)
      .map((c) => c.id)
      .filter((id) => !confirmed.has(id));
    const named = orderId === undefined ? 0 : incidentsNaming(orderId, removed, entries);
    if (named > 0) {
      setWarning({ conditionIds: removed, incidents: named, from: 'save' });
      return;
    }
    await saveChecked(result.order);
  };

  const confirmWarning = async () => {
    if (!warning) return;
    setConfirmed((current) => new Set([...current, ...warning.conditionIds]));
    setWarning(null);
    if (warning.from === 'remove') {
      for (const id of warning.conditionIds) removeCondition(id);
      return;
    }
    const result = checkOrder(value);
    if (result.ok) await saveChecked(result.order);
  };

  // Back to the condition the warning was about (still in the form, as it was).
  const keepCondition = () => {
    const [first] = warning?.conditionIds ?? [];
    setWarning(null);
    focusLater(first === undefined ? 'order-add-condition' : orderFieldId(`condition:${first}`));
  };

  const addAttachment = (ref: AttachmentRef) => setValue((current) => ({ ...current, attachments: [...current.attachments, ref] }));

  return (
    <form className="order-form" onSubmit={save} noValidate aria-labelledby="order-form-title">
      <ErrorSummary
        ref={summary}
        items={summaryItems.map(({ key, text }) => ({ key, text, target: orderFieldId(key) }))}
        title={t('errors.summaryTitle')}
        name="order"
      />

      <Fieldset className="order-group" legend={t('form.kind')}>
        <div className="order-kinds">
          <Choices
            type="radio"
            name="order-kind"
            options={ORDER_KINDS}
            isChecked={(kind) => value.kind === kind}
            onChange={(kind, checked) => checked && update('kind', kind)}
            label={(kind) => t(`kinds.${kind}`)}
          />
        </div>
      </Fieldset>

      <OrderTextField
        id={orderFieldId('title')}
        label={t('form.titleLabel')}
        hint={t('form.titleHint')}
        value={value.title}
        error={errorFor('title')}
        onChange={(title) => update('title', title)}
      />
      <OrderTextField
        id={orderFieldId('court')}
        label={t('form.court')}
        hint={t('form.courtHint')}
        value={value.court}
        error={errorFor('court')}
        onChange={(court) => update('court', court)}
      />
      <OrderTextField
        id={orderFieldId('madeOn')}
        type="date"
        label={t('form.madeOn')}
        value={value.madeOn}
        error={errorFor('madeOn')}
        onChange={(madeOn) => update('madeOn', madeOn)}
      />
      <OrderTextField
        id={orderFieldId('servedOn')}
        type="date"
        label={t('form.servedOn')}
        value={value.servedOn}
        error={errorFor('servedOn')}
        onChange={(servedOn) => update('servedOn', servedOn)}
      />
      <OrderTextField
        id={orderFieldId('expiresOn')}
        type="date"
        label={t('form.expiresOn')}
        hint={t('form.expiresHint')}
        value={value.expiresOn}
        error={errorFor('expiresOn')}
        onChange={(expiresOn) => update('expiresOn', expiresOn)}
      />

      <Fieldset className="order-group" legend={t('form.conditionsLegend')} hint={t('form.conditionsHint')} hintId="order-conditions-hint">
        {conditionsError && (
          <p id={orderFieldId('conditions')} className="error" tabIndex={-1}>
            {conditionsError}
          </p>
        )}
        {value.conditions.map((condition, index) => (
          <div key={condition.id} className="order-condition-field">
            <OrderTextField
              id={orderFieldId(`condition:${condition.id}`)}
              label={t('form.condition', { number: number(index + 1) })}
              rows={3}
              value={condition.text}
              error={errorFor(`condition:${condition.id}`)}
              onChange={(text) => setCondition(condition.id, text)}
            />
            {value.conditions.length > 1 && (
              <button type="button" className="button" disabled={busy || warning !== null} onClick={() => askRemove(condition.id)}>
                {t('form.removeCondition', { number: number(index + 1) })}
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          id="order-add-condition"
          className="button"
          disabled={busy || warning !== null || value.conditions.length >= ORDER_LIMITS.conditions}
          onClick={addCondition}
        >
          {t('form.addCondition')}
        </button>
      </Fieldset>

      <Fieldset className="order-group" legend={t('form.filesLegend')} hint={t('form.filesHint')} hintId="order-files-hint">
        {filesError && (
          <p id={orderFieldId('attachments')} className="error" tabIndex={-1}>
            {filesError}
          </p>
        )}
        <AttachmentList
          attachments={value.attachments}
          onRemove={(id) =>
            update(
              'attachments',
              value.attachments.filter((a) => a.id !== id),
            )
          }
        />
        <AttachmentPicker onAdded={addAttachment} disabled={busy} />
      </Fieldset>

      {saveError && (
        <div className="order-save-error" role="alert">
          <p className="error">{t('form.notSaved')}</p>
          <p className="error">{saveError}</p>
        </div>
      )}

      {warning ? (
        <section className="danger-zone order-warning" aria-labelledby="order-warning-title" aria-describedby="order-warning-body">
          <h2 id="order-warning-title" ref={warningTitle} tabIndex={-1}>
            {t('form.removeWarning.title')}
          </h2>
          <p id="order-warning-body">{t('form.removeWarning.body', { count: warning.incidents })}</p>
          <div className="button-row">
            <button type="button" className="button danger" onClick={() => void confirmWarning()}>
              {t(warning.from === 'save' ? 'form.removeWarning.saveAnyway' : 'form.removeWarning.removeAnyway')}
            </button>
            <button type="button" className="button" onClick={keepCondition}>
              {t('form.removeWarning.keep')}
            </button>
          </div>
        </section>
      ) : leaving ? (
        <section className="danger-zone order-warning" aria-labelledby="order-leave-title" aria-describedby="order-leave-body">
          <h2 id="order-leave-title" ref={leaveTitle} tabIndex={-1}>
            {t('form.leave.title')}
          </h2>
          <p id="order-leave-body">{t('form.leave.body')}</p>
          <div className="button-row">
            <button type="button" className="button danger" onClick={onLeave}>
              {t('form.leave.discard')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setLeaving(false);
                focusLater('order-cancel');
              }}
            >
              {t('form.leave.stay')}
            </button>
          </div>
        </section>
      ) : (
        <div className="button-row">
          <BusyButton type="submit" className="button primary" busy={busy} label={t('form.save')} busyLabel={t('form.saving')} />
          <button type="button" id="order-cancel" className="button" disabled={busy} onClick={cancel}>
            {t('form.cancel')}
          </button>
        </div>
      )}
    </form>
  );
}
