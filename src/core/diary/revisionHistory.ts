// One entry's history for the detail screen: when it was first written down, then each
// later save with what it changed.

import type { ChainLink, RevisionContent } from '../evidence';
import { isOrderBody, type EntryBody } from '../model/entryBody';
import type { AttachmentRef, Incident } from '../model/incident';
import { diffIncidents, type FieldChange } from './revisionDiff';

export interface HistoryRecord {
  link: ChainLink;
  content: RevisionContent<EntryBody> | null;
}

export interface HistoryStep {
  revision: number;
  recordedAt: string;
  kind: 'written' | 'edited';
  /** What this save changed; null when the first step, or when a version's content is missing. */
  changes: FieldChange[] | null;
}

/** Steps oldest first, from an entry's chain records (tombstones are left out). */
export function entryHistory(records: readonly HistoryRecord[]): HistoryStep[] {
  const steps: HistoryStep[] = [];
  let previous: Incident | null = null;
  for (const { link, content } of records) {
    if (link.kind !== 'revision') continue;
    // An incident's history: its versions are incidents (an entry keeps its kind).
    const held = content?.body ?? null;
    const body = held === null || isOrderBody(held) ? null : held;
    const first = steps.length === 0;
    steps.push({
      revision: link.revision,
      recordedAt: link.recordedAt,
      kind: first ? 'written' : 'edited',
      changes: first || previous === null || body === null ? null : diffIncidents(previous, body),
    });
    previous = body;
  }
  return steps;
}

/**
 * Attachments that deleting an entry leaves without a home: every file any of its versions
 * referred to, except files a remaining entry still refers to.
 */
export function attachmentsToDiscard(
  records: readonly HistoryRecord[],
  remaining: readonly { readonly attachments: readonly AttachmentRef[] }[],
): string[] {
  // `remaining` is every live incident and order: an order's copy of itself is a file too.
  const kept = new Set(remaining.flatMap((body) => body.attachments.map((a) => a.id)));
  const ids = new Set(records.flatMap((record) => record.content?.body.attachments.map((a) => a.id) ?? []));
  return [...ids].filter((id) => !kept.has(id));
}
