// The diary's sealed first page: the incidents the timeline shows first, as its rows show them
// (when, the start of what happened, behaviours, reported), kept encrypted in the settings table
// and rewritten in the same transaction as every write. Unlock paints it before decrypting the
// whole diary, which then loads behind it.
//
// It is a copy, never evidence: it is shown only when it was written at the chain's end that the
// seal vouches for (size and last link hash, the seal's MAC checked, and the last record stored,
// in a row or a pack, that link), so a page left from an earlier chain, or put back with an earlier seal over a longer
// chain, is never shown. Anything else (no page, a page that does not decrypt or read) waits for
// the full load, as before. While the data key is being replaced, the page, the seal and the last
// row are each read under whichever key holds them, as every row is. The full load replaces it.

import { isIsoTimestamp } from '../../evidence';
import { MAX_ENTRY_ID_LENGTH } from '../../evidence/chainLink';
import { isBehaviour, type Behaviour } from '../../model/behaviours';
import { excerpt } from '../../model/excerpt';
import { happenedSortKey, newestFirst } from '../../model/happened';
import type { IncidentWhen } from '../../model/incident';
import { parseWhen } from '../../model/incidentParse';
import { own } from '../../model/ownProperty';
import type { ChainEnd } from './seal';
import type { DiaryEntry } from './types';

/** The first page's row in the encrypted settings table. */
export const FIRST_PAGE_ROW_ID = 'diary-first-page';

/** Incidents on the page: more than a phone's first screen shows, so scrolling a little still has rows. */
export const FIRST_PAGE_SIZE = 20;

/**
 * Every page is padded to this many bytes of JSON, so its stored length is the same whatever it
 * holds (as for the other settings rows with fixed ids: vault/fixedRows.ts). Each row is bounded
 * (an excerpt of at most 160 characters, the same of an approximate date's description): 20
 * rows of ordinary text fit in 16 KiB, and a page that would not is cut to the rows that do (see
 * fitFirstPage), which still fill a phone's first screen. Small, because it is written with every save.
 */
export const FIRST_PAGE_BYTES = 16 * 1024;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/**
 * The page with as many of its rows as fit in FIRST_PAGE_BYTES once padded (every row, unless
 * text of unusual characters makes its JSON several times its length).
 */
export function fitFirstPage(page: FirstPage): FirstPage {
  let rows = page.rows;
  // Room for the pad key itself.
  while (rows.length > 0 && utf8Length(JSON.stringify({ ...page, rows })) > FIRST_PAGE_BYTES - 64) rows = rows.slice(0, -1);
  return rows === page.rows ? page : { ...page, rows };
}

/** One incident as the timeline's first rows show it: never its whole text. */
export interface FirstPageRow {
  id: string;
  firstRecordedAt: string;
  revisions: number;
  when: IncidentWhen;
  /** The start of what happened (model/excerpt.ts), as the timeline shows it. */
  excerpt: string;
  behaviours: Behaviour[];
  reported: boolean;
}

/** The page as stored: the chain end it was written at, how many incidents the diary holds, its rows in timeline order. */
export interface FirstPage {
  v: 1;
  end: ChainEnd;
  incidents: number;
  rows: FirstPageRow[];
}

export function firstPageRow(entry: DiaryEntry): FirstPageRow {
  const { incident } = entry;
  return {
    id: entry.id,
    firstRecordedAt: entry.firstRecordedAt,
    revisions: entry.revisions,
    when: incident.when.kind === 'approximate' ? { ...incident.when, description: excerpt(incident.when.description) } : incident.when,
    excerpt: excerpt(incident.whatHappened),
    behaviours: [...incident.behaviours],
    reported: incident.reported.reported,
  };
}

type Ranked = { sortKey: string; entry: DiaryEntry };

const ranked = (entry: DiaryEntry): Ranked => ({ sortKey: happenedSortKey(entry.incident.when, entry.firstRecordedAt), entry });

/** Whether `a` comes after `b` in timeline order. */
export function ranksAfter(a: DiaryEntry, b: DiaryEntry): boolean {
  return newestFirst(ranked(a), ranked(b)) > 0;
}

/**
 * The first `size` of `entries` in timeline order. One pass keeping the best `size` (a short
 * sorted list), so a 50,000-incident diary is not sorted whole on every write that needs it.
 */
export function firstEntries(entries: Iterable<DiaryEntry>, size = FIRST_PAGE_SIZE): DiaryEntry[] {
  const best: Ranked[] = [];
  for (const entry of entries) {
    const item = ranked(entry);
    if (best.length === size) {
      const last = best[size - 1];
      if (!last || newestFirst(item, last) >= 0) continue;
      best.pop();
    }
    let at = best.length;
    while (at > 0 && newestFirst(item, best[at - 1] as Ranked) < 0) at -= 1;
    best.splice(at, 0, item);
  }
  return best.map((item) => item.entry);
}

function sameRows(a: readonly FirstPageRow[], b: readonly FirstPageRow[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

/** Whether two pages say the same (so an unchanged page is not written again at load). */
export function samePage(a: FirstPage, b: FirstPage): boolean {
  return a.end.size === b.end.size && a.end.head === b.end.head && a.incidents === b.incidents && sameRows(a.rows, b.rows);
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function parseRow(value: unknown): FirstPageRow | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = own(value, 'id');
  const firstRecordedAt = own(value, 'firstRecordedAt');
  const revisions = own(value, 'revisions');
  const when = parseWhen(own(value, 'when'));
  const text = own(value, 'excerpt');
  const behaviours = own(value, 'behaviours');
  const reported = own(value, 'reported');
  // Any id a chain link may carry (a diary from a version 1 backup has ids of its own).
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ENTRY_ID_LENGTH || !isIsoTimestamp(firstRecordedAt)) return null;
  if (!isCount(revisions) || revisions < 1 || when === null || typeof text !== 'string' || text.length > 1000) return null;
  if (!Array.isArray(behaviours) || !behaviours.every(isBehaviour) || typeof reported !== 'boolean') return null;
  return { id, firstRecordedAt, revisions, when, excerpt: text, behaviours: [...behaviours], reported };
}

/**
 * Reads a decrypted page, strictly: anything unexpected is no page (the diary then waits for
 * its full load). Only this code, with the vault's key, can have written it, but a page it cannot
 * show exactly is not shown at all.
 */
export function parseFirstPage(value: unknown): FirstPage | null {
  try {
    if (typeof value !== 'object' || value === null || own(value, 'v') !== 1) return null;
    const end = own(value, 'end');
    const incidents = own(value, 'incidents');
    const rows = own(value, 'rows');
    if (typeof end !== 'object' || end === null || !isCount(incidents) || !Array.isArray(rows) || rows.length > FIRST_PAGE_SIZE)
      return null;
    const size = own(end, 'size');
    const head = own(end, 'head');
    if (!isCount(size) || typeof head !== 'string' || !/^[0-9a-f]{64}$/.test(head)) return null;
    // Array.from visits holes too (map would skip them).
    const parsed = Array.from(rows, parseRow);
    if (parsed.some((row) => row === null) || rows.length > incidents) return null;
    if (new Set(parsed.map((row) => row?.id)).size !== parsed.length) return null;
    return { v: 1, end: { size, head }, incidents, rows: parsed as FirstPageRow[] };
  } catch {
    return null;
  }
}
