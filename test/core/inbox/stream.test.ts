// Streaming a recording into the sealed inbox (issue 17 point 4): chunks written with the item
// row in one transaction as they come, a recording cut off after N chunks reads back as exactly
// those N chunks with a matching SHA-256 (interrupted), and tampering, a dropped chunk, swapped
// chunks or a changed count give a typed error, never silently wrong bytes. An item row put
// back from earlier reads as the recording interrupted at that earlier point.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { InboxError } from '../../../src/core/inbox/errors';
import { InboxStore, isInterrupted, type OpenedInboxItem } from '../../../src/core/inbox/inbox';
import { INBOX_CHUNK_BYTES, inboxChunkId } from '../../../src/core/inbox/inboxRows';
import { openInboxStream } from '../../../src/core/inbox/lockedInbox';
import { parseInboxMeta, resealInboxItem } from '../../../src/core/inbox/seal';
import { liveStreamIds, type StreamStart } from '../../../src/core/inbox/stream';
import { dexieInboxWriter } from '../../../src/core/inbox/inbox';
import { INBOX_PUBLIC_KEY, publicKeyFromMeta } from '../../../src/core/inbox/inboxRows';
import type { DaybookDatabase } from '../../../src/core/store/db';
import { provisionInbox } from '../../../src/core/vault/featureStores';
import { createdVault } from '../../support/vault';

const START: StreamStart = {
  via: 'recording',
  name: 'recording-2026-12-03_14-05-00.webm',
  type: 'audio/webm',
  receivedAt: new Date('2026-12-03T14:05:00.000Z'),
};

let db: DaybookDatabase;
let inbox: InboxStore;

beforeAll(async () => {
  const setup = await createdVault();
  db = setup.db;
  inbox = new InboxStore(setup.db, () => setup.session.dataKey());
  await provisionInbox(setup.vault, inbox);
});

function patterned(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 131 + seed * 7 + 3) & 0xff;
  return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The value, which the test has just written. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/** Records `parts` into a new streamed item; stops it (finish) unless `cut` (a crash: no more writes). */
async function record(parts: Uint8Array[], ending: 'finish' | 'cut' | 'live' = 'finish') {
  const { sealer, close } = await openInboxStream(db.name, START);
  let ms = 0;
  for (const part of parts) await sealer.append(part, (ms += 1000));
  if (ending === 'finish') await sealer.finish(ms, new Date('2026-12-03T14:06:00.000Z'));
  if (ending === 'cut') sealer.close();
  if (ending !== 'live') close();
  return { id: sealer.id, sealer, close };
}

async function listed(id: string): Promise<OpenedInboxItem | undefined> {
  return (await inbox.list()).find((item) => item.id === id);
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InboxError);
    return (error as InboxError).code;
  }
  throw new Error('expected a failure');
}

describe('streamed recordings', () => {
  it('writes the item row first, then each chunk with the row describing everything so far', async () => {
    const { sealer, close } = await openInboxStream(db.name, START);
    // Before any bytes: an empty recording, live in this tab.
    const first = await listed(sealer.id);
    expect(first).toMatchObject({ status: 'ok', live: true, meta: { via: 'recording', state: 'recording', size: 0 } });
    expect((await liveStreamIds()).has(sealer.id)).toBe(true);
    const parts = [patterned(1500, 1), patterned(10, 2), patterned(4000, 3)];
    for (const [i, part] of parts.entries()) {
      await sealer.append(part, (i + 1) * 1000);
      const row = await db.inbox.get(sealer.id);
      expect(row?.chunks).toBe(i + 1);
      const item = await listed(sealer.id);
      const so = concat(parts.slice(0, i + 1));
      expect(item).toMatchObject({ status: 'ok', meta: { size: so.length, sha256: await sha256Hex(so), durationMs: (i + 1) * 1000 } });
      expect(sealer.sha256).toBe(await sha256Hex(so));
    }
    await sealer.finish(3000, new Date('2026-12-03T14:06:00.000Z'));
    close();
    const done = await listed(sealer.id);
    expect(done).toMatchObject({ status: 'ok', meta: { state: 'stopped', endedAt: '2026-12-03T14:06:00.000Z', durationMs: 3000 } });
    expect(done && isInterrupted(done)).toBe(false);
    const read = await inbox.read(sealer.id);
    expect(await bytesOf(read.bytes)).toEqual(concat(parts));
    expect(read.meta.type).toBe('audio/webm');
    await expect(sealer.append(patterned(5, 9), 4000)).rejects.toMatchObject({ code: 'inbox/stream-closed' });
  });

  it('a recording cut off after N chunks lists as interrupted and reads as exactly those N chunks', async () => {
    const parts = [patterned(700, 4), patterned(900, 5), patterned(300, 6)];
    const { id } = await record(parts, 'cut');
    const item = await listed(id);
    expect(item && isInterrupted(item)).toBe(true);
    const { meta, bytes } = await inbox.read(id);
    const expected = concat(parts);
    expect(await bytesOf(bytes)).toEqual(expected);
    expect(meta.sha256).toBe(await sha256Hex(expected));
    expect(meta.state).toBe('recording');
    expect(meta.endedAt).toBeUndefined();
  });

  it('splits a piece larger than a chunk and reads it back whole', async () => {
    const big = patterned(INBOX_CHUNK_BYTES + 1234, 7);
    const { id } = await record([patterned(3, 8), big]);
    expect((await db.inbox.get(id))?.chunks).toBe(3);
    expect(await bytesOf((await inbox.read(id)).bytes)).toEqual(concat([patterned(3, 8), big]));
  });

  it('a changed chunk does not open', async () => {
    const { id } = await record([patterned(100, 1), patterned(100, 2)]);
    const chunk = must(await db.inboxChunks.get(inboxChunkId(id, 1)));
    chunk.data[5] = must(chunk.data[5]) ^ 1;
    await db.inboxChunks.put(chunk);
    expect(await failure(inbox.read(id))).toBe('inbox/unreadable');
  });

  it('a dropped middle chunk is damage', async () => {
    const { id } = await record([patterned(100, 1), patterned(100, 2), patterned(100, 3)]);
    await db.inboxChunks.delete(inboxChunkId(id, 1));
    expect(await failure(inbox.read(id))).toBe('inbox/damaged');
  });

  it('swapped chunks do not open, even of the same length', async () => {
    const { id } = await record([patterned(100, 1), patterned(100, 2)]);
    const a = must(await db.inboxChunks.get(inboxChunkId(id, 0)));
    const b = must(await db.inboxChunks.get(inboxChunkId(id, 1)));
    await db.inboxChunks.bulkPut([
      { ...b, id: a.id },
      { ...a, id: b.id },
    ]);
    expect(await failure(inbox.read(id))).toBe('inbox/unreadable');
  });

  it('a chunk moved from another recording does not open', async () => {
    const one = await record([patterned(100, 1)]);
    const two = await record([patterned(100, 2)]);
    const moved = must(await db.inboxChunks.get(inboxChunkId(two.id, 0)));
    await db.inboxChunks.put({ ...moved, id: inboxChunkId(one.id, 0) });
    expect(await failure(inbox.read(one.id))).toBe('inbox/unreadable');
  });

  it('a changed chunk count in the clear is damage; a chunk marked last is damage', async () => {
    const { id } = await record([patterned(100, 1), patterned(100, 2)]);
    const row = must(await db.inbox.get(id));
    await db.inbox.put({ ...row, chunks: 1 });
    expect(await failure(inbox.read(id))).toBe('inbox/damaged');
    expect(await listed(id)).toMatchObject({ status: 'damaged', code: 'inbox/damaged' });
    await db.inbox.put(row);
    const chunk = must(await db.inboxChunks.get(inboxChunkId(id, 1)));
    await db.inboxChunks.put({ ...chunk, last: true });
    expect(await failure(inbox.read(id))).toBe('inbox/damaged');
  });

  it('an item row put back from earlier reads as interrupted at that earlier point; chunks beyond are ignored', async () => {
    const parts = [patterned(100, 1), patterned(200, 2), patterned(300, 3)];
    const { sealer, close } = await openInboxStream(db.name, START);
    await sealer.append(must(parts[0]), 1000);
    const earlier = must(await db.inbox.get(sealer.id));
    await sealer.append(must(parts[1]), 2000);
    await sealer.append(must(parts[2]), 3000);
    await sealer.finish(3000, new Date());
    close();
    await db.inbox.put(earlier);
    const item = await listed(sealer.id);
    expect(item && isInterrupted(item)).toBe(true);
    const { meta, bytes } = await inbox.read(sealer.id);
    expect(await bytesOf(bytes)).toEqual(parts[0]);
    expect(meta).toMatchObject({ size: 100, state: 'recording' });
  });

  it('removing a recording removes every chunk, beyond the meta too', async () => {
    const { id } = await record([patterned(10, 1), patterned(10, 2)]);
    await inbox.remove(id);
    expect(await db.inboxChunks.where('id').startsWith(id).count()).toBe(0);
    expect(await inbox.removeOrphanChunks()).toBe(0);
  });

  it('sealed again (restore) keeps its meta and reads back the same bytes', async () => {
    const parts = [patterned(50, 1), patterned(60, 2)];
    const { id } = await record(parts, 'cut');
    const { meta, bytes } = await inbox.read(id);
    const publicKey = must(publicKeyFromMeta((await db.meta.get(INBOX_PUBLIC_KEY))?.value));
    const again = await resealInboxItem(dexieInboxWriter(db), publicKey, meta, bytes);
    const read = await inbox.read(again);
    expect(read.meta).toEqual(meta);
    expect(await bytesOf(read.bytes)).toEqual(concat(parts));
  });

  it('meta fields of a recording are refused on a share, and checked strictly', () => {
    const base = { v: 1, via: 'share', receivedAt: '2026-12-03T14:05:00.000Z', name: '', type: '', size: 0, sha256: 'a'.repeat(64) };
    const json = (value: object) => new TextEncoder().encode(JSON.stringify(value));
    expect(() => parseInboxMeta(json({ ...base, state: 'recording' }))).toThrow(InboxError);
    const rec = { ...base, via: 'recording', state: 'stopped', durationMs: 5 };
    expect(parseInboxMeta(json(rec))).toEqual(rec);
    expect(() => parseInboxMeta(json({ ...rec, state: 'paused' }))).toThrow(InboxError);
    expect(() => parseInboxMeta(json({ ...rec, durationMs: -1 }))).toThrow(InboxError);
    expect(() => parseInboxMeta(json({ ...rec, durationMs: 1.5 }))).toThrow(InboxError);
    expect(() => parseInboxMeta(json({ ...rec, endedAt: 'yesterday' }))).toThrow(InboxError);
    expect(() => parseInboxMeta(json({ ...rec, state: 'recording', endedAt: '2026-12-03T14:05:00.000Z' }))).toThrow(InboxError);
    expect(() => parseInboxMeta(json({ ...rec, streamChunks: -1 }))).toThrow(InboxError);
    expect(() => parseInboxMeta(json({ ...base, streamChunks: 1 }))).toThrow(InboxError);
  });

  it('property: any chunk sizes and any cut point read back as exactly the prefix written, with its SHA-256', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 0, maxLength: 12 }),
        fc.nat(),
        fc.boolean(),
        async (sizes, cutSeed, stopped) => {
          const parts = sizes.map((size, i) => patterned(size, i + size));
          const cut = sizes.length === 0 ? 0 : cutSeed % (sizes.length + 1);
          const { id } = await record(parts.slice(0, cut), stopped ? 'finish' : 'cut');
          const { meta, bytes } = await inbox.read(id);
          const expected = concat(parts.slice(0, cut));
          expect(await bytesOf(bytes)).toEqual(expected);
          expect(meta.size).toBe(expected.length);
          expect(meta.sha256).toBe(await sha256Hex(expected));
          expect(meta.state).toBe(stopped ? 'stopped' : 'recording');
          // Empty pieces write no chunk: the count is of non-empty pieces.
          expect((await db.inbox.get(id))?.chunks).toBe(parts.slice(0, cut).filter((p) => p.length > 0).length);
          await inbox.remove(id);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('property: a random byte flipped in any stored row never reads back as different bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.nat(),
        async (sizes, which, at) => {
          const parts = sizes.map((size, i) => patterned(size, i * 3 + size));
          const { id } = await record(parts, 'cut');
          const chunkIds = parts.map((_, i) => inboxChunkId(id, i));
          const target = must(chunkIds[which % chunkIds.length]);
          const row = must(await db.inboxChunks.get(target));
          const field = at % 2 === 0 ? row.data : row.iv;
          field[at % field.length] = must(field[at % field.length]) ^ 0x40;
          await db.inboxChunks.put(row);
          await expect(inbox.read(id)).rejects.toBeInstanceOf(InboxError);
          await inbox.remove(id);
        },
      ),
      { numRuns: 25 },
    );
  });
});
