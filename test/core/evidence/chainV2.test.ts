import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import type { ChainLink } from '../../../src/core/evidence/chainLink';
import { CLOCK_AHEAD_MS, clockNoteFor, computeLinkHash, GENESIS_HASH, isWellFormedLink } from '../../../src/core/evidence/chainLink';
import { appendLink, verifyChain } from '../../../src/core/evidence/chain';
import { newRevisionContent, revisionContentHash } from '../../../src/core/evidence/fieldCommitments';
import { contentKey } from '../../../src/core/evidence/chainLink';
import { DiaryBuilder, sampleDiary, START, tampered } from './diaryBuilder';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const isoAt = (ms: number): string => new Date(ms).toISOString();

/** A copy of `value` without `keys`. */
function without<T extends object>(value: T, ...keys: string[]): T {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key))) as T;
}

function at(links: readonly ChainLink[], index: number): ChainLink {
  const link = links[index];
  if (link === undefined) throw new Error(`no link ${index}`);
  return link;
}

/** Recomputes every hash from `from` on, as a forger rewriting the rest of the chain would. */
async function rehashFrom(links: readonly ChainLink[], from: number): Promise<ChainLink[]> {
  const out = links.slice(0, from);
  for (let i = from; i < links.length; i++) {
    const prev = out.at(-1);
    const unsigned = { ...without(at(links, i), 'hash'), seq: i, prevHash: prev === undefined ? GENESIS_HASH : prev.hash };
    out.push({ ...unsigned, hash: await computeLinkHash(unsigned) });
  }
  return out;
}

// Known answers, computed outside this code with node:crypto over the documented preimages.
const V2_FIRST = 'ba5e4d65aae9d4790c4f201d9f9b78f947d5e176e7e9f66833f06a09bc67fab8';
const V2_BEHIND = 'c534f6f6722729b6f861dcd4f943cbc4439276bbb3866164da5cc22dd7f5c464';
const V2_AHEAD = '1938551d5a0fd1b18fd62b4df65cba588e25f8398d07bd75c63529c960a8ba7f';

describe('v2 links: known answers', () => {
  it('hashes a v2 link without a note as the documented preimage', async () => {
    const link = await appendLink(null, {
      entryId: 'e1',
      revision: 1,
      kind: 'revision',
      recordedAt: '2025-03-01T08:00:00.000Z',
      contentHash: 'a'.repeat(64),
    });
    const preimage =
      `{"contentHash":"${'a'.repeat(64)}","meta":{"entryId":"e1","kind":"revision",` +
      `"recordedAt":"2025-03-01T08:00:00.000Z","revision":1,"seq":0},"prevHash":"${'0'.repeat(64)}","v":2}`;
    expect(link).toEqual({
      v: 2,
      seq: 0,
      entryId: 'e1',
      revision: 1,
      kind: 'revision',
      recordedAt: '2025-03-01T08:00:00.000Z',
      contentHash: 'a'.repeat(64),
      prevHash: GENESIS_HASH,
      hash: V2_FIRST,
    });
    expect(Object.hasOwn(link, 'clock')).toBe(false);
    expect(sha256(preimage)).toBe(V2_FIRST);
  });

  it('hashes a v2 link with a clock note inside meta', async () => {
    const first = await appendLink(null, {
      entryId: 'e1',
      revision: 1,
      kind: 'revision',
      recordedAt: '2025-03-01T08:00:00.000Z',
      contentHash: 'a'.repeat(64),
    });
    // An hour earlier than the link before: kept as read, with a 'behind' note.
    const second = await appendLink(first, {
      entryId: 'e1',
      revision: 2,
      kind: 'revision',
      recordedAt: '2025-03-01T07:00:00.000Z',
      contentHash: 'b'.repeat(64),
    });
    expect(second.recordedAt).toBe('2025-03-01T07:00:00.000Z');
    // The note is its kind alone: never the previous link's time.
    expect(second.clock).toEqual({ kind: 'behind' });
    const preimage =
      `{"contentHash":"${'b'.repeat(64)}","meta":{"clock":{"kind":"behind"},` +
      `"entryId":"e1","kind":"revision","recordedAt":"2025-03-01T07:00:00.000Z","revision":2,"seq":1},"prevHash":"${V2_FIRST}","v":2}`;
    expect(sha256(preimage)).toBe(V2_BEHIND);
    expect(second.hash).toBe(V2_BEHIND);
    // More than a day after the link before: an 'ahead' note (a gap, not a clock fault).
    const third = await appendLink(second, {
      entryId: 'e1',
      revision: 3,
      kind: 'revision',
      recordedAt: '2025-03-02T08:00:00.001Z',
      contentHash: 'c'.repeat(64),
    });
    expect(third.clock).toEqual({ kind: 'ahead' });
    const aheadPreimage =
      `{"contentHash":"${'c'.repeat(64)}","meta":{"clock":{"kind":"ahead"},` +
      `"entryId":"e1","kind":"revision","recordedAt":"2025-03-02T08:00:00.001Z","revision":3,"seq":2},"prevHash":"${V2_BEHIND}","v":2}`;
    expect(sha256(aheadPreimage)).toBe(V2_AHEAD);
    expect(third.hash).toBe(V2_AHEAD);
    expect(JSON.stringify([second, third])).not.toContain('2025-03-01T08:00:00.000Z');
    expect(await verifyChain([first, second, third])).toMatchObject({ ok: true, length: 3 });
  });

  it('a v1 link and a v2 link with the same fields hash differently', async () => {
    const fields = {
      seq: 0,
      entryId: 'e1',
      revision: 1,
      kind: 'revision' as const,
      recordedAt: '2025-03-01T08:00:00.000Z',
      contentHash: 'a'.repeat(64),
      prevHash: GENESIS_HASH,
    };
    expect(await computeLinkHash(fields)).toBe('27aaea8b27ad1f5ff35d2c75ae033a9e1c7d4bf5a10c131154d8548f00b3bdd2');
    expect(await computeLinkHash({ ...fields, v: 2 })).toBe(V2_FIRST);
  });
});

describe('clockNoteFor', () => {
  const prev = { recordedAt: isoAt(START) };

  it('notes a clock behind the previous link, or more than a day ahead of it', () => {
    expect(clockNoteFor(null, isoAt(0))).toBeUndefined();
    expect(clockNoteFor(prev, isoAt(START))).toBeUndefined();
    expect(clockNoteFor(prev, isoAt(START - 1))).toEqual({ kind: 'behind' });
    expect(clockNoteFor(prev, isoAt(START + CLOCK_AHEAD_MS))).toBeUndefined();
    expect(clockNoteFor(prev, isoAt(START + CLOCK_AHEAD_MS + 1))).toEqual({ kind: 'ahead' });
    expect(CLOCK_AHEAD_MS).toBe(86_400_000);
  });
});

describe('verifyChain: v2 diaries', () => {
  it('a sound v2 diary verifies with all, some or none of its bodies', async () => {
    const { links, contents } = await sampleDiary(2);
    expect(links.every((link) => link.v === 2)).toBe(true);
    expect(await verifyChain(links, contents)).toMatchObject({ ok: true, length: 7 });
    const onlyC = new Map([...contents].filter(([key]) => key.startsWith('entry-c#')));
    expect(await verifyChain(links, onlyC)).toMatchObject({ ok: true });
    expect(await verifyChain(links)).toMatchObject({ ok: true });
  });

  it('a clock going back gives a behind note, and the chain still verifies', async () => {
    const diary = new DiaryBuilder({ version: 2 });
    await diary.save('a', { whatHappened: 'first' });
    const back = await diary.tick(-3_600_000).save('b', { whatHappened: 'clock went back an hour' });
    const ahead = await diary.tick(3 * CLOCK_AHEAD_MS).save('c', { whatHappened: 'clock jumped ahead' });
    const normal = await diary.tick().save('a', { whatHappened: 'first, edited' });
    expect(back.clock).toEqual({ kind: 'behind' });
    expect(ahead.clock).toEqual({ kind: 'ahead' });
    expect(normal.clock).toBeUndefined();
    expect(await verifyChain(diary.links, diary.contents)).toMatchObject({ ok: true, length: 4 });
  });

  it('a forged note, re-hashed: clock-note', async () => {
    const diary = new DiaryBuilder({ version: 2 });
    await diary.save('a', { whatHappened: 'first' });
    await diary.tick().save('b', { whatHappened: 'second' });
    await diary.tick().save('c', { whatHappened: 'third' });
    const forged = diary.links.slice();
    forged[1] = { ...at(diary.links, 1), clock: { kind: 'ahead' } };
    const rehashed = await rehashFrom(forged, 1);
    expect(await verifyChain(rehashed)).toMatchObject({ ok: false, brokenAt: 1, reason: 'clock-note', entryId: 'b' });
    forged[1] = { ...at(diary.links, 1), clock: { kind: 'behind' } };
    expect(await verifyChain(await rehashFrom(forged, 1))).toMatchObject({ ok: false, brokenAt: 1, reason: 'clock-note' });
  });

  it('a removed note, re-hashed: clock-note; not re-hashed: hash-mismatch', async () => {
    const diary = new DiaryBuilder({ version: 2 });
    await diary.save('a', { whatHappened: 'first' });
    await diary.tick(-60_000).save('b', { whatHappened: 'clock went back' });
    await diary.tick(120_000).save('c', { whatHappened: 'third' });
    const forged = diary.links.slice();
    forged[1] = without(at(diary.links, 1), 'clock');
    expect(await verifyChain(forged)).toMatchObject({ ok: false, brokenAt: 1, reason: 'hash-mismatch' });
    expect(await verifyChain(await rehashFrom(forged, 1))).toMatchObject({ ok: false, brokenAt: 1, reason: 'clock-note' });
  });

  it('a changed recordedAt with its note kept, re-hashed: clock-note', async () => {
    const diary = new DiaryBuilder({ version: 2 });
    await diary.save('a', { whatHappened: 'first' });
    await diary.tick(-60_000).save('b', { whatHappened: 'clock went back' });
    const forged = diary.links.slice();
    // Moved forward to look in order, but the note still says behind.
    forged[1] = { ...at(diary.links, 1), recordedAt: isoAt(START + 60_000) };
    expect(await verifyChain(await rehashFrom(forged, 1))).toMatchObject({ ok: false, brokenAt: 1, reason: 'clock-note' });
  });

  it('a v1 diary goes on with v2 links, and verifies', async () => {
    const diary = await sampleDiary(1);
    const last = at(diary.links, 6);
    const content = newRevisionContent({ whatHappened: 'written after the update' });
    const next = await appendLink(last, {
      entryId: 'entry-e',
      revision: 1,
      kind: 'revision',
      recordedAt: isoAt(Date.parse(last.recordedAt) - 5_000),
      contentHash: await revisionContentHash(content),
    });
    expect(next.clock?.kind).toBe('behind');
    const contents = new Map(diary.contents).set(contentKey('entry-e', 1), content);
    expect(await verifyChain([...diary.links, next], contents)).toMatchObject({ ok: true, length: 8 });
  });

  it('a v1 link after a v2 link: version-order', async () => {
    const { links } = await sampleDiary(2);
    const asV1 = without(at(links, 3), 'v', 'clock');
    const forged = await rehashFrom([...links.slice(0, 3), asV1, ...links.slice(4)], 3);
    expect(at(forged, 3).v).toBeUndefined();
    expect(await verifyChain(forged)).toMatchObject({ ok: false, brokenAt: 3, reason: 'version-order', entryId: 'entry-c' });
  });

  it('a v2 body must match: an edited body is content-mismatch, an unlinked one unlinked-content', async () => {
    const { links, contents } = await sampleDiary(2);
    const key = contentKey('entry-c', 1);
    const original = contents.get(key) as { v: 2; salts: Record<string, string>; body: { whatHappened: string } };
    const edited = { ...original, body: { whatHappened: 'Nothing happened' } };
    expect(await verifyChain(links, new Map(contents).set(key, edited))).toEqual({
      ok: false,
      brokenAt: 3,
      reason: 'content-mismatch',
      entryId: 'entry-c',
    });
    const extra = new Map(contents).set(contentKey('entry-c', 2), newRevisionContent({ whatHappened: 'smuggled' }));
    expect(await verifyChain(links, extra)).toEqual({ ok: false, brokenAt: 7, reason: 'unlinked-content' });
  });

  it('v2 links are exempt from timestamp-order', async () => {
    const diary = new DiaryBuilder({ version: 2 });
    await diary.save('a', { whatHappened: 'first' });
    await diary.tick(-86_400_000).save('b', { whatHappened: 'a day earlier' });
    await diary.tick(-86_400_000).save('c', { whatHappened: 'another day earlier' });
    expect(await verifyChain(diary.links, diary.contents)).toMatchObject({ ok: true });
  });
});

describe('isWellFormedLink: versions and notes', () => {
  const v1: ChainLink = {
    seq: 0,
    entryId: 'e',
    revision: 1,
    kind: 'revision',
    recordedAt: isoAt(START),
    contentHash: 'a'.repeat(64),
    prevHash: GENESIS_HASH,
    hash: 'b'.repeat(64),
  };
  const note = { kind: 'behind' };

  it('accepts v1 links, and v2 links with or without a note', () => {
    expect(isWellFormedLink(v1)).toBe(true);
    expect(isWellFormedLink({ ...v1, v: 2 })).toBe(true);
    expect(isWellFormedLink({ ...v1, v: 2, clock: note })).toBe(true);
    expect(isWellFormedLink({ ...v1, v: 2, clock: { ...note, kind: 'ahead' } })).toBe(true);
    // Other keys ride along as before (an export adds its proof).
    expect(isWellFormedLink({ ...v1, v: 2, proof: [] })).toBe(true);
  });

  it('refuses any other version, a note on a v1 link, a malformed note, or a key holding undefined', () => {
    const bad: [string, unknown][] = [
      ['v 1', { ...v1, v: 1 }],
      ['v 3', { ...v1, v: 3 }],
      ['v "2"', { ...v1, v: '2' }],
      ['v undefined', { ...v1, v: undefined }],
      ['a note on a v1 link', { ...v1, clock: note }],
      ['clock undefined', { ...v1, v: 2, clock: undefined }],
      ['clock null', { ...v1, v: 2, clock: null }],
      ['another kind', { ...v1, v: 2, clock: { ...note, kind: 'late' } }],
      // The note of a format before release carried the previous link's time: refused, never hashed.
      ['a note with the previous time', { ...v1, v: 2, clock: { ...note, lastLinkAt: isoAt(START) } }],
      ['an extra key in the note', { ...v1, v: 2, clock: { ...note, by: 'me' } }],
      ['an extra symbol key in the note', { ...v1, v: 2, clock: { ...note, [Symbol('by')]: 'me' } }],
      ['a note without its kind', { ...v1, v: 2, clock: {} }],
      ['an inherited kind', { ...v1, v: 2, clock: Object.create({ kind: 'behind' }) as object }],
      ['a note an array', { ...v1, v: 2, clock: ['behind'] }],
      ['an inherited version', Object.assign(Object.create({ v: 2 }) as object, v1)],
    ];
    for (const [name, value] of bad) expect(isWellFormedLink(value), name).toBe(false);
  });

  it('a malformed note in a chain: malformed', async () => {
    const { links } = await sampleDiary(2);
    const forged = links.slice();
    forged[2] = tampered(at(links, 2), { clock: { kind: 'sideways' } });
    expect(await verifyChain(forged)).toMatchObject({ ok: false, brokenAt: 2, reason: 'malformed' });
  });
});
