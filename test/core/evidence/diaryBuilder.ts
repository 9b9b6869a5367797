// Test helper (not a test file): builds a diary's chain the way the store will,
// one revision or tombstone at a time, keeping the salted content of each
// revision until its entry is deleted.

import type { ChainLink } from '../../../src/core/evidence/chainLink';
import { contentKey } from '../../../src/core/evidence/chainLink';
import { appendLink } from '../../../src/core/evidence/chain';
import { contentHash } from '../../../src/core/evidence/hash';
import { newRevisionContent } from '../../../src/core/evidence/revisionContent';
import { tombstoneContentHash } from '../../../src/core/evidence/tombstone';

export const START = Date.parse('2025-03-01T08:00:00.000Z');

export class DiaryBuilder {
  readonly links: ChainLink[] = [];
  readonly contents = new Map<string, unknown>();
  private readonly last = new Map<string, { revision: number; contentHash: string; deleted: boolean }>();
  private time = START;

  /** Moves the clock on; links written afterwards carry the later time. */
  tick(ms = 60_000): this {
    this.time += ms;
    return this;
  }

  async save(entryId: string, body: unknown): Promise<ChainLink> {
    const state = this.last.get(entryId);
    const content = newRevisionContent(body);
    const link = await appendLink(this.links.at(-1) ?? null, {
      entryId,
      revision: (state?.revision ?? 0) + 1,
      kind: 'revision',
      recordedAt: new Date(this.time).toISOString(),
      contentHash: await contentHash(content),
    });
    this.links.push(link);
    this.contents.set(contentKey(entryId, link.revision), content);
    this.last.set(entryId, { revision: link.revision, contentHash: link.contentHash, deleted: false });
    return link;
  }

  async remove(entryId: string): Promise<ChainLink> {
    const state = this.last.get(entryId);
    if (state === undefined) throw new Error(`no entry ${entryId}`);
    const link = await appendLink(this.links.at(-1) ?? null, {
      entryId,
      revision: state.revision + 1,
      kind: 'tombstone',
      recordedAt: new Date(this.time).toISOString(),
      contentHash: await tombstoneContentHash(entryId, state.revision, state.contentHash),
    });
    this.links.push(link);
    // Deleting removes the content of every revision; the links stay.
    for (let revision = 1; revision <= state.revision; revision++) this.contents.delete(contentKey(entryId, revision));
    this.last.set(entryId, { ...state, revision: link.revision, deleted: true });
    return link;
  }

  isDeleted(entryId: string): boolean {
    return this.last.get(entryId)?.deleted ?? false;
  }
}

/**
 * A small diary with edits and a deletion:
 *   0 A#1  1 B#1  2 A#2 (edit)  3 C#1  4 B#2 (tombstone)  5 A#3 (edit)  6 D#1
 */
export async function sampleDiary(): Promise<DiaryBuilder> {
  const diary = new DiaryBuilder();
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
