import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  AttachmentCorruptError,
  AttachmentStore,
  AttachmentTooLargeError,
  AttachmentUnreadableError,
  MAX_ATTACHMENT_BYTES,
} from '../../../src/core/store/attachmentStore';
import type { DaybookDatabase } from '../../../src/core/store/db';
import { StorageError } from '../../../src/core/store/storageErrors';
import { VaultLockedError } from '../../../src/core/vault/session';
import { createdVault } from '../../support/vault';

const MIB = 1024 * 1024;
const MARKER = 'MARKER-okapi-5519';

/** Deterministic bytes that are not all alike, so chunk mix-ups would show. */
function bytes(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Byte equality without a slow element-by-element deep comparison. */
async function contentOf(blob: Blob): Promise<Buffer> {
  return Buffer.from(await blob.arrayBuffer());
}

async function setup(options?: ConstructorParameters<typeof AttachmentStore>[2]) {
  const vault = await createdVault();
  const store = new AttachmentStore(vault.db, () => vault.session.dataKey(), options);
  return { ...vault, store };
}

async function chunkIds(db: DaybookDatabase): Promise<string[]> {
  return (await db.chunks.toCollection().primaryKeys()).sort();
}

describe('attachment store', () => {
  it('round-trips a 2.5 MiB file in 1 MiB chunks, unaltered, with the SHA-256 of the original', async () => {
    const { db, store } = await setup();
    const original = bytes(2.5 * MIB);
    const ref = await store.save(new Blob([original], { type: 'video/mp4' }), 'clip.mp4');
    expect(ref).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      name: 'clip.mp4',
      type: 'video/mp4',
      size: original.length,
      sha256: sha256(original),
    });
    expect(await chunkIds(db)).toEqual([0, 1, 2].map((i) => `${ref.id}:0000000${i}`));
    const opened = await store.open(ref);
    expect(opened.type).toBe('video/mp4');
    expect((await contentOf(opened)).equals(original)).toBe(true);
  });

  it.each([
    [1, 10],
    [7, 100],
    [64, 64],
    [64, 65],
    [64, 63],
    [4096, 10_000],
    [16, 0],
  ])('round-trips with %i-byte chunks and %i bytes', async (chunkSize, length) => {
    const { db, store } = await setup({ chunkSize, chunksPerWrite: 3 });
    const original = bytes(length, chunkSize);
    const ref = await store.save(new Blob([original]), 'file.bin');
    expect(ref.sha256).toBe(sha256(original));
    expect(ref.size).toBe(length);
    expect(await db.chunks.count()).toBe(Math.max(1, Math.ceil(length / chunkSize)));
    expect((await contentOf(await store.open(ref))).equals(original)).toBe(true);
  });

  it('keeps only what the incident may hold in the ref', async () => {
    const { store } = await setup();
    const ref = await store.save(new Blob(['x'], { type: 'text/plain;charset=utf-8' }), `${'a'.repeat(999)}😀.txt`);
    expect(ref.type).toBe('text/plain');
    expect(ref.name).toBe('a'.repeat(999));
    expect((await store.save(new Blob(['x'], { type: 'not a type' }), 'x')).type).toBe('');
  });

  it('stores no plaintext: chunk rows hold only their key, IV, ciphertext and the last flag', async () => {
    const { db, store } = await setup({ chunkSize: 100 });
    const text = `${MARKER} `.repeat(50);
    const ref = await store.save(new Blob([text], { type: 'text/plain' }), `${MARKER}.txt`);
    const rows = await db.chunks.toArray();
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['data', 'id', 'iv', 'last']);
      expect(row.id.startsWith(`${ref.id}:`)).toBe(true);
      expect(new TextDecoder('latin1').decode(row.data)).not.toContain(MARKER.slice(0, 10));
    }
    expect(await (await store.open(ref)).text()).toBe(text);
  });

  it('refuses a file over the limit before reading or writing anything', async () => {
    const { db, store } = await setup();
    const blob = new Blob(['small']);
    Object.defineProperty(blob, 'size', { value: MAX_ATTACHMENT_BYTES + 1 });
    const slice = vi.spyOn(blob, 'slice');
    const write = vi.spyOn(db.chunks, 'bulkAdd');
    const error = await store.save(blob, 'huge.mov').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AttachmentTooLargeError);
    expect(error).toMatchObject({ code: 'attachment-too-large', size: MAX_ATTACHMENT_BYTES + 1, limit: MAX_ATTACHMENT_BYTES });
    expect(slice).not.toHaveBeenCalled();
    expect(write).not.toHaveBeenCalled();
    expect(MAX_ATTACHMENT_BYTES).toBe(100 * MIB);
  });

  it('leaves nothing half-written when a write fails, and reports a full disk', async () => {
    const { db, store } = await setup({ chunkSize: 10, chunksPerWrite: 2 });
    const kept = await store.save(new Blob([bytes(35)]), 'kept');
    const before = await chunkIds(db);
    const bulkAdd = db.chunks.bulkAdd.bind(db.chunks);
    let calls = 0;
    vi.spyOn(db.chunks, 'bulkAdd').mockImplementation(((...args: Parameters<typeof bulkAdd>) => {
      calls += 1;
      // The first batch is written; the second hits a full disk.
      return calls === 1 ? bulkAdd(...args) : Promise.reject(new DOMException('full', 'QuotaExceededError'));
    }) as typeof bulkAdd);
    const error = await store.save(new Blob([bytes(100)]), 'lost').catch((caught: unknown) => caught);
    expect(calls).toBe(2);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'storage-full' });
    expect(await chunkIds(db)).toEqual(before);
    expect(await (await store.open(kept)).arrayBuffer()).toEqual(bytes(35).buffer);
  });

  it('stops and cleans up when the vault locks part-way through a save', async () => {
    const { db, session, store } = await setup({ chunkSize: 10, chunksPerWrite: 1 });
    const bulkAdd = db.chunks.bulkAdd.bind(db.chunks);
    vi.spyOn(db.chunks, 'bulkAdd').mockImplementation(((...args: Parameters<typeof bulkAdd>) =>
      bulkAdd(...args).then((result) => {
        session.lock();
        return result;
      })) as typeof bulkAdd);
    await expect(store.save(new Blob([bytes(50)]), 'x')).rejects.toBeInstanceOf(VaultLockedError);
    expect(await db.chunks.count()).toBe(0);
  });

  it('reports a file that cannot be read, and keeps nothing of it', async () => {
    const { db, store } = await setup({ chunkSize: 10, chunksPerWrite: 1 });
    const blob = new Blob([bytes(30)]);
    const slice = blob.slice.bind(blob);
    let slices = 0;
    vi.spyOn(blob, 'slice').mockImplementation((start?: number, end?: number) => {
      const part = slice(start, end);
      // The third read fails, as when a file is deleted or changed while being read.
      if (++slices === 3) vi.spyOn(part, 'arrayBuffer').mockRejectedValue(new DOMException('gone', 'NotReadableError'));
      return part;
    });
    await expect(store.save(blob, 'moved.jpg')).rejects.toBeInstanceOf(AttachmentUnreadableError);
    expect(await db.chunks.count()).toBe(0);
  });

  describe('detects damage on open', () => {
    async function saved() {
      const context = await setup({ chunkSize: 10 });
      const ref = await context.store.save(new Blob([bytes(35)], { type: 'image/png' }), 'photo.png');
      const rows = await context.db.chunks.orderBy('id').toArray();
      return { ...context, ref, rows };
    }

    it('a tampered chunk', async () => {
      const { db, store, ref, rows } = await saved();
      const row = rows[1];
      if (!row) throw new Error('missing row');
      const data = row.data.slice();
      data[0] = (data[0] ?? 0) ^ 1;
      await db.chunks.put({ ...row, data });
      await expect(store.open(ref)).rejects.toBeInstanceOf(AttachmentCorruptError);
    });

    it('chunks swapped, dropped or cut off at the end', async () => {
      const { db, store, ref, rows } = await saved();
      const [first, second, , last] = rows;
      if (!first || !second || !last) throw new Error('missing rows');
      await db.chunks.bulkPut([
        { ...first, id: second.id },
        { ...second, id: first.id },
      ]);
      await expect(store.open(ref)).rejects.toMatchObject({ code: 'attachment-corrupt' });
      await db.chunks.bulkPut([first, second]);
      await db.chunks.delete(last.id);
      await expect(store.open(ref)).rejects.toBeInstanceOf(AttachmentCorruptError);
      await db.chunks.put(last);
      await db.chunks.delete(second.id);
      await expect(store.open(ref)).rejects.toBeInstanceOf(AttachmentCorruptError);
    });

    it('chunks moved from another attachment', async () => {
      const { db, store, ref } = await saved();
      const other = await store.save(new Blob([bytes(35, 9)]), 'other');
      const theirs = await db.chunks.get(`${other.id}:00000000`);
      if (!theirs) throw new Error('missing row');
      await db.chunks.put({ ...theirs, id: `${ref.id}:00000000` });
      await expect(store.open(ref)).rejects.toBeInstanceOf(AttachmentCorruptError);
    });

    it('a ref whose SHA-256 or size no longer matches, or whose bytes are gone', async () => {
      const { store, ref } = await saved();
      await expect(store.open({ ...ref, sha256: sha256(bytes(1)) })).rejects.toBeInstanceOf(AttachmentCorruptError);
      await expect(store.open({ ...ref, size: ref.size + 1 })).rejects.toBeInstanceOf(AttachmentCorruptError);
      await expect(store.open({ ...ref, sha256: ref.sha256.toUpperCase() })).resolves.toBeInstanceOf(Blob);
      await store.remove(ref.id);
      await expect(store.open(ref)).rejects.toBeInstanceOf(AttachmentCorruptError);
    });
  });

  it('needs an unlocked vault to save or open', async () => {
    const { session, store } = await setup();
    const ref = await store.save(new Blob(['x']), 'x');
    session.lock();
    await expect(store.save(new Blob(['y']), 'y')).rejects.toBeInstanceOf(VaultLockedError);
    await expect(store.open(ref)).rejects.toBeInstanceOf(VaultLockedError);
  });

  it('removes every chunk of one attachment and nothing else', async () => {
    const { db, store } = await setup({ chunkSize: 10 });
    const a = await store.save(new Blob([bytes(95)]), 'a');
    const b = await store.save(new Blob([bytes(25)]), 'b');
    const c = await store.save(new Blob([bytes(5)]), 'c');
    // An id that is a prefix of another must not reach the other's chunks.
    await db.chunks.bulkPut([
      { id: 'ab:00000000', iv: new Uint8Array(12), data: new Uint8Array(1), last: true },
      { id: 'abc:00000000', iv: new Uint8Array(12), data: new Uint8Array(1), last: true },
    ]);
    expect((await store.storedIds()).sort()).toEqual([a.id, b.id, c.id, 'ab', 'abc'].sort());
    await store.remove(a.id);
    await store.remove('ab');
    expect((await chunkIds(db)).filter((id) => id.startsWith(a.id))).toEqual([]);
    expect((await store.storedIds()).sort()).toEqual([b.id, c.id, 'abc'].sort());
    expect(await (await store.open(b)).arrayBuffer()).toEqual(bytes(25).buffer);
    await store.removeAll([b.id, c.id]);
    expect(await chunkIds(db)).toEqual(['abc:00000000']);
    await store.remove(b.id);
  });

  it('refuses ids that could reach other attachments', async () => {
    const { store } = await setup();
    for (const id of ['', 'a:0', 'a\0', 'x'.repeat(257)]) {
      await expect(store.remove(id)).rejects.toBeInstanceOf(TypeError);
      await expect(store.open({ id, name: 'n', type: '', size: 0, sha256: sha256(new Uint8Array()) })).rejects.toBeInstanceOf(TypeError);
    }
  });
});
