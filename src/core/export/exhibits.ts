// Exhibit references: labels such as "AB/1" that the person (or their advocate) gives the files an
// export carries, so that a witness statement can refer to them. The initials are chosen when the
// export is made; the numbers follow from the export alone (the same export gets the same
// numbers). A reference is a label: it is not part of the record of changes, and nothing checks it.

import type { AttachmentRef } from '../model/incident';
import {
  committedOrder,
  documentOrders,
  revisionIncident,
  type ExportDocument,
  type ExportEntry,
  type ExportOrder,
} from './exportDocument';

/** At most this many letters ("AB", "JS", "ABCD"). */
export const EXHIBIT_INITIALS_MAX = 4;

const INITIALS = /^[A-Z]{1,4}$/;

/** Why initials typed in cannot be used. */
export type InitialsProblem = 'not-letters' | 'too-long';

export type InitialsResult = { ok: true; initials: string | null } | { ok: false; problem: InitialsProblem };

/**
 * Initials as typed: blank means no exhibit references; otherwise 1 to 4 letters A to Z, in
 * either case, given back in capitals. Only plain Latin letters: a reference goes into file names
 * and onto every page of the report, where any other character could be misread or not print.
 */
export function parseExhibitInitials(input: string): InitialsResult {
  const typed = input.trim();
  if (typed === '') return { ok: true, initials: null };
  // Checked before changing case: "ß" in capitals is "SS", and "ı" becomes "I".
  if (!/^[A-Za-z]+$/.test(typed)) return { ok: false, problem: 'not-letters' };
  if (typed.length > EXHIBIT_INITIALS_MAX) return { ok: false, problem: 'too-long' };
  return { ok: true, initials: typed.toUpperCase() };
}

/** Initials already checked (capitals A to Z, 1 to 4 of them). */
export function isExhibitInitials(value: unknown): value is string {
  return typeof value === 'string' && INITIALS.test(value);
}

export interface Exhibit {
  /** 1, 2, … in the order the files first appear in the report. */
  number: number;
  /** As a statement cites it: "AB/1". */
  reference: string;
  /** As a file name starts: "AB-1" ("/" cannot be in a file name). */
  fileLabel: string;
}

/**
 * The files an export carries, each once, in the order they first appear in the report: incident
 * by incident as listed, each incident's files in its latest version's order, then files only
 * earlier versions had (oldest version first; they appear in its history); then the court orders'
 * own files (a copy of the order), order by order in the same way. Orders come after incidents so
 * that an incident's file keeps the number it had before orders carried files.
 */
export function exhibitOrder(entries: readonly ExportEntry[], orders: readonly ExportOrder[] = []): AttachmentRef[] {
  const files = new Map<string, AttachmentRef>();
  const take = (refs: readonly AttachmentRef[]) => {
    for (const ref of refs) if (!files.has(ref.id)) files.set(ref.id, ref);
  };
  for (const entry of entries) {
    const latest = entry.revisions.at(-1);
    if (latest) take(revisionIncident(latest).attachments);
    for (const revision of entry.revisions) take(revisionIncident(revision).attachments);
  }
  for (const order of orders) {
    const latest = order.revisions.at(-1);
    if (latest) take(committedOrder(latest.content).attachments);
    for (const revision of order.revisions) take(committedOrder(revision.content).attachments);
  }
  return [...files.values()];
}

/** The reference of exhibit `number` under `initials`: "AB/1". */
export function exhibitReference(initials: string, number: number): string {
  return `${initials}/${number}`;
}

/** Numbers files 1 to n in the order given (a file listed twice keeps its first number). */
export function numberExhibits(files: readonly Pick<AttachmentRef, 'id'>[], initials: string): Map<string, Exhibit> {
  const numbered = new Map<string, Exhibit>();
  for (const { id } of files) {
    if (numbered.has(id)) continue;
    const number = numbered.size + 1;
    numbered.set(id, { number, reference: exhibitReference(initials, number), fileLabel: `${initials}-${number}` });
  }
  return numbered;
}

/**
 * Each file's exhibit by attachment id, the incidents' files and the orders' alike (the package
 * carries both: see documentFiles). None without initials, or when the export does not carry
 * its files (a report that only lists them has no exhibits to number).
 */
export function exhibitsOf(document: ExportDocument, initials: string | null | undefined): ReadonlyMap<string, Exhibit> {
  if (!isExhibitInitials(initials) || !document.scope.attachmentsIncluded) return new Map();
  return numberExhibits(exhibitOrder(document.entries, documentOrders(document)), initials);
}

/** Removed from names: controls, format characters (bidi controls, zero-width), separators, lone surrogates. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
/** Replaced by "_": path separators, their look-alikes, and characters Windows reserves. */
const RESERVED = /[/\\:*?"<>|\u2044\u2215\u2216\u29f5\u29f8\u29f9\ufe68\uff0f\uff3c]/g;
/** A name stays well within the 255 bytes file systems allow, with room for the label. */
const MAX_NAME_CHARS = 120;

/**
 * A file's name with its exhibit label in front: "AB-1 IMG_2041.jpg". The name comes from
 * whoever made the file, so no control, bidi, path or reserved character survives, nor a leading
 * dot; an empty name becomes "file".
 */
export function exhibitFileName(exhibit: Pick<Exhibit, 'fileLabel'>, name: string): string {
  const cleaned = String(name)
    .normalize('NFC')
    // Line breaks and tabs become spaces before other controls go, so words stay apart.
    .replace(/\s+/gu, ' ')
    .replace(INVISIBLE, '')
    .replace(RESERVED, '_')
    .replace(/ {2,}/g, ' ')
    .replace(/^[\s.]+|\s+$/gu, '');
  const short = [...cleaned].slice(0, MAX_NAME_CHARS).join('').trimEnd();
  return `${exhibit.fileLabel} ${short || 'file'}`;
}

/**
 * The initials a package's file records were numbered with, when every record's reference is the
 * one those initials give that file in this document; otherwise null (references that disagree
 * with the document's own order are not shown).
 */
export function initialsOfRecorded(document: ExportDocument, recorded: ReadonlyMap<string, unknown>): string | null {
  let initials: string | null = null;
  for (const reference of recorded.values()) {
    const match = typeof reference === 'string' ? /^([A-Z]{1,4})\/[1-9][0-9]{0,5}$/.exec(reference) : null;
    if (!match?.[1] || (initials !== null && match[1] !== initials)) return null;
    initials = match[1];
  }
  if (initials === null) return null;
  const exhibits = exhibitsOf(document, initials);
  for (const [id, reference] of recorded) if (exhibits.get(id)?.reference !== reference) return null;
  return initials;
}
