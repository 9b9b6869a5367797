// One link of the diary's hash chain: its shape, its hash, and a structural
// check for links read back from storage or from an imported file.
//
// Version 1 links (no `v`) were written before issue 12 and still verify as they
// always did. Version 2 links (`v: 2`) are all that is written now: they hash a
// different preimage (so a v1 link cannot pass for a v2 one) and may carry a
// clock note: the device's clock read earlier than the link before, or more than a day later.

import { canonicalJson } from './canonicalJson';
import { sha256Hex } from './hash';
import { isSha256Hex } from './hex';

export type LinkKind = 'revision' | 'tombstone';

/**
 * A v2 link's note about its recordedAt against the link before it: earlier than it ('behind':
 * the device's clock read earlier than the previous record), or more than CLOCK_AHEAD_MS after it
 * ('ahead': saved more than a day after the previous record, a gap that is not in itself a clock
 * fault). The time itself is kept as the device read it; the note is part of the hash, so it
 * cannot be added or removed later. It carries the kind only, never the previous link's time: an
 * export that leaves that link out must not reveal when it was written.
 */
export interface ClockNote {
  kind: 'behind' | 'ahead';
}

export interface ChainLink {
  /** 2 for links written from version 2 on; absent for version 1 links. */
  v?: 2;
  /** 0, 1, 2, ... over the whole diary. */
  seq: number;
  entryId: string;
  /** 1, 2, 3, ... per entry; a tombstone takes the next number after the last revision. */
  revision: number;
  kind: LinkKind;
  /** When this link was written: Date.prototype.toISOString() form (UTC, milliseconds). */
  recordedAt: string;
  contentHash: string;
  prevHash: string;
  hash: string;
  /** Only on v2 links, and only when clockNoteFor gives a note. */
  clock?: ClockNote;
}

/** The prevHash of the first link. */
export const GENESIS_HASH = '0'.repeat(64);

export const MAX_ENTRY_ID_LENGTH = 256;

/** Key into the `contents` map given to verifyChain. */
export function contentKey(entryId: string, revision: number): string {
  // The revision (digits only) follows the last '#', so keys are unambiguous
  // even if an entry id contains '#'.
  return `${entryId}#${revision}`;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Exactly toISOString() output for a real instant. One spelling per instant
 * keeps hashes stable and makes "2024-02-30" or a local-time string invalid.
 */
export function isIsoTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_TIMESTAMP.test(value)) return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && new Date(time).toISOString() === value;
}

/** A gap longer than this since the previous link gets an 'ahead' note: 24 hours. */
export const CLOCK_AHEAD_MS = 86_400_000;

/**
 * The note a v2 link written at `recordedAt` after `prev` must carry: 'behind' when earlier than
 * prev's time, 'ahead' when more than CLOCK_AHEAD_MS after it, otherwise (and for the first link)
 * none (undefined).
 */
export function clockNoteFor(prev: Pick<ChainLink, 'recordedAt'> | null, recordedAt: string): ClockNote | undefined {
  if (prev === null) return undefined;
  const gap = Date.parse(recordedAt) - Date.parse(prev.recordedAt);
  if (gap < 0) return { kind: 'behind' };
  if (gap > CLOCK_AHEAD_MS) return { kind: 'ahead' };
  return undefined;
}

/** The hash a link must carry, from everything else in it (v1 or v2, as its `v` says). */
export function computeLinkHash(link: Omit<ChainLink, 'hash'>): Promise<string> {
  const { seq, entryId, revision, kind, recordedAt, contentHash, prevHash } = link;
  if (link.v !== 2) {
    return sha256Hex(canonicalJson({ v: 1, prevHash, contentHash, meta: { seq, entryId, revision, kind, recordedAt } }));
  }
  // Rebuilt from its one field, so nothing else a note object carries can slip into the hash.
  const clock = link.clock === undefined ? {} : { clock: { kind: link.clock.kind } };
  return sha256Hex(canonicalJson({ v: 2, prevHash, contentHash, meta: { seq, entryId, revision, kind, recordedAt, ...clock } }));
}

function isIndex(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function isClockNote(value: unknown): value is ClockNote {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const note = value as Partial<Record<keyof ClockNote, unknown>>;
  // Exactly the one key, symbols included: anything more would be carried along unhashed.
  return Reflect.ownKeys(value).length === 1 && Object.hasOwn(value, 'kind') && (note.kind === 'behind' || note.kind === 'ahead');
}

/** v absent (v1) or exactly 2; a clock note only on a v2 link, well-formed, never a key holding undefined. */
function isWellFormedVersion(link: object): boolean {
  const hasV = Object.hasOwn(link, 'v');
  const hasClock = Object.hasOwn(link, 'clock');
  const { v, clock } = link as { v?: unknown; clock?: unknown };
  // An inherited value would be read when hashing yet not count as the link's own.
  if ((!hasV && v !== undefined) || (!hasClock && clock !== undefined)) return false;
  if (!hasV) return !hasClock;
  return v === 2 && (!hasClock || isClockNote(clock));
}

/** Checks types and formats only; order and hashes are verifyChain's job. */
export function isWellFormedLink(value: unknown): value is ChainLink {
  if (typeof value !== 'object' || value === null) return false;
  const link = value as Partial<Record<keyof ChainLink, unknown>>;
  return (
    isWellFormedVersion(value) &&
    isIndex(link.seq, 0) &&
    typeof link.entryId === 'string' &&
    link.entryId.length > 0 &&
    link.entryId.length <= MAX_ENTRY_ID_LENGTH &&
    isIndex(link.revision, 1) &&
    (link.kind === 'revision' || link.kind === 'tombstone') &&
    isIsoTimestamp(link.recordedAt) &&
    isSha256Hex(link.contentHash) &&
    isSha256Hex(link.prevHash) &&
    isSha256Hex(link.hash)
  );
}
