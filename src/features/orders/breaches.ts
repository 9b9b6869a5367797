// Which incidents are marked as breaching an order, and which of its conditions, without React.

import { happenedSortKey } from '../../core/model/happened';
import { isOrderBody } from '../../core/model/entryBody';
import type { CourtOrder } from '../../core/model/order';
import type { DiaryEntry, RevisionRecord } from '../../core/store/diaryRepository';

/** One incident marked as breaching the order: the conditions it names, in the order's own order. */
export interface OrderBreach {
  entry: DiaryEntry;
  /** Condition ids the incident names for this order (on the order now or not). */
  conditionIds: string[];
}

/** Incidents naming `orderId`, in the time they happened (earliest first). */
export function breachesOf(orderId: string, entries: readonly DiaryEntry[]): OrderBreach[] {
  const found: { breach: OrderBreach; key: string }[] = [];
  for (const entry of entries) {
    const ids = (entry.incident.breaches ?? []).filter((b) => b.orderId === orderId).map((b) => b.conditionId);
    if (ids.length === 0) continue;
    found.push({
      breach: { entry, conditionIds: [...new Set(ids)] },
      key: happenedSortKey(entry.incident.when, entry.firstRecordedAt),
    });
  }
  // Same moment: the one written down first comes first.
  found.sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.breach.entry.firstRecordedAt.localeCompare(b.breach.entry.firstRecordedAt),
  );
  return found.map((f) => f.breach);
}

/** How many incidents are marked as breaching each condition id. */
export function breachCounts(breaches: readonly OrderBreach[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { conditionIds } of breaches) for (const id of conditionIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** Incidents naming `orderId` at all (for the list of orders). */
export function breachCountOf(orderId: string, entries: readonly DiaryEntry[]): number {
  return entries.filter((entry) => (entry.incident.breaches ?? []).some((b) => b.orderId === orderId)).length;
}

/** A condition the order no longer has, that incidents still name. */
export interface FormerCondition {
  id: string;
  /** Its wording in the last version of the order that had it; null when no version holding it can be read. */
  text: string | null;
  count: number;
}

/** Conditions named by breaches but not on the order now, with their last known wording, first named first. */
export function formerConditions(
  order: CourtOrder,
  breaches: readonly OrderBreach[],
  records: readonly RevisionRecord[],
): FormerCondition[] {
  const current = new Set(order.conditions.map((c) => c.id));
  const counts = breachCounts(breaches);
  const lastText = new Map<string, string>();
  for (const { content } of records) {
    const body = content?.body;
    if (!body || !isOrderBody(body)) continue;
    for (const condition of body.conditions) lastText.set(condition.id, condition.text);
  }
  const ids: string[] = [];
  for (const { conditionIds } of breaches) for (const id of conditionIds) if (!current.has(id) && !ids.includes(id)) ids.push(id);
  return ids.map((id) => ({ id, text: lastText.get(id) ?? null, count: counts.get(id) ?? 0 }));
}

/** How many incidents name each of `conditionIds` (for the warning before removing conditions). */
export function incidentsNaming(orderId: string, conditionIds: readonly string[], entries: readonly DiaryEntry[]): number {
  const ids = new Set(conditionIds);
  return entries.filter((entry) => (entry.incident.breaches ?? []).some((b) => b.orderId === orderId && ids.has(b.conditionId))).length;
}
