// A save's clock note (docs/evidence-v2-design.md section 2): the device's clock read earlier than
// the diary's last link, or more than a day after it. Found on the new link after the save.

import type { ChainLink, ClockNote } from '../../../core/evidence';

export type { ClockNote };

/** What a save leaves in the router state of the screen it lands on: the version it wrote. */
export interface SavedState {
  savedRevision: number;
}

/** The router state after a save that wrote `revision` (none when nothing was written). */
export function savedState(revision: number | undefined): SavedState | null {
  return revision === undefined ? null : { savedRevision: revision };
}

/** The version a save wrote, from router state of unknown shape (a reload, another screen's state). */
export function savedRevisionIn(state: unknown): number | null {
  if (typeof state !== 'object' || state === null) return null;
  const { savedRevision } = state as Partial<Record<keyof SavedState, unknown>>;
  return typeof savedRevision === 'number' && Number.isSafeInteger(savedRevision) && savedRevision > 0 ? savedRevision : null;
}

/** The newest version of an entry, from its records oldest first (tombstones do not count). */
export function newestRevision(records: readonly { link: ChainLink }[]): ChainLink | undefined {
  return records.filter((record) => record.link.kind === 'revision').at(-1)?.link;
}

/**
 * The newest version of an entry just saved, looked up after the save resolved. The save has
 * happened whatever this finds: a lookup that fails only means nothing is said about the clock.
 */
export function newestRevisionAfterSave(history: (entryId: string) => readonly { link: ChainLink }[], id: string): ChainLink | undefined {
  try {
    return newestRevision(history(id));
  } catch {
    return undefined;
  }
}

/** Each version's clock note, by revision number, for an entry's history. */
export function clockNotesByRevision(records: readonly { link: ChainLink }[]): ReadonlyMap<number, ClockNote> {
  const notes = new Map<number, ClockNote>();
  for (const { link } of records) if (link.kind === 'revision' && link.clock) notes.set(link.revision, link.clock);
  return notes;
}
