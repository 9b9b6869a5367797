// The hash chain over the whole diary: every revision and every tombstone,
// in the order they were written, each link committing to the one before.
//
// Deletion: a link commits to its content only through contentHash, so
// verification never needs the content itself. Deleting an entry erases the
// content of its revisions but keeps their links, then appends a tombstone.
//
// Exports. A version 1 export carried ALL the links, hash-only for entries left
// out. A version 2 export (docs/evidence-v2-design.md, section 6) carries only
// the links of the versions it exports, each with a Merkle inclusion proof
// against the whole chain's tree head (merkle.ts): a recipient learns the
// diary's total number of links (and, for each earlier fingerprint shared, the
// number then), but nothing of the links left out, not even their times. Within
// an exported version, fields left out are shown as salted commitments
// (fieldCommitments.ts), so their text cannot be confirmed by guessing.
//
// Times are the device's own clock. Version 2 links keep the time as read and
// note, inside the hash, when it read earlier than the link before, or more than
// a day after it (clockNoteFor: the kind only, never the earlier link's time);
// version 1 links had to keep time order instead.
//
// Limits: a chain cut short at its end is still a valid chain. Compare the head
// against a head recorded elsewhere (a PDF report, an earlier export, a
// fingerprint, the diary's sealed head) through `expectedHead` to catch that.

import type { ChainLink, ClockNote, LinkKind } from './chainLink';
import {
  clockNoteFor,
  computeLinkHash,
  contentKey,
  GENESIS_HASH,
  isIsoTimestamp,
  isWellFormedLink,
  MAX_ENTRY_ID_LENGTH,
} from './chainLink';
import { loadSyncSha256 } from '../crypto/syncSha256';
import { yieldToPage } from '../workers/yieldToPage';
import { revisionContentHashOrNull } from './fieldCommitments';
import { isSha256Hex } from './hex';
import { tombstoneContentHash } from './tombstone';

export interface LinkInput {
  entryId: string;
  revision: number;
  kind: LinkKind;
  recordedAt: string;
  contentHash: string;
}

export type ChainBreak =
  /** Wrong types or formats (a hostile or corrupt file). */
  | 'malformed'
  /** seq is not the link's position (a link removed, inserted or moved). */
  | 'sequence'
  /** prevHash is not the previous link's hash. */
  | 'prev-mismatch'
  /** The stored hash does not match the link's fields (a field was changed). */
  | 'hash-mismatch'
  /** An entry's revisions are not 1, 2, 3... or a tombstone has nothing to delete. */
  | 'revision-order'
  /** A revision or second tombstone after the entry's tombstone. */
  | 'after-tombstone'
  /** A v1 link's recordedAt earlier than the previous link's (v2 links note it instead). */
  | 'timestamp-order'
  /** A v1 link after a v2 link: the diary only ever moves from version 1 to version 2. */
  | 'version-order'
  /** A v2 link's clock note is not exactly clockNoteFor(previous link, recordedAt). */
  | 'clock-note'
  /** A supplied body, or a tombstone, does not match the link's contentHash. */
  | 'content-mismatch'
  /** A body was supplied for which no link exists. brokenAt = links.length. */
  | 'unlinked-content'
  /** Sound chain, but not ending at the expected head. brokenAt = links.length. */
  | 'head-mismatch';

export type ChainVerification =
  { ok: true; length: number; head: string } | { ok: false; brokenAt: number; reason: ChainBreak; entryId?: string };

export interface VerifyOptions {
  /** The head hash this chain must end at, recorded earlier somewhere else. */
  expectedHead?: string;
}

/** The hash of the last link, or GENESIS_HASH for an empty diary. */
export function chainHead(links: readonly ChainLink[]): string {
  return links.at(-1)?.hash ?? GENESIS_HASH;
}

/**
 * Builds the next (always version 2) link after `prev` (null for the first link
 * in the diary). recordedAt is kept as given, even when earlier than prev's:
 * the link then carries a clock note (clockNoteFor), and the caller can tell
 * the person from the returned link's `clock`. Throws on malformed input, which
 * could never verify. Revision numbering is the caller's job (the diary knows
 * each entry's history); verifyChain checks it.
 */
export async function appendLink(prev: ChainLink | null, input: LinkInput): Promise<ChainLink> {
  const { entryId, revision, kind, recordedAt } = input;
  if (typeof entryId !== 'string' || entryId.length === 0 || entryId.length > MAX_ENTRY_ID_LENGTH) {
    throw new TypeError('entryId must be a non-empty string');
  }
  if (!Number.isSafeInteger(revision) || revision < 1) throw new RangeError('revision must be an integer from 1');
  if (kind !== 'revision' && kind !== 'tombstone') throw new TypeError('kind must be revision or tombstone');
  if (!isIsoTimestamp(recordedAt)) throw new TypeError('recordedAt must be a toISOString() timestamp');
  if (!isSha256Hex(input.contentHash)) throw new TypeError('contentHash must be 64 lowercase hex digits');
  const clock = clockNoteFor(prev, recordedAt);
  const unsigned: Omit<ChainLink, 'hash'> = {
    v: 2,
    seq: prev === null ? 0 : prev.seq + 1,
    entryId,
    revision,
    kind,
    recordedAt,
    contentHash: input.contentHash,
    prevHash: prev === null ? GENESIS_HASH : prev.hash,
    // No key at all without a note: a clock key holding undefined is malformed.
    ...(clock === undefined ? {} : { clock }),
  };
  return { ...unsigned, hash: await computeLinkHash(unsigned) };
}

interface EntryState {
  revision: number;
  contentHash: string;
  deleted: boolean;
}

interface Digests {
  /** Recomputed link hash; null for a malformed link. */
  link: string | null;
  /** Hash of the supplied body; undefined when none was supplied. */
  body: string | null | undefined;
}

// Hashing a few hundred links at once lets WebCrypto, where it is used (hash.ts), overlap the
// digests instead of awaiting each in turn (10,000 links: ~0.5 s instead of ~0.8 s in Node).
const BATCH = 256;

/** What verifyChain does between batches of links, and how many links a batch has. */
export interface VerifyPacing {
  /** Awaited before each batch after the first: by default the page's turn (yieldToPage). */
  pause: () => Promise<void>;
  /** Links per batch (a whole number, at least 1). */
  batch: number;
}

const PAGE_PACING: VerifyPacing = { pause: yieldToPage, batch: BATCH };

function digestBatch(
  links: readonly ChainLink[],
  start: number,
  size: number,
  contents?: ReadonlyMap<string, unknown>,
): Promise<Digests[]> {
  return Promise.all(
    links.slice(start, start + size).map(async (link: unknown): Promise<Digests> => {
      if (!isWellFormedLink(link)) return { link: null, body: undefined };
      const key = contentKey(link.entryId, link.revision);
      const [linkHash, body] = await Promise.all([
        computeLinkHash(link),
        contents?.has(key) ? revisionContentHashOrNull(contents.get(key)) : undefined,
      ]);
      return { link: linkHash, body };
    }),
  );
}

function sameNote(a: ClockNote | undefined, b: ClockNote | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.kind === b.kind;
}

/**
 * Verifies the chain from genesis and reports the first broken link.
 * `contents` maps contentKey(entryId, revision) to the body that was hashed
 * (for revisions, the salted RevisionContent, v1 or v2); links without a body
 * (deleted or redacted) are verified by their hashes alone.
 */
export async function verifyChain(
  links: readonly ChainLink[],
  contents?: ReadonlyMap<string, unknown>,
  options: VerifyOptions = {},
  { pause, batch }: VerifyPacing = PAGE_PACING,
): Promise<ChainVerification> {
  if (!Number.isSafeInteger(batch) || batch < 1) throw new RangeError('batch must be a whole number of links, at least 1');
  const entries = new Map<string, EntryState>();
  const linkedKeys = new Set<string>();
  let prevHash = GENESIS_HASH;
  let prevTime = Number.NEGATIVE_INFINITY;
  let prev: ChainLink | null = null;

  // Every digest below on this thread (hash.ts), once hash-wasm has loaded, rather than the first
  // batch through WebCrypto while it loads. Resolves with null where it cannot load: WebCrypto then.
  if (links.length > 0) await loadSyncSha256();
  let digests: Digests[] = [];
  for (let i = 0; i < links.length; i++) {
    if (i % batch === 0) {
      // The page's turn between batches (a tap, a frame) where this runs on the page, or what the
      // caller asks for (the worker waits for a quiet page): a batch's hashes finish without one (hash.ts).
      if (i > 0) await pause();
      digests = await digestBatch(links, i, batch, contents);
    }
    const digest = digests[i % batch];
    const link: unknown = links[i];
    if (!isWellFormedLink(link) || digest === undefined) return { ok: false, brokenAt: i, reason: 'malformed' };
    const broken = (reason: ChainBreak): ChainVerification => ({ ok: false, brokenAt: i, reason, entryId: link.entryId });

    // Integrity of the chain itself first: these catch removed, inserted,
    // reordered and edited links, whatever else they might also upset.
    if (link.seq !== i) return broken('sequence');
    if (link.prevHash !== prevHash) return broken('prev-mismatch');
    if (digest.link !== link.hash) return broken('hash-mismatch');

    // Then the diary's rules, which catch a chain rebuilt with fresh hashes.
    if (link.v === undefined && prev?.v === 2) return broken('version-order');
    const state = entries.get(link.entryId);
    if (state?.deleted) return broken('after-tombstone');
    if (link.revision !== (state?.revision ?? 0) + 1) return broken('revision-order');
    if (link.kind === 'tombstone' && state === undefined) return broken('revision-order');
    const time = Date.parse(link.recordedAt);
    if (link.v === 2) {
      if (!sameNote(link.clock, clockNoteFor(prev, link.recordedAt))) return broken('clock-note');
    } else if (time < prevTime) {
      return broken('timestamp-order');
    }

    if (link.kind === 'tombstone' && state !== undefined) {
      const expected = await tombstoneContentHash(link.entryId, state.revision, state.contentHash);
      if (link.contentHash !== expected) return broken('content-mismatch');
    }
    linkedKeys.add(contentKey(link.entryId, link.revision));
    if (digest.body !== undefined && digest.body !== link.contentHash) return broken('content-mismatch');

    entries.set(link.entryId, { revision: link.revision, contentHash: link.contentHash, deleted: link.kind === 'tombstone' });
    prevHash = link.hash;
    prevTime = time;
    prev = link;
  }

  if (contents !== undefined) {
    for (const key of contents.keys()) {
      if (!linkedKeys.has(key)) return { ok: false, brokenAt: links.length, reason: 'unlinked-content' };
    }
  }
  if (options.expectedHead !== undefined && options.expectedHead !== prevHash) {
    return { ok: false, brokenAt: links.length, reason: 'head-mismatch' };
  }
  return { ok: true, length: links.length, head: prevHash };
}
