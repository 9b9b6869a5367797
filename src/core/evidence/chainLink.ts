// One link of the diary's hash chain: its shape, its hash, and a structural
// check for links read back from storage or from an imported file.

import { canonicalJson } from './canonicalJson';
import { sha256Hex } from './hash';
import { isSha256Hex } from './hex';

export type LinkKind = 'revision' | 'tombstone';

export interface ChainLink {
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

/** The hash a link must carry, from everything else in it. */
export function computeLinkHash(link: Omit<ChainLink, 'hash'>): Promise<string> {
  const { seq, entryId, revision, kind, recordedAt, contentHash, prevHash } = link;
  return sha256Hex(canonicalJson({ v: 1, prevHash, contentHash, meta: { seq, entryId, revision, kind, recordedAt } }));
}

function isIndex(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

/** Checks types and formats only; order and hashes are verifyChain's job. */
export function isWellFormedLink(value: unknown): value is ChainLink {
  if (typeof value !== 'object' || value === null) return false;
  const link = value as Partial<Record<keyof ChainLink, unknown>>;
  return (
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
