import { describe, it, expect } from 'vitest';
import { BLOB_CHUNK_BYTES, decryptBlobChunks, decryptBlobToBlob, encryptBlobChunks } from '../../../src/core/crypto/blobs';
import type { EncryptedChunk } from '../../../src/core/crypto/blobs';
import { DecryptionError } from '../../../src/core/crypto/errors';
import { expectRejection, expectSameBytes, flipByte, newAesKey } from './helpers';

const SMALL_CHUNK = 16;

function patternBytes(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function encryptAll(key: CryptoKey, blobId: string, bytes: Uint8Array<ArrayBuffer>, chunkSize = SMALL_CHUNK) {
  return collect(encryptBlobChunks(key, blobId, new Blob([bytes]), chunkSize));
}

async function decryptAll(
  key: CryptoKey,
  blobId: string,
  chunks: AsyncIterable<EncryptedChunk> | Iterable<EncryptedChunk>,
): Promise<Uint8Array> {
  const blob = await decryptBlobToBlob(key, blobId, chunks, 'application/octet-stream');
  return new Uint8Array(await blob.arrayBuffer());
}

describe('chunked blob encryption round trip', () => {
  const sizes = [0, 1, SMALL_CHUNK - 1, SMALL_CHUNK, SMALL_CHUNK + 1, 2 * SMALL_CHUNK, 2 * SMALL_CHUNK + 1, 1000];
  for (const size of sizes) {
    it(`${size} bytes with ${SMALL_CHUNK}-byte chunks`, async () => {
      const key = await newAesKey();
      const bytes = patternBytes(size);
      const chunks = await encryptAll(key, 'blob-1', bytes);
      const expectedCount = Math.max(1, Math.ceil(size / SMALL_CHUNK));
      expect(chunks).toHaveLength(expectedCount);
      expect(chunks.map((c) => c.index)).toEqual([...Array(expectedCount).keys()]);
      expect(chunks.map((c) => c.last)).toEqual([...Array(expectedCount).keys()].map((i) => i === expectedCount - 1));
      expectSameBytes(await decryptAll(key, 'blob-1', chunks), bytes);
    });
  }

  it('uses 1 MiB chunks by default and accepts an async source of chunks', async () => {
    expect(BLOB_CHUNK_BYTES).toBe(1024 * 1024);
    const key = await newAesKey();
    const bytes = patternBytes(2 * BLOB_CHUNK_BYTES + 5);
    const chunks = await collect(encryptBlobChunks(key, 'video', new Blob([bytes])));
    expect(chunks.map((c) => c.data.length)).toEqual([BLOB_CHUNK_BYTES + 16, BLOB_CHUNK_BYTES + 16, 5 + 16]);
    async function* fromStorage(): AsyncGenerator<EncryptedChunk> {
      for (const chunk of chunks) yield structuredClone(chunk);
    }
    expectSameBytes(await decryptAll(key, 'video', fromStorage()), bytes);
  });

  it('keeps the MIME type and yields plaintext slice by slice', async () => {
    const key = await newAesKey();
    const bytes = patternBytes(40);
    const chunks = await encryptAll(key, 'photo', bytes);
    const blob = await decryptBlobToBlob(key, 'photo', chunks, 'image/jpeg');
    expect(blob.type).toBe('image/jpeg');
    expect(blob.size).toBe(40);
    const slices = await collect(decryptBlobChunks(key, 'photo', chunks));
    expect(slices.map((s) => s.length)).toEqual([16, 16, 8]);
  });

  it('refuses a chunk size that is not a positive integer', async () => {
    const key = await newAesKey();
    for (const size of [0, -1, 1.5, Number.NaN]) {
      await expect(collect(encryptBlobChunks(key, 'b', new Blob([]), size))).rejects.toThrow(RangeError);
    }
  });
});

describe('chunked blob tamper detection', () => {
  async function fixture() {
    const key = await newAesKey();
    const bytes = patternBytes(4 * SMALL_CHUNK + 3); // 5 chunks
    const chunks = await encryptAll(key, 'blob-a', bytes);
    expect(chunks).toHaveLength(5);
    return { key, bytes, chunks };
  }

  function at<T>(items: T[], index: number): T {
    const item = items[index];
    if (item === undefined) throw new Error(`no item ${index}`);
    return item;
  }

  it('detects reordered chunks, even with their indices rewritten', async () => {
    const { key, chunks } = await fixture();
    const [c0, c1, ...rest] = chunks;
    if (!c0 || !c1) throw new Error('fixture');
    await expectRejection(decryptAll(key, 'blob-a', [c1, c0, ...rest]), DecryptionError);
    await expectRejection(decryptAll(key, 'blob-a', [{ ...c1, index: 0 }, { ...c0, index: 1 }, ...rest]), DecryptionError);
  });

  it('detects a dropped last chunk, a dropped middle chunk, and an empty stream', async () => {
    const { key, chunks } = await fixture();
    await expectRejection(decryptAll(key, 'blob-a', chunks.slice(0, -1)), DecryptionError);
    await expectRejection(decryptAll(key, 'blob-a', [...chunks.slice(0, 2), ...chunks.slice(3)]), DecryptionError);
    await expectRejection(
      decryptAll(key, 'blob-a', [...chunks.slice(0, 2), ...chunks.slice(3).map((c) => ({ ...c, index: c.index - 1 }))]),
      DecryptionError,
    );
    await expectRejection(decryptAll(key, 'blob-a', []), DecryptionError);
  });

  it('detects a forged "last" flag (truncation disguised as the end)', async () => {
    const { key, chunks } = await fixture();
    await expectRejection(decryptAll(key, 'blob-a', [...chunks.slice(0, 2).map((c, i) => ({ ...c, last: i === 1 }))]), DecryptionError);
    await expectRejection(
      decryptAll(
        key,
        'blob-a',
        chunks.map((c) => ({ ...c, last: false })),
      ),
      DecryptionError,
    );
  });

  it('detects duplicated chunks and anything after the last chunk', async () => {
    const { key, chunks } = await fixture();
    await expectRejection(decryptAll(key, 'blob-a', [at(chunks, 0), ...chunks]), DecryptionError);
    await expectRejection(decryptAll(key, 'blob-a', [...chunks, at(chunks, 4)]), DecryptionError);
    await expectRejection(decryptAll(key, 'blob-a', [...chunks, { ...at(chunks, 4), index: 5 }]), DecryptionError);
  });

  it('detects chunks swapped between two blobs under the same key', async () => {
    const { key, chunks } = await fixture();
    const other = await encryptAll(key, 'blob-b', patternBytes(4 * SMALL_CHUNK + 3, 99));
    const mixed = chunks.map((c, i) => (i === 2 ? at(other, 2) : c));
    await expectRejection(decryptAll(key, 'blob-a', mixed), DecryptionError);
    await expectRejection(decryptAll(key, 'blob-b', chunks), DecryptionError);
  });

  it('detects any changed byte in any chunk, and the wrong key', async () => {
    const { key, chunks } = await fixture();
    for (let c = 0; c < chunks.length; c++) {
      const chunk = at(chunks, c);
      for (let i = 0; i < chunk.data.length; i++) {
        const bad = chunks.map((x, j) => (j === c ? { ...x, data: flipByte(x.data, i) } : x));
        await expectRejection(decryptAll(key, 'blob-a', bad), DecryptionError);
      }
      for (let i = 0; i < chunk.iv.length; i++) {
        const bad = chunks.map((x, j) => (j === c ? { ...x, iv: flipByte(x.iv, i) } : x));
        await expectRejection(decryptAll(key, 'blob-a', bad), DecryptionError);
      }
    }
    await expectRejection(decryptAll(await newAesKey(), 'blob-a', chunks), DecryptionError);
  });

  it('fails before yielding any slice when the first chunk is bad', async () => {
    const { key, chunks } = await fixture();
    const yielded: Uint8Array[] = [];
    const bad = [{ ...at(chunks, 0), data: flipByte(at(chunks, 0).data, 0) }, ...chunks.slice(1)];
    await expectRejection(
      (async () => {
        for await (const slice of decryptBlobChunks(key, 'blob-a', bad)) yielded.push(slice);
      })(),
      DecryptionError,
    );
    expect(yielded).toHaveLength(0);
  });
});
