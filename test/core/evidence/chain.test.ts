import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import type { ChainLink } from '../../../src/core/evidence/chainLink';
import { computeLinkHash, contentKey, GENESIS_HASH } from '../../../src/core/evidence/chainLink';
import { appendLink, chainHead, verifyChain } from '../../../src/core/evidence/chain';
import { contentHash } from '../../../src/core/evidence/hash';
import { newRevisionContent } from '../../../src/core/evidence/revisionContent';
import { tombstoneContentHash } from '../../../src/core/evidence/tombstone';
import { appendLinkV1, sampleDiary, tampered } from './diaryBuilder';

// This file is the version 1 suite: v1 links and contents (the diary before issue 12) must keep
// verifying exactly as they did. Version 2 links are in chainV2.test.ts.

// Indices in sampleDiary(): 0 A#1, 1 B#1, 2 A#2, 3 C#1, 4 B#2 (tombstone), 5 A#3, 6 D#1.

function at(links: readonly ChainLink[], index: number): ChainLink {
  const link = links[index];
  if (link === undefined) throw new Error(`no link ${index}`);
  return link;
}

/** Recomputes every hash from `from` on, as a forger rewriting the rest of the chain would. */
async function rehashFrom(links: ChainLink[], from: number): Promise<ChainLink[]> {
  const out = links.slice(0, from);
  for (let i = from; i < links.length; i++) {
    const prev = out.at(-1);
    const unsigned = { ...at(links, i), seq: i, prevHash: prev === undefined ? GENESIS_HASH : prev.hash };
    out.push({ ...unsigned, hash: await computeLinkHash(unsigned) });
  }
  return out;
}

const isoAt = (ms: number): string => new Date(ms).toISOString();

describe('appendLink', () => {
  it('starts from the genesis hash and numbers links over the whole diary', async () => {
    const { links } = await sampleDiary();
    expect(at(links, 0).prevHash).toBe(GENESIS_HASH);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    links.forEach((link, i) => {
      expect(link.seq).toBe(i);
      if (i > 0) expect(link.prevHash).toBe(at(links, i - 1).hash);
    });
    expect(links.map((l) => `${l.entryId}#${l.revision}:${l.kind}`)).toEqual([
      'entry-a#1:revision',
      'entry-b#1:revision',
      'entry-a#2:revision',
      'entry-c#1:revision',
      'entry-b#2:tombstone',
      'entry-a#3:revision',
      'entry-d#1:revision',
    ]);
  });

  it('hashes a v1 link exactly as the documented canonical preimage (pinned so the format cannot drift)', async () => {
    const link = await appendLinkV1(null, {
      entryId: 'e1',
      revision: 1,
      kind: 'revision',
      recordedAt: '2025-03-01T08:00:00.000Z',
      contentHash: 'a'.repeat(64),
    });
    const preimage =
      `{"contentHash":"${'a'.repeat(64)}","meta":{"entryId":"e1","kind":"revision",` +
      `"recordedAt":"2025-03-01T08:00:00.000Z","revision":1,"seq":0},"prevHash":"${'0'.repeat(64)}","v":1}`;
    expect(link.hash).toBe(createHash('sha256').update(preimage, 'utf8').digest('hex'));
    expect(link.hash).toBe('27aaea8b27ad1f5ff35d2c75ae033a9e1c7d4bf5a10c131154d8548f00b3bdd2');
  });

  it('refuses input that could never verify', async () => {
    const first = await appendLink(null, {
      entryId: 'e',
      revision: 1,
      kind: 'revision',
      recordedAt: isoAt(1000),
      contentHash: 'b'.repeat(64),
    });
    const good = { entryId: 'e', revision: 2, kind: 'revision' as const, recordedAt: isoAt(2000), contentHash: 'b'.repeat(64) };
    await expect(appendLink(first, { ...good, entryId: '' })).rejects.toThrow(TypeError);
    await expect(appendLink(first, { ...good, revision: 0 })).rejects.toThrow(RangeError);
    await expect(appendLink(first, { ...good, revision: 1.5 })).rejects.toThrow(RangeError);
    await expect(appendLink(first, { ...good, recordedAt: '2025-03-01 08:00' })).rejects.toThrow(TypeError);
    await expect(appendLink(first, { ...good, recordedAt: '2025-02-30T08:00:00.000Z' })).rejects.toThrow(TypeError);
    await expect(appendLink(first, { ...good, contentHash: 'B'.repeat(64) })).rejects.toThrow(TypeError);
    await expect(appendLink(first, good)).resolves.toMatchObject({ seq: 1, prevHash: first.hash });
  });
});

describe('chainHead', () => {
  it('is the last hash, or genesis for an empty diary', async () => {
    const { links } = await sampleDiary();
    expect(chainHead([])).toBe(GENESIS_HASH);
    expect(chainHead(links)).toBe(at(links, 6).hash);
  });
});

describe('verifyChain: a sound diary', () => {
  it('verifies with every remaining body, and reports length and head', async () => {
    const { links, contents } = await sampleDiary();
    expect(await verifyChain(links, contents)).toEqual({ ok: true, length: 7, head: chainHead(links) });
    expect(await verifyChain(links, contents, { expectedHead: chainHead(links) })).toMatchObject({ ok: true });
  });

  it('verifies an empty diary', async () => {
    expect(await verifyChain([])).toEqual({ ok: true, length: 0, head: GENESIS_HASH });
  });

  it('still verifies after a deletion: the deleted entry keeps its links and has no content', async () => {
    const { links, contents } = await sampleDiary();
    expect(contents.has(contentKey('entry-b', 1))).toBe(false);
    expect(links.filter((l) => l.entryId === 'entry-b')).toHaveLength(2);
    expect(await verifyChain(links, contents)).toMatchObject({ ok: true });
  });

  it('verifies a redacted export: all links, content only for the chosen entries', async () => {
    const { links, contents } = await sampleDiary();
    const onlyC = new Map([...contents].filter(([key]) => key.startsWith('entry-c#')));
    expect(onlyC.size).toBe(1);
    expect(await verifyChain(links, onlyC)).toMatchObject({ ok: true, length: 7 });
    expect(await verifyChain(links, new Map())).toMatchObject({ ok: true });
    expect(await verifyChain(links)).toMatchObject({ ok: true });
  });

  it('accepts equal timestamps (two saves in the same millisecond)', async () => {
    const first = await appendLinkV1(null, {
      entryId: 'e',
      revision: 1,
      kind: 'revision',
      recordedAt: isoAt(0),
      contentHash: 'c'.repeat(64),
    });
    const second = await appendLinkV1(first, {
      entryId: 'f',
      revision: 1,
      kind: 'revision',
      recordedAt: isoAt(0),
      contentHash: 'c'.repeat(64),
    });
    expect(await verifyChain([first, second])).toMatchObject({ ok: true });
  });
});

describe('verifyChain: tampering is detected at the first broken link', () => {
  it('an edited record whose link was left alone: content-mismatch', async () => {
    const { links, contents } = await sampleDiary();
    const key = contentKey('entry-c', 1);
    const edited = { ...(contents.get(key) as object), body: { whatHappened: 'Nothing happened' } };
    const result = await verifyChain(links, new Map(contents).set(key, edited));
    expect(result).toEqual({ ok: false, brokenAt: 3, reason: 'content-mismatch', entryId: 'entry-c' });
  });

  it('an edited record whose contentHash was updated in its link: hash-mismatch', async () => {
    const { links, contents } = await sampleDiary();
    const key = contentKey('entry-c', 1);
    const edited = newRevisionContent({ whatHappened: 'Nothing happened' });
    const forged = links.slice();
    forged[3] = tampered(at(links, 3), { contentHash: await contentHash(edited) });
    const result = await verifyChain(forged, new Map(contents).set(key, edited));
    expect(result).toEqual({ ok: false, brokenAt: 3, reason: 'hash-mismatch', entryId: 'entry-c' });
  });

  it('an edited record with its link re-hashed: the next link no longer follows it', async () => {
    const { links } = await sampleDiary();
    const unsigned = { ...at(links, 3), contentHash: 'd'.repeat(64) };
    const forged = links.slice();
    forged[3] = { ...unsigned, hash: await computeLinkHash(unsigned) };
    expect(await verifyChain(forged)).toMatchObject({ ok: false, brokenAt: 4, reason: 'prev-mismatch' });
  });

  it('a body that cannot be canonicalised: content-mismatch', async () => {
    const { links, contents } = await sampleDiary();
    const result = await verifyChain(links, new Map(contents).set(contentKey('entry-d', 1), { when: new Date() }));
    expect(result).toMatchObject({ ok: false, brokenAt: 6, reason: 'content-mismatch' });
  });

  for (const index of [0, 3, 5]) {
    it(`a removed link (index ${index}): sequence`, async () => {
      const { links } = await sampleDiary();
      const removed = links.filter((_, i) => i !== index);
      expect(await verifyChain(removed)).toMatchObject({ ok: false, brokenAt: index, reason: 'sequence' });
    });
  }

  it('a removed link with the rest renumbered: prev-mismatch', async () => {
    const { links } = await sampleDiary();
    const removed = links.filter((_, i) => i !== 2).map((link, i) => ({ ...link, seq: i }));
    expect(await verifyChain(removed)).toMatchObject({ ok: false, brokenAt: 2, reason: 'prev-mismatch' });
  });

  it('a removed edit with the rest re-hashed: the entry skips a revision', async () => {
    const { links } = await sampleDiary();
    const forged = await rehashFrom(
      links.filter((_, i) => i !== 2),
      2,
    );
    // A#3 now follows A#1.
    expect(await verifyChain(forged)).toMatchObject({ ok: false, brokenAt: 4, reason: 'revision-order', entryId: 'entry-a' });
  });

  it('a removed last link: only a head recorded elsewhere can tell', async () => {
    const { links } = await sampleDiary();
    const head = chainHead(links);
    const cut = links.slice(0, -1);
    expect(await verifyChain(cut)).toMatchObject({ ok: true });
    expect(await verifyChain(cut, undefined, { expectedHead: head })).toEqual({ ok: false, brokenAt: 6, reason: 'head-mismatch' });
  });

  it('reordered links: sequence at the first moved position', async () => {
    const { links } = await sampleDiary();
    const swapped = links.slice();
    [swapped[2], swapped[5]] = [at(links, 5), at(links, 2)];
    expect(await verifyChain(swapped)).toMatchObject({ ok: false, brokenAt: 2, reason: 'sequence' });
  });

  it('reordered links with seq rewritten: prev-mismatch', async () => {
    const { links } = await sampleDiary();
    const swapped = [at(links, 1), at(links, 0), ...links.slice(2)].map((link, i) => ({ ...link, seq: i }));
    expect(await verifyChain(swapped)).toMatchObject({ ok: false, brokenAt: 0, reason: 'prev-mismatch' });
  });

  it('reordered links with the whole chain re-hashed: the diary rules still catch it', async () => {
    const { links } = await sampleDiary();
    // A#2 moved before A#1: revisions out of order (and time going backwards).
    const forged = await rehashFrom([at(links, 2), at(links, 1), at(links, 0), ...links.slice(3)], 0);
    const result = await verifyChain(forged);
    expect(result).toMatchObject({ ok: false, brokenAt: 0, reason: 'revision-order', entryId: 'entry-a' });
  });

  it('an inserted link with a correctly computed hash of its own: the link after it breaks', async () => {
    const { links } = await sampleDiary();
    const inserted = await appendLinkV1(at(links, 2), {
      entryId: 'entry-x',
      revision: 1,
      kind: 'revision',
      recordedAt: at(links, 2).recordedAt,
      contentHash: await contentHash(newRevisionContent({ whatHappened: 'invented' })),
    });
    expect(inserted.seq).toBe(3);
    const forged = [...links.slice(0, 3), inserted, ...links.slice(3)];
    expect(await verifyChain(forged)).toMatchObject({ ok: false, brokenAt: 4, reason: 'sequence', entryId: 'entry-c' });
  });

  it('an inserted link with everything after it re-hashed: a backdated insertion breaks the time order', async () => {
    const { links } = await sampleDiary();
    const backdated = await appendLinkV1(null, {
      entryId: 'entry-x',
      revision: 1,
      kind: 'revision',
      recordedAt: isoAt(Date.parse(at(links, 0).recordedAt) - 86_400_000),
      contentHash: 'e'.repeat(64),
    });
    const forged = await rehashFrom([...links.slice(0, 3), backdated, ...links.slice(3)], 3);
    expect(await verifyChain(forged)).toMatchObject({ ok: false, brokenAt: 3, reason: 'timestamp-order', entryId: 'entry-x' });
  });

  it('an inserted extra revision of an existing entry, re-hashed: revision-order where the numbers clash', async () => {
    const { links } = await sampleDiary();
    const extra = { ...at(links, 2), revision: 2 }; // a second "A#2"
    const forged = await rehashFrom([...links.slice(0, 3), extra, ...links.slice(3)], 3);
    expect(await verifyChain(forged)).toMatchObject({ ok: false, brokenAt: 3, reason: 'revision-order', entryId: 'entry-a' });
  });

  it('a changed recordedAt: hash-mismatch', async () => {
    const { links } = await sampleDiary();
    const forged = links.slice();
    forged[3] = tampered(at(links, 3), { recordedAt: isoAt(Date.parse(at(links, 3).recordedAt) + 1) });
    expect(await verifyChain(forged)).toMatchObject({ ok: false, brokenAt: 3, reason: 'hash-mismatch' });
  });

  it('a changed recordedAt with the rest of the chain re-hashed: timestamp-order', async () => {
    const { links } = await sampleDiary();
    // Backdate the tombstone to before the entry it deletes was even written.
    const moved = links.slice();
    moved[4] = { ...at(links, 4), recordedAt: isoAt(Date.parse(at(links, 1).recordedAt) - 1) };
    const forged = await rehashFrom(moved, 4);
    expect(await verifyChain(forged)).toMatchObject({ ok: false, brokenAt: 4, reason: 'timestamp-order', entryId: 'entry-b' });
  });

  it('a changed prevHash: prev-mismatch', async () => {
    const { links } = await sampleDiary();
    for (const index of [0, 4, 6]) {
      const forged = links.slice();
      forged[index] = tampered(at(links, index), { prevHash: 'f'.repeat(64) });
      expect(await verifyChain(forged)).toMatchObject({ ok: false, brokenAt: index, reason: 'prev-mismatch' });
    }
  });

  it('a changed hash, even on the last link: hash-mismatch', async () => {
    const { links } = await sampleDiary();
    const forged = links.slice();
    forged[6] = tampered(at(links, 6), { hash: '1'.repeat(64) });
    expect(await verifyChain(forged)).toMatchObject({ ok: false, brokenAt: 6, reason: 'hash-mismatch' });
  });

  it('a link of the wrong shape: malformed', async () => {
    const { links } = await sampleDiary();
    const cases: unknown[] = [
      null,
      'link',
      { ...at(links, 2), seq: '2' },
      { ...at(links, 2), kind: 'edit' },
      { ...at(links, 2), hash: undefined },
    ];
    for (const bad of cases) {
      const forged: unknown[] = links.slice();
      forged[2] = bad;
      expect(await verifyChain(forged as ChainLink[])).toMatchObject({ ok: false, brokenAt: 2, reason: 'malformed' });
    }
  });

  it('a body supplied for a link that does not exist: unlinked-content', async () => {
    const { links, contents } = await sampleDiary();
    const extra = new Map(contents).set(contentKey('entry-c', 2), newRevisionContent({ whatHappened: 'smuggled in' }));
    expect(await verifyChain(links, extra)).toEqual({ ok: false, brokenAt: 7, reason: 'unlinked-content' });
  });
});

describe('verifyChain: tombstones', () => {
  async function twoEntries(): Promise<ChainLink[]> {
    const contentA = await contentHash(newRevisionContent({ whatHappened: 'a' }));
    const a1 = await appendLinkV1(null, { entryId: 'a', revision: 1, kind: 'revision', recordedAt: isoAt(1000), contentHash: contentA });
    const b1 = await appendLinkV1(a1, {
      entryId: 'b',
      revision: 1,
      kind: 'revision',
      recordedAt: isoAt(2000),
      contentHash: 'b'.repeat(64),
    });
    return [a1, b1];
  }

  it('nothing may follow an entry tombstone: after-tombstone', async () => {
    const [a1, b1] = await twoEntries();
    if (a1 === undefined || b1 === undefined) throw new Error('setup');
    const gone = await appendLinkV1(b1, {
      entryId: 'a',
      revision: 2,
      kind: 'tombstone',
      recordedAt: isoAt(3000),
      contentHash: await tombstoneContentHash('a', 1, a1.contentHash),
    });
    expect(await verifyChain([a1, b1, gone])).toMatchObject({ ok: true });
    const revived = await appendLinkV1(gone, {
      entryId: 'a',
      revision: 3,
      kind: 'revision',
      recordedAt: isoAt(4000),
      contentHash: 'c'.repeat(64),
    });
    expect(await verifyChain([a1, b1, gone, revived])).toMatchObject({ ok: false, brokenAt: 3, reason: 'after-tombstone', entryId: 'a' });
  });

  it('a tombstone must carry the derived contentHash for the revision it deletes: content-mismatch', async () => {
    const [a1, b1] = await twoEntries();
    if (a1 === undefined || b1 === undefined) throw new Error('setup');
    // Pointing at entry b's content instead of entry a's.
    const wrong = await appendLinkV1(b1, {
      entryId: 'a',
      revision: 2,
      kind: 'tombstone',
      recordedAt: isoAt(3000),
      contentHash: await tombstoneContentHash('b', 1, b1.contentHash),
    });
    expect(await verifyChain([a1, b1, wrong])).toMatchObject({ ok: false, brokenAt: 2, reason: 'content-mismatch' });
  });

  it('a tombstone for an entry never written: revision-order', async () => {
    const [a1, b1] = await twoEntries();
    if (a1 === undefined || b1 === undefined) throw new Error('setup');
    const orphan = await appendLinkV1(b1, {
      entryId: 'z',
      revision: 1,
      kind: 'tombstone',
      recordedAt: isoAt(3000),
      contentHash: 'd'.repeat(64),
    });
    expect(await verifyChain([a1, b1, orphan])).toMatchObject({ ok: false, brokenAt: 2, reason: 'revision-order', entryId: 'z' });
  });

  it('revisions must go 1, 2, 3 without gaps: revision-order', async () => {
    const [a1, b1] = await twoEntries();
    if (a1 === undefined || b1 === undefined) throw new Error('setup');
    const skipped = await appendLinkV1(b1, {
      entryId: 'a',
      revision: 3,
      kind: 'revision',
      recordedAt: isoAt(3000),
      contentHash: 'e'.repeat(64),
    });
    expect(await verifyChain([a1, b1, skipped])).toMatchObject({ ok: false, brokenAt: 2, reason: 'revision-order', entryId: 'a' });
    const startsAt2 = await appendLinkV1(b1, {
      entryId: 'new',
      revision: 2,
      kind: 'revision',
      recordedAt: isoAt(3000),
      contentHash: 'e'.repeat(64),
    });
    expect(await verifyChain([a1, b1, startsAt2])).toMatchObject({ ok: false, brokenAt: 2, reason: 'revision-order' });
  });
});
