// A save's clock note (docs/evidence-v2-design.md section 2): the device's clock read earlier than
// the diary's previous link ('behind'), or the save came more than a day after it ('ahead', which
// is usual in a diary and no fault). Found on the new link after the save.
//
// The note itself holds only its kind. The previous record's time, which the screens show, is
// read from the diary's own links: the link before this one in the chain.

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

/** A clock note as the screens tell it: its kind, and when the diary's previous record was saved. */
export interface ClockNotice {
  kind: ClockNote['kind'];
  /** The previous link's recordedAt; null if this diary does not hold that link as it should. */
  previousAt: string | null;
}

/**
 * When the link before `link` in the chain was saved: the link at seq - 1 whose hash `link`
 * names as its previous one. Null when there is none such (a chain that does not add up, which
 * the integrity line reports).
 */
export function previousRecordedAt(links: readonly ChainLink[], link: ChainLink): string | null {
  const seq = link.seq - 1;
  if (seq < 0) return null;
  // Links are held in chain order, so the one wanted is normally at index seq.
  const previous = links[seq]?.seq === seq ? links[seq] : links.find((candidate) => candidate.seq === seq);
  return previous && previous.hash === link.prevHash ? previous.recordedAt : null;
}

/** What to tell about `link`'s clock note, if it has one, given the diary's links. */
export function clockNoticeOf(link: ChainLink, links: readonly ChainLink[]): ClockNotice | undefined {
  return link.clock ? { kind: link.clock.kind, previousAt: previousRecordedAt(links, link) } : undefined;
}

/**
 * The clock note of the version just saved as entry `id`, looked up after the save resolved, with
 * `links` the diary's links then. Like newestRevisionAfterSave, a lookup that fails says nothing.
 */
export function clockNoticeAfterSave(
  history: (entryId: string) => readonly { link: ChainLink }[],
  links: () => readonly ChainLink[],
  id: string,
): ClockNotice | undefined {
  try {
    const link = newestRevision(history(id));
    return link && clockNoticeOf(link, links());
  } catch {
    return undefined;
  }
}

/** Each version's clock note, by revision number, for an entry's history; `links` are the diary's. */
export function clockNotesByRevision(
  records: readonly { link: ChainLink }[],
  links: readonly ChainLink[],
): ReadonlyMap<number, ClockNotice> {
  const notes = new Map<number, ClockNotice>();
  for (const { link } of records) {
    const notice = link.kind === 'revision' ? clockNoticeOf(link, links) : undefined;
    if (notice) notes.set(link.revision, notice);
  }
  return notes;
}
