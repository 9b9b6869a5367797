// The order form's rules, without React: what the form holds, tidying it, checking it before it
// goes into the diary, and telling whether anything changed.

import { isCalendarDate } from '../../core/model/calendarDate';
import type { AttachmentRef } from '../../core/model/incident';
import { ORDER_LIMITS, type CourtOrder, type OrderCondition, type OrderKind } from '../../core/model/order';

/** What the form holds: dates as typed ('' when none), conditions with their ids. */
export interface OrderFormValue {
  kind: OrderKind;
  title: string;
  court: string;
  madeOn: string;
  servedOn: string;
  expiresOn: string;
  attachments: AttachmentRef[];
  conditions: OrderCondition[];
}

/** Every place the form can show an error; a condition's is `condition:<id>`. */
export type OrderFieldKey = 'title' | 'court' | 'madeOn' | 'servedOn' | 'expiresOn' | 'attachments' | 'conditions' | `condition:${string}`;

export type OrderErrorCode =
  'titleRequired' | 'tooLong' | 'dateFormat' | 'expiresBeforeMade' | 'noConditions' | 'tooManyConditions' | 'tooManyFiles';

export type OrderFieldErrors = Partial<Record<OrderFieldKey, OrderErrorCode>>;

export type OrderCheck = { ok: true; order: CourtOrder } | { ok: false; errors: OrderFieldErrors };

/** The element id of each place an error can be, for the summary's links. */
export function orderFieldId(key: OrderFieldKey): string {
  return key.startsWith('condition:') ? `order-condition-${key.slice('condition:'.length)}` : `order-${key}`;
}

export function formValueOf(order: CourtOrder): OrderFormValue {
  return {
    kind: order.kind,
    title: order.title,
    court: order.court,
    madeOn: order.madeOn ?? '',
    servedOn: order.servedOn ?? '',
    expiresOn: order.expiresOn ?? '',
    attachments: order.attachments,
    conditions: order.conditions,
  };
}

/** Too long once trimmed: said at once, as the person types, not only on save. */
export function lengthErrors(value: OrderFormValue): OrderFieldErrors {
  const errors: OrderFieldErrors = {};
  if (value.title.trim().length > ORDER_LIMITS.shortText) errors.title = 'tooLong';
  if (value.court.trim().length > ORDER_LIMITS.shortText) errors.court = 'tooLong';
  for (const condition of value.conditions) {
    if (condition.text.trim().length > ORDER_LIMITS.conditionText) errors[`condition:${condition.id}`] = 'tooLong';
  }
  return errors;
}

/**
 * Checks the form and gives the order to save: text trimmed, empty conditions left out (an
 * emptied condition is a removed one), dates only when given.
 */
export function checkOrder(value: OrderFormValue): OrderCheck {
  const errors = lengthErrors(value);
  const title = value.title.trim();
  if (value.kind === 'other' && title === '') errors.title = 'titleRequired';
  for (const key of ['madeOn', 'servedOn', 'expiresOn'] as const) {
    if (value[key] !== '' && !isCalendarDate(value[key])) errors[key] = 'dateFormat';
  }
  // ISO dates compare as text.
  if (errors.madeOn === undefined && errors.expiresOn === undefined && value.madeOn !== '' && value.expiresOn !== '') {
    if (value.expiresOn < value.madeOn) errors.expiresOn = 'expiresBeforeMade';
  }
  const conditions = value.conditions.map((c) => ({ id: c.id, text: c.text.trim() })).filter((c) => c.text !== '');
  if (conditions.length === 0) errors.conditions = 'noConditions';
  else if (conditions.length > ORDER_LIMITS.conditions) errors.conditions = 'tooManyConditions';
  if (value.attachments.length > ORDER_LIMITS.attachments) errors.attachments = 'tooManyFiles';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    order: {
      type: 'order',
      kind: value.kind,
      title,
      court: value.court.trim(),
      ...(value.madeOn === '' ? {} : { madeOn: value.madeOn }),
      ...(value.servedOn === '' ? {} : { servedOn: value.servedOn }),
      ...(value.expiresOn === '' ? {} : { expiresOn: value.expiresOn }),
      attachments: value.attachments,
      conditions,
    },
  };
}

/** Whether two form values would save the same order (so nothing is "unsaved"). */
export function sameFormValue(a: OrderFormValue, b: OrderFormValue): boolean {
  const tidy = (value: OrderFormValue) => ({
    ...value,
    title: value.title.trim(),
    court: value.court.trim(),
    attachments: value.attachments.map((file) => file.id),
    conditions: value.conditions.map((c) => [c.id, c.text.trim()]).filter(([, text]) => text !== ''),
  });
  return JSON.stringify(tidy(a)) === JSON.stringify(tidy(b));
}

/** Whether two orders are the same, so an edit that changed nothing adds no revision. */
export function sameOrder(a: CourtOrder, b: CourtOrder): boolean {
  return sameFormValue(formValueOf(a), formValueOf(b));
}

/** Conditions of `before` that `after` no longer has (by id). */
export function removedConditions(before: CourtOrder, after: CourtOrder): OrderCondition[] {
  const kept = new Set(after.conditions.map((c) => c.id));
  return before.conditions.filter((c) => !kept.has(c.id));
}
