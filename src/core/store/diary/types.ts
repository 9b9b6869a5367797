// What the diary holds and shows, shared by its parts (chain, storage, queries) and its users.

import type { ChainLink, RevisionContent, RevisionOrigin } from '../../evidence';
import type { EntryBody } from '../../model/entryBody';
import type { Incident } from '../../model/incident';
import type { CourtOrder } from '../../model/order';
import type { ChainEnd } from './seal';

/** One row of the diary: a link of the hash chain and, unless deleted, the content it covers (an incident or an order). */
export interface RevisionRecord {
  link: ChainLink;
  content: RevisionContent<EntryBody> | null;
  /**
   * Kept when an imported revision's content is deleted: no text of the person's, just where it
   * came from, so restoring the same backup again does not bring a deleted incident back.
   */
  origin?: RevisionOrigin;
}

/** An incident as the diary shows it: its latest content and its history. */
export interface DiaryEntry {
  id: string;
  incident: Incident;
  /** When it was first written down (the first revision's recordedAt). */
  firstRecordedAt: string;
  /** When it was last changed. */
  lastRecordedAt: string;
  revisions: number;
}

/** A court order as the diary shows it: its latest content and its history. */
export interface OrderEntry {
  id: string;
  order: CourtOrder;
  firstRecordedAt: string;
  lastRecordedAt: string;
  revisions: number;
}

export interface DiarySnapshot {
  /** Live incidents, newest first by when they were first written down. */
  entries: DiaryEntry[];
  /** Live orders, newest first by when they were first written down. */
  orders: OrderEntry[];
  links: ChainLink[];
  /** Entries deleted, with when (the tombstone's recordedAt). */
  deleted: { id: string; at: string }[];
}

/**
 * One write: `rows` in chain order, of which the last `appended` are new links and the ones
 * before them rewrite existing rows (content erased by a deletion). `end` is where the chain
 * ends once it is stored: what the seal written with it covers.
 */
export interface DiaryWrite {
  rows: RevisionRecord[];
  appended: number;
  end: ChainEnd;
}
