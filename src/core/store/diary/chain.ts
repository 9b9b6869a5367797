// The diary's hash chain: the links a change adds onto its head (a revision, a deletion, records
// from a backup or from another diary), and whether the whole chain verifies. It builds writes;
// storing them is storage.ts's job.

import {
  appendLink,
  chainHead,
  GENESIS_HASH,
  newRevisionContent,
  revisionContentHash,
  tombstoneContentHash,
  type ChainLink,
  type ChainVerification,
  type RevisionContent,
} from '../../evidence';
import { verifyChainInWorker } from '../../evidence/verifyChainInWorker';
import { isOrderBody, type EntryBody } from '../../model/entryBody';
import type { DiaryRecords } from './queries';
import type { ChainEnd } from './seal';
import type { DiaryWrite, RevisionRecord } from './types';
import { yieldToPage } from '../../workers/yieldToPage';

/** Imported revisions hashed between two turns of the page (a few ms on a slow phone). */
const IMPORT_ITEMS_PER_TURN = 16;

type LinkInput = Omit<Parameters<typeof appendLink>[1], 'recordedAt'>;

/** A record with its content erased (deleted), keeping any origin. */
function emptiedRecord(record: RevisionRecord): RevisionRecord {
  const origin = record.content?.origin ?? record.origin;
  return origin ? { link: record.link, content: null, origin } : { link: record.link, content: null };
}

/**
 * Records of deleted entries that still hold content, emptied: a deletion erases every earlier
 * version's content, so none should. One can only come from outside this version's writes (a
 * tab still running a version from before packs, whose deletion rewrote rows a pack now holds;
 * an earlier copy of a pack put back), and each load erases it again.
 */
export function erasuresDue(records: readonly RevisionRecord[]): RevisionRecord[] {
  const deleted = new Set(records.filter((r) => r.link.kind === 'tombstone').map((r) => r.link.entryId));
  if (deleted.size === 0) return [];
  return records.filter((r) => r.content !== null && deleted.has(r.link.entryId)).map(emptiedRecord);
}

/**
 * Refuses rows that would give an entry versions of both kinds (an incident and an order): every
 * reader takes one entry's versions as one kind. `before` is the chain as it is.
 */
function assertKindsKept(before: readonly RevisionRecord[], rows: readonly { entryId: string; body: EntryBody | undefined }[]): void {
  const kinds = new Map<string, boolean>();
  for (const { link, content } of before) if (content) kinds.set(link.entryId, isOrderBody(content.body));
  for (const { entryId, body } of rows) {
    if (body === undefined) continue;
    const known = kinds.get(entryId);
    if (known !== undefined && known !== isOrderBody(body)) throw new Error('An entry cannot change kind');
    kinds.set(entryId, isOrderBody(body));
  }
}

/** Where the chain ends once `appended` new links (the last of them `last`) follow `before` links. */
function endAfter(before: number, appended: number, last: ChainLink): ChainEnd {
  return { size: before + appended, head: last.hash };
}

export class DiaryChain {
  /** The last verification, and how many records it covered. */
  private verified: { length: number; result: ChainVerification } | null = null;
  /** Bumped by every change, so a verification that overlapped one is not cached. */
  private generation = 0;

  constructor(
    private readonly records: DiaryRecords,
    private readonly now: () => Date,
  ) {}

  /** A new revision of an entry (an incident or an order), linked onto the head. */
  async revision(entryId: string, revision: number, body: EntryBody): Promise<DiaryWrite> {
    const content = newRevisionContent(body);
    const link = await this.nextLink({ entryId, revision, kind: 'revision', contentHash: await revisionContentHash(content) });
    return { rows: [{ link, content }], appended: 1, end: endAfter(this.records.all().length, 1, link) };
  }

  /** Deleting an entry: the content of each of its revisions erased, and a tombstone after `last`. */
  async tombstone(history: readonly RevisionRecord[], last: ChainLink): Promise<DiaryWrite> {
    const { entryId } = last;
    const tombstone = await this.nextLink({
      entryId,
      revision: last.revision + 1,
      kind: 'tombstone',
      contentHash: await tombstoneContentHash(entryId, last.revision, last.contentHash),
    });
    const emptied = history.map((r) => emptiedRecord(r));
    return { rows: [...emptied, { link: tombstone, content: null }], appended: 1, end: endAfter(this.records.all().length, 1, tombstone) };
  }

  /**
   * Records copied from a backup of this same diary that went further than this device (or into
   * an empty diary): the first must continue this chain. A tombstone among them erases the
   * content of that entry's earlier revisions here, as deleting on this device would have.
   */
  verbatim(rows: readonly RevisionRecord[]): DiaryWrite {
    // Only the join is checked here: a break further on (a backup of a diary whose chain does
    // not verify, restored into an empty one) is copied as it is, and verify() reports it.
    const records = this.records.all();
    const prev = records.at(-1)?.link ?? null;
    const first = rows[0]?.link;
    const last = rows.at(-1)?.link;
    if (!first || !last || first.seq !== (prev ? prev.seq + 1 : 0) || first.prevHash !== (prev ? prev.hash : GENESIS_HASH)) {
      throw new Error('Records do not continue this chain');
    }
    assertKindsKept(
      records,
      rows.map((r) => ({ entryId: r.link.entryId, body: r.content?.body })),
    );
    const deleted = new Set(rows.filter((r) => r.link.kind === 'tombstone').map((r) => r.link.entryId));
    const erased = records.filter((r) => deleted.has(r.link.entryId) && r.content !== null).map((r) => emptiedRecord(r));
    return { rows: [...erased, ...rows], appended: rows.length, end: endAfter(records.length, rows.length, last) };
  }

  /**
   * Revisions brought in from another diary, in order, as new links of this chain. Each carries
   * its origin, so the chain records both the import and where it came from. Each keeps the
   * content version it came with (v1 or v2): its salts and hash are its own.
   */
  async imported(items: readonly { entryId: string; content: RevisionContent<EntryBody> }[]): Promise<DiaryWrite> {
    const records = this.records.all();
    const lastRevision = new Map<string, number>();
    const deleted = new Set<string>();
    for (const { link } of records) {
      lastRevision.set(link.entryId, link.revision);
      if (link.kind === 'tombstone') deleted.add(link.entryId);
    }
    // Nothing may follow a tombstone: such a link would break the chain for good.
    if (items.some((item) => deleted.has(item.entryId))) throw new Error('Cannot add to a deleted entry');
    assertKindsKept(
      records,
      items.map((item) => ({ entryId: item.entryId, body: item.content.body })),
    );
    const rows: RevisionRecord[] = [];
    let prev = records.at(-1)?.link ?? null;
    for (const [i, { entryId, content }] of items.entries()) {
      // This runs on the page, and each item's hashes finish without giving it a turn (hash.ts):
      // a restore of thousands would otherwise hold Quick exit until the end.
      if (i > 0 && i % IMPORT_ITEMS_PER_TURN === 0) await yieldToPage();
      const revision = (lastRevision.get(entryId) ?? 0) + 1;
      lastRevision.set(entryId, revision);
      const link = await this.linkAfter(prev, { entryId, revision, kind: 'revision', contentHash: await revisionContentHash(content) });
      rows.push({ link, content });
      prev = link;
    }
    if (!prev || rows.length === 0) throw new Error('Nothing to import');
    return { rows, appended: rows.length, end: endAfter(records.length, rows.length, prev) };
  }

  /**
   * Checks the whole chain, and every stored content against its hash. Done in full after
   * each load, in a worker; the diary's own appends extend a verified chain without re-hashing
   * it. Aborting `signal` (the diary locked) stops the worker: TaskCancelledError.
   */
  async verify(signal?: AbortSignal): Promise<ChainVerification> {
    if (this.verified?.length === this.records.all().length) return this.verified.result;
    const generation = this.generation;
    const { length } = this.records.all();
    const result = await this.verifyAll(signal);
    // Kept only if nothing changed while it ran: a write or a load meanwhile is checked next time.
    if (generation === this.generation) this.verified = { length, result };
    return result;
  }

  head(): string {
    return chainHead(this.records.all().map((r) => r.link));
  }

  /** After a load, or rows whose hashes came from elsewhere: the next verify() checks everything. */
  forget(): void {
    this.verified = null;
    this.generation += 1;
  }

  /**
   * After this chain's own links are stored. They were built by appendLink on the last link,
   * from content hashed just now: a verified chain still verifies, now to the new head. A broken
   * chain stays reported.
   */
  extend(): void {
    this.generation += 1;
    const { length } = this.records.all();
    if (this.verified?.result.ok) this.verified = { length, result: { ok: true, length, head: this.head() } };
  }

  /**
   * The records as they are now go to the worker a slice at a time, as it asks for them: no list
   * of links, no map of bodies and no copy of the whole diary is made on the page (a write meanwhile
   * makes a new array, so the one being sent never changes).
   */
  private verifyAll(signal?: AbortSignal): Promise<ChainVerification> {
    return verifyChainInWorker(this.records.all(), { signal });
  }

  private nextLink(input: LinkInput): Promise<ChainLink> {
    return this.linkAfter(this.records.all().at(-1)?.link ?? null, input);
  }

  private linkAfter(prev: ChainLink | null, input: LinkInput): Promise<ChainLink> {
    // The device's own reading, never adjusted: a clock that went back (or far ahead) is noted
    // in the link by appendLink, and the screens say so.
    return appendLink(prev, { ...input, recordedAt: this.now().toISOString() });
  }
}
