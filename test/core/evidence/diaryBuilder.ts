// Test helper (not a test file): builds a diary's chain the way the store does, one revision or
// tombstone at a time, keeping the salted content of each revision until its entry is deleted.
//
// Version 1 (the default, for the fixtures written before issue 12): v1 links and one salt per
// revision, built here as the diary built them then. Version 2: appendLink and
// newRevisionContent, as the diary writes now.

import type { ChainLink, LinkKind } from '../../../src/core/evidence/chainLink';
import { computeLinkHash, contentKey, GENESIS_HASH } from '../../../src/core/evidence/chainLink';
import { appendLink } from '../../../src/core/evidence/chain';
import { contentHash } from '../../../src/core/evidence/hash';
import { bytesToHex } from '../../../src/core/evidence/hex';
import {
  newRevisionContent,
  revisionContentHash,
  type RevisionContentV1,
  type RevisionContentV2,
} from '../../../src/core/evidence/fieldCommitments';
import { tombstoneContentHash } from '../../../src/core/evidence/tombstone';

export const START = Date.parse('2025-03-01T08:00:00.000Z');

export interface LinkFields {
  entryId: string;
  revision: number;
  kind: LinkKind;
  recordedAt: string;
  contentHash: string;
}

/** A version 1 link after `prev`, as appendLink built them before version 2. */
export async function appendLinkV1(prev: ChainLink | null, input: LinkFields): Promise<ChainLink> {
  const unsigned = {
    seq: prev === null ? 0 : prev.seq + 1,
    ...input,
    prevHash: prev === null ? GENESIS_HASH : prev.hash,
  };
  return { ...unsigned, hash: await computeLinkHash(unsigned) };
}

/** A version 1 revision content with a fresh salt, as newRevisionContent made them before version 2. */
export function newRevisionContentV1<T>(body: T): RevisionContentV1<T> {
  return { v: 1, salt: bytesToHex(crypto.getRandomValues(new Uint8Array(16))), body };
}

export class DiaryBuilder {
  readonly links: ChainLink[] = [];
  readonly contents = new Map<string, unknown>();
  readonly version: 1 | 2;
  private readonly last = new Map<string, { revision: number; contentHash: string; deleted: boolean }>();
  private time = START;

  constructor(options: { version?: 1 | 2 } = {}) {
    this.version = options.version ?? 1;
  }

  /** Moves the clock on (or, with a negative ms, back); links written afterwards carry that time. */
  tick(ms = 60_000): this {
    this.time += ms;
    return this;
  }

  async save(entryId: string, body: object): Promise<ChainLink> {
    const state = this.last.get(entryId);
    let content: RevisionContentV1<object> | RevisionContentV2<object>;
    let hash: string;
    if (this.version === 1) {
      content = newRevisionContentV1(body);
      hash = await contentHash(content);
    } else {
      content = newRevisionContent(body);
      hash = await revisionContentHash(content);
    }
    const link = await this.append({ entryId, revision: (state?.revision ?? 0) + 1, kind: 'revision', contentHash: hash });
    this.contents.set(contentKey(entryId, link.revision), content);
    this.last.set(entryId, { revision: link.revision, contentHash: link.contentHash, deleted: false });
    return link;
  }

  async remove(entryId: string): Promise<ChainLink> {
    const state = this.last.get(entryId);
    if (state === undefined) throw new Error(`no entry ${entryId}`);
    const link = await this.append({
      entryId,
      revision: state.revision + 1,
      kind: 'tombstone',
      contentHash: await tombstoneContentHash(entryId, state.revision, state.contentHash),
    });
    // Deleting removes the content of every revision; the links stay.
    for (let revision = 1; revision <= state.revision; revision++) this.contents.delete(contentKey(entryId, revision));
    this.last.set(entryId, { ...state, revision: link.revision, deleted: true });
    return link;
  }

  isDeleted(entryId: string): boolean {
    return this.last.get(entryId)?.deleted ?? false;
  }

  private async append(input: Omit<LinkFields, 'recordedAt'>): Promise<ChainLink> {
    const prev = this.links.at(-1) ?? null;
    const fields = { ...input, recordedAt: new Date(this.time).toISOString() };
    const link = this.version === 1 ? await appendLinkV1(prev, fields) : await appendLink(prev, fields);
    this.links.push(link);
    return link;
  }
}

/**
 * A small diary with edits and a deletion:
 *   0 A#1  1 B#1  2 A#2 (edit)  3 C#1  4 B#2 (tombstone)  5 A#3 (edit)  6 D#1
 */
export async function sampleDiary(version: 1 | 2 = 1): Promise<DiaryBuilder> {
  const diary = new DiaryBuilder({ version });
  await diary.save('entry-a', { whatHappened: 'Car parked outside the house again' });
  await diary.tick().save('entry-b', { whatHappened: 'Three missed calls from a withheld number' });
  await diary.tick().save('entry-a', { whatHappened: 'Car parked outside the house again, grey Ford' });
  await diary.tick().save('entry-c', { whatHappened: 'Flowers left on the doorstep' });
  await diary.tick().remove('entry-b');
  await diary.tick().save('entry-a', { whatHappened: 'Car parked outside the house again, grey Ford, 22:10' });
  await diary.tick().save('entry-d', { whatHappened: 'Message to my sister asking where I was' });
  return diary;
}

/** A link with `changes` applied and its own hash left as it was. */
export function tampered(link: ChainLink, changes: Partial<Record<keyof ChainLink, unknown>>): ChainLink {
  return { ...link, ...changes } as ChainLink;
}
