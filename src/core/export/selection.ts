// Which incidents an export takes, and what goes out with them, from what the person chose.

import type { ChainLink } from '../evidence';
import { happenedSortKey, happenedSpan } from '../model/happened';
import { isOrderBody } from '../model/entryBody';
import { distinctAttachments, type AttachmentRef } from '../model/incident';
import type { DiaryEntry, RevisionRecord } from '../store/diaryRepository';
import type { ExportSelection } from './exportDocument';

export const EMPTY_SELECTION: ExportSelection = {
  behaviours: [],
  entryIds: [],
  includeAttachments: true,
  includeOriginals: false,
  omitFields: [],
  includeChecklists: false,
  // Orders hold addresses and names: by default only those the chosen incidents breach go out.
  includeOrders: false,
};

/** The chosen entries in the order they happened (oldest first, as a log reads). */
export function selectEntries(entries: readonly DiaryEntry[], selection: ExportSelection): DiaryEntry[] {
  const picked = new Set(selection.entryIds);
  const behaviours = new Set(selection.behaviours);
  const from = selection.from || '0000-01-01';
  const to = selection.to || '9999-12-31';
  return entries
    .filter((entry) => {
      if (picked.size > 0 && !picked.has(entry.id)) return false;
      if (behaviours.size > 0 && !entry.incident.behaviours.some((b) => behaviours.has(b))) return false;
      const span = happenedSpan(entry.incident.when, entry.firstRecordedAt);
      return span.end >= from && span.start <= to;
    })
    .map((entry) => ({ entry, key: happenedSortKey(entry.incident.when, entry.firstRecordedAt) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.entry.firstRecordedAt < b.entry.firstRecordedAt ? -1 : 1))
    .map(({ entry }) => entry);
}

/**
 * Files referred to by any version of the chosen entries that is still held, each once: an
 * earlier version's photo is evidence too.
 */
export function attachmentsOf(histories: readonly (readonly RevisionRecord[])[]): AttachmentRef[] {
  return distinctAttachments(histories.flat().flatMap(({ content }) => (content ? [content.body] : [])));
}

export interface SelectionSummary {
  incidents: number;
  /** Files that will go out (0 when attachments are left out). */
  files: number;
  fileBytes: number;
}

export function summariseSelection(
  chosen: readonly DiaryEntry[],
  history: (entryId: string) => readonly RevisionRecord[],
  selection: ExportSelection,
  /** The orders that go out with them (chosenOrderIds): a package carries their files too. */
  orderIds: readonly string[] = [],
): SelectionSummary {
  const histories = [...chosen.map((entry) => history(entry.id)), ...orderIds.map((id) => history(id))];
  const files = selection.includeAttachments ? attachmentsOf(histories) : [];
  return { incidents: chosen.length, files: files.length, fileBytes: files.reduce((sum, file) => sum + file.size, 0) };
}

/**
 * The diary's live orders (not deleted, an order in a version still held), by entry id, in the
 * order they were first written. Found from the links and histories, so a worker given only those
 * finds the same ones.
 */
export function liveOrderIds(links: readonly ChainLink[], history: (entryId: string) => readonly RevisionRecord[]): string[] {
  const live = new Map<string, boolean>();
  for (const link of links) {
    if (link.kind === 'tombstone') live.set(link.entryId, false);
    else if (!live.has(link.entryId)) live.set(link.entryId, true);
  }
  return [...live]
    .filter(([id, alive]) => alive && history(id).some(({ content }) => content !== null && isOrderBody(content.body)))
    .map(([id]) => id);
}

/**
 * The orders an export takes: every live order when `includeOrders` is true; otherwise those that
 * a held version of a chosen incident names in `breaches`. In the order they were first written.
 */
export function chosenOrderIds(
  source: { links: readonly ChainLink[]; entries: readonly { id: string }[]; history: (entryId: string) => readonly RevisionRecord[] },
  selection: Pick<ExportSelection, 'includeOrders'>,
): string[] {
  const live = liveOrderIds(source.links, source.history);
  if (selection.includeOrders === true) return live;
  const named = new Set<string>();
  for (const entry of source.entries) {
    for (const { content } of source.history(entry.id)) {
      if (content === null || isOrderBody(content.body)) continue;
      for (const breach of content.body.breaches ?? []) named.add(breach.orderId);
    }
  }
  return live.filter((id) => named.has(id));
}
