// What an incident's breach of an order says, from the orders an export carries: the order, and
// the condition's own words. A breach names its order and condition by ids only, so without the
// order in the export all a reader can honestly be told is that it breaches a condition of an order.

import type { BreachRef, ToldSomeone } from '../model/incident';
import type { CourtOrder } from '../model/order';
import { committedOrder, documentOrders, type ExportDocument } from './exportDocument';

export type BreachWords =
  /** The condition's words, from the order's latest version, which holds it. */
  | { kind: 'condition'; order: CourtOrder; condition: string }
  /** Not on the order's latest version: its words from the last earlier version that held it. */
  | { kind: 'condition-former'; order: CourtOrder; condition: string }
  /** The order is in the export, but no version of it holds this condition. */
  | { kind: 'condition-gone'; order: CourtOrder }
  /** The order is not in the export (a version 1 file, or a file from before orders). */
  | { kind: 'unknown' };

/** Looks each breach up in the document's orders. */
export function breachWordsIn(document: ExportDocument): (breach: BreachRef) => BreachWords {
  const orders = new Map(documentOrders(document).map((order) => [order.id, order.revisions.map((r) => committedOrder(r.content))]));
  return ({ orderId, conditionId }) => {
    const versions = orders.get(orderId);
    const latest = versions?.at(-1);
    if (!versions || !latest) return { kind: 'unknown' };
    const current = latest.conditions.find((c) => c.id === conditionId);
    if (current) return { kind: 'condition', order: latest, condition: current.text };
    // Removed since: its last known words, marked as no longer on the order (never as current).
    for (const version of [...versions].reverse()) {
      const condition = version.conditions.find((c) => c.id === conditionId);
      if (condition) return { kind: 'condition-former', order: latest, condition: condition.text };
    }
    return { kind: 'condition-gone', order: latest };
  };
}

/** Whether a version holds the fields that came with issue 16 (every one written since does; none before). */
export function hasLaterFields(incident: { breaches?: unknown; told?: unknown; privateNotes?: unknown }): boolean {
  return incident.breaches !== undefined || incident.told !== undefined || incident.privateNotes !== undefined;
}

/** i18next's t with namespaced keys ('report:log.breach'), as the PDF takes it. */
export type LaterFieldsTranslate = (key: string, options?: Record<string, unknown>) => string;

/** An order as a report names it: its kind, and its title when it has one. */
export function orderName(t: LaterFieldsTranslate, order: CourtOrder): string {
  const kind = t(`report:orderKinds.${order.kind}`);
  const title = order.title.trim();
  return title ? t('report:log.orderLabel', { kind, title }) : kind;
}

/** A breach in a report's words: the order and the condition, or honestly what is not known. */
export function breachLine(t: LaterFieldsTranslate, words: BreachWords): string {
  switch (words.kind) {
    case 'condition':
      return t('report:log.breach', { order: orderName(t, words.order), condition: words.condition });
    case 'condition-former':
      return t('report:log.breachFormer', { order: orderName(t, words.order), condition: words.condition });
    case 'condition-gone':
      return t('report:log.breachConditionGone', { order: orderName(t, words.order) });
    case 'unknown':
      return t('report:log.breachUnknown');
  }
}

/** Someone told, in a report's words: who, how and (if given) when; `date` writes a calendar date. */
export function toldLine(t: LaterFieldsTranslate, date: (iso: string) => string, item: ToldSomeone): string {
  const how = t(`report:log.toldHow.${item.how}`);
  const who = item.who.trim();
  if (item.date === undefined) return who ? t('report:log.told', { who, how }) : how;
  const day = date(item.date);
  const when = item.time === undefined ? day : t('report:log.toldAt', { date: day, time: item.time });
  return who ? t('report:log.toldWhen', { who, how, when }) : t('report:log.toldNoWho', { how, when });
}
