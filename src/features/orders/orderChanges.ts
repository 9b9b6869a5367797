// An order's history for its page: each saved version with its device-clock time, and what it
// changed where that is simple to say (conditions added, removed or reworded; dates; kind, title,
// court; files).

import { isOrderBody } from '../../core/model/entryBody';
import type { CourtOrder } from '../../core/model/order';
import type { RevisionRecord } from '../../core/store/diaryRepository';

export type OrderDateField = 'madeOn' | 'servedOn' | 'expiresOn';

export type OrderChange =
  | { kind: 'conditionAdded'; text: string }
  | { kind: 'conditionRemoved'; text: string }
  | { kind: 'conditionChanged'; from: string; to: string }
  | { kind: 'date'; field: OrderDateField; from?: string; to?: string }
  | { kind: 'orderKind'; from: CourtOrder['kind']; to: CourtOrder['kind'] }
  | { kind: 'text'; field: 'title' | 'court'; from: string; to: string }
  | { kind: 'filesAdded'; count: number }
  | { kind: 'filesRemoved'; count: number };

export interface OrderHistoryStep {
  revision: number;
  recordedAt: string;
  first: boolean;
  /** What this version changed; null for the first, or when a version's content is gone. */
  changes: OrderChange[] | null;
}

export function orderChanges(before: CourtOrder, after: CourtOrder): OrderChange[] {
  const changes: OrderChange[] = [];
  if (before.kind !== after.kind) changes.push({ kind: 'orderKind', from: before.kind, to: after.kind });
  for (const field of ['title', 'court'] as const) {
    if (before[field] !== after[field]) changes.push({ kind: 'text', field, from: before[field], to: after[field] });
  }
  for (const field of ['madeOn', 'servedOn', 'expiresOn'] as const) {
    if (before[field] !== after[field]) changes.push({ kind: 'date', field, from: before[field], to: after[field] });
  }
  const beforeById = new Map(before.conditions.map((c) => [c.id, c.text]));
  const afterIds = new Set(after.conditions.map((c) => c.id));
  for (const condition of after.conditions) {
    const was = beforeById.get(condition.id);
    if (was === undefined) changes.push({ kind: 'conditionAdded', text: condition.text });
    else if (was !== condition.text) changes.push({ kind: 'conditionChanged', from: was, to: condition.text });
  }
  for (const condition of before.conditions) {
    if (!afterIds.has(condition.id)) changes.push({ kind: 'conditionRemoved', text: condition.text });
  }
  const beforeFiles = new Set(before.attachments.map((a) => a.id));
  const afterFiles = new Set(after.attachments.map((a) => a.id));
  const added = after.attachments.filter((a) => !beforeFiles.has(a.id)).length;
  const removed = before.attachments.filter((a) => !afterFiles.has(a.id)).length;
  if (added > 0) changes.push({ kind: 'filesAdded', count: added });
  if (removed > 0) changes.push({ kind: 'filesRemoved', count: removed });
  return changes;
}

/** Steps oldest first (tombstones left out). */
export function orderHistory(records: readonly RevisionRecord[]): OrderHistoryStep[] {
  const steps: OrderHistoryStep[] = [];
  let previous: CourtOrder | null = null;
  for (const { link, content } of records) {
    if (link.kind !== 'revision') continue;
    const held = content?.body ?? null;
    const body = held !== null && isOrderBody(held) ? held : null;
    const first = steps.length === 0;
    steps.push({
      revision: link.revision,
      recordedAt: link.recordedAt,
      first,
      changes: first || previous === null || body === null ? null : orderChanges(previous, body),
    });
    previous = body;
  }
  return steps;
}
