// Records written deflated (version 2, crypto/records.ts and deflate.ts): they read back as
// written, are bound to their version as to their table and id, and the inflater refuses any
// length it was not told, over its budget, or bytes that are not raw DEFLATE.

import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { decryptBytes, encryptBytes } from '../../../src/core/crypto/aead';
import {
  canDeflate,
  deflateWithLength,
  forgetDeflateSupport,
  InflateError,
  inflateWithLength,
  MAX_INFLATED_BYTES,
} from '../../../src/core/crypto/deflate';
import { utf8Encode } from '../../../src/core/crypto/encoding';
import { DecryptionError, UnsupportedVaultError } from '../../../src/core/crypto/errors';
import { decryptRecord, encryptRecord } from '../../../src/core/crypto/records';
import { countDecompressionStreams, expectRejection, expectSameBytes, newAesKey } from './helpers';

/** 64 records' worth of the kind of text a diary holds: repetitive keys and prose. */
const diaryLike = Array.from({ length: 64 }, (_, i) => ({
  link: { seq: i, kind: 'revision', recordedAt: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z` },
  content: {
    body: {
      where: 'Outside the flat on Hanover Street',
      whatHappened: `He waited by the car again, the ${i}th time. ` + 'I went the long way round. '.repeat(8),
    },
  },
}));

/** A length, 4 bytes big-endian, then `rest`. */
function withLength(length: number, rest: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + rest.length);
  new DataView(out.buffer).setUint32(0, length);
  out.set(rest, 4);
  return out;
}

/** The streams taken away (or given `value`), and what canDeflate found forgotten. */
function stubStream(name: 'CompressionStream' | 'DecompressionStream', value: unknown): void {
  vi.stubGlobal(name, value);
  forgetDeflateSupport();
}

afterEach(() => {
  vi.unstubAllGlobals();
  forgetDeflateSupport();
});

describe('compressed records', () => {
  it('write version 2 when asked, smaller than version 1, and read back the same value', async () => {
    const key = await newAesKey();
    const plain = await encryptRecord(key, 'packs', '0000000000', diaryLike);
    const compressed = await encryptRecord(key, 'packs', '0000000000', diaryLike, { compress: true });
    expect(plain.v).toBe(1);
    expect(compressed.v).toBe(2);
    expect(compressed.data.length * 3).toBeLessThan(plain.data.length);
    expect(await decryptRecord(key, 'packs', '0000000000', compressed)).toEqual(diaryLike);
  });

  it('are bound to their version, table and id: relabelled either way, they fail authentication', async () => {
    const key = await newAesKey();
    const compressed = await encryptRecord(key, 'packs', 'a', diaryLike, { compress: true });
    const plain = await encryptRecord(key, 'packs', 'a', diaryLike);
    // The authentication itself fails, not what would read the bytes the other way after it.
    await expectRejection(decryptBytes(key, compressed.iv, compressed.data, utf8Encode('daybook/record/v1\0packs\0a')), DecryptionError);
    await expectRejection(decryptBytes(key, plain.iv, plain.data, utf8Encode('daybook/record/v2-deflate\0packs\0a')), DecryptionError);
    for (const relabelled of [
      { ...compressed, v: 1 as const },
      { ...plain, v: 2 as const },
    ]) {
      const error = await expectRejection(decryptRecord(key, 'packs', 'a', relabelled), DecryptionError);
      expect(error.message).toBe('Decryption failed: tampered data or wrong key.');
    }
    await expectRejection(decryptRecord(key, 'packs', 'b', compressed), DecryptionError);
    await expectRejection(decryptRecord(key, 'revisions', 'a', compressed), DecryptionError);
  });

  it('are read as the format says: a version 2 record built by hand, from its parts, reads back', async () => {
    const key = await newAesKey();
    const json = utf8Encode('{"a":[1,2,3]}');
    const deflated = await deflateWithLength(json);
    if (!deflated) throw new Error('deflate failed');
    // The length before the DEFLATE data: 4 bytes, big-endian.
    expect([...deflated.subarray(0, 4)]).toEqual([0, 0, 0, json.length]);
    const { iv, data } = await encryptBytes(
      key,
      withLength(json.length, deflated.subarray(4)),
      utf8Encode('daybook/record/v2-deflate\0packs\0a'),
    );
    expect(await decryptRecord(key, 'packs', 'a', { v: 2, iv, data })).toEqual({ a: [1, 2, 3] });
  });

  it('are written as version 1 where the engine cannot deflate', async () => {
    const key = await newAesKey();
    stubStream('CompressionStream', undefined);
    const record = await encryptRecord(key, 'packs', 'a', diaryLike, { compress: true });
    vi.unstubAllGlobals();
    forgetDeflateSupport();
    expect(record.v).toBe(1);
    expect(await decryptRecord(key, 'packs', 'a', record)).toEqual(diaryLike);
  });

  it('fail as unsupported, not as damaged, where the engine cannot inflate', async () => {
    const key = await newAesKey();
    const record = await encryptRecord(key, 'packs', 'a', diaryLike, { compress: true });
    stubStream('DecompressionStream', undefined);
    await expectRejection(decryptRecord(key, 'packs', 'a', record), UnsupportedVaultError);
  });

  it('are written as version 1 when what the engine deflated does not inflate back to the same bytes', async () => {
    // An engine whose deflate gives out something else: a pack written from it would lose the rows it replaces.
    stubStream(
      'CompressionStream',
      class extends TransformStream<Uint8Array, Uint8Array> {
        constructor() {
          super({ transform: (chunk, controller) => controller.enqueue(chunk.subarray(0, Math.max(1, chunk.length - 1))) });
        }
      },
    );
    expect(await deflateWithLength(utf8Encode(JSON.stringify(diaryLike)))).toBeNull();
    const key = await newAesKey();
    const record = await encryptRecord(key, 'packs', 'a', diaryLike, { compress: true });
    expect(record.v).toBe(1);
    expect(await decryptRecord(key, 'packs', 'a', record)).toEqual(diaryLike);
  });

  it('are not written where the engine has the streams but not raw DEFLATE (Chromium before 103)', async () => {
    const Real = CompressionStream;
    stubStream(
      'CompressionStream',
      class extends Real {
        constructor(format: CompressionFormat) {
          if (format === 'deflate-raw') throw new TypeError('Unsupported compression format');
          super(format);
        }
      },
    );
    expect(canDeflate()).toBe(false);
    const key = await newAesKey();
    expect((await encryptRecord(key, 'packs', 'a', diaryLike, { compress: true })).v).toBe(1);
  });

  it('fail as damaged when authenticated bytes do not inflate to their stated length', async () => {
    const key = await newAesKey();
    const additional = utf8Encode('daybook/record/v2-deflate\0packs\0a');
    const deflated = await deflateWithLength(utf8Encode('"text"'));
    if (!deflated) throw new Error('deflate failed');
    const cases = [
      withLength(7, deflated.subarray(4)), // states one byte more
      withLength(5, deflated.subarray(4)), // states one byte less
      withLength(6, new Uint8Array([0xff, 0xff, 0xff])), // not DEFLATE
    ];
    for (const bytes of cases) {
      const { iv, data } = await encryptBytes(key, bytes, additional);
      const error = await expectRejection(decryptRecord(key, 'packs', 'a', { v: 2, iv, data }), DecryptionError);
      expect(error.cause).toBeInstanceOf(InflateError);
    }
  });
});

describe('inflateWithLength', () => {
  it('refuses a stated length over the budget before inflating anything', async () => {
    const deflated = await deflateWithLength(new Uint8Array(10));
    if (!deflated) throw new Error('deflate failed');
    const spy = vi.spyOn(globalThis, 'DecompressionStream');
    await expectRejection(inflateWithLength(withLength(MAX_INFLATED_BYTES + 1, deflated.subarray(4))), InflateError);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('refuses bytes too short to state a length', async () => {
    await expectRejection(inflateWithLength(new Uint8Array(3)), InflateError);
  });

  it('refuses data that inflates past its stated length (a bomb under a small length)', async () => {
    const deflated = await deflateWithLength(new Uint8Array(4 * 1024 * 1024));
    if (!deflated) throw new Error('deflate failed');
    expect(deflated.length).toBeLessThan(8 * 1024);
    const error = await expectRejection(inflateWithLength(withLength(1024, deflated.subarray(4))), InflateError);
    expect(error.message).toBe('inflates to more than it states');
  });

  it('inflates one at a time, in the order asked, and one that fails does not hold up the next', async () => {
    const inputs = await Promise.all([1, 2, 3, 4].map((n) => deflateWithLength(new Uint8Array(n * 1000).fill(n))));
    const [a, b, c, d] = inputs;
    if (!a || !b || !c || !d) throw new Error('deflate failed');
    const { begun } = countDecompressionStreams();
    // Which inflate settled, in turn, and how many streams had begun by then: one more than
    // those settled before it.
    const order: number[] = [];
    const begunAtEnd: number[] = [];
    const ended = (at: number) => {
      order.push(at);
      begunAtEnd.push(begun());
    };
    const asked = [a, withLength(50, new Uint8Array([1, 2, 3])), b, c, d].map((bytes, at) =>
      inflateWithLength(bytes).then(
        (out) => (ended(at), out.length),
        (error: unknown) => (ended(at), error),
      ),
    );
    const settled = await Promise.all(asked);
    expect(settled[0]).toBe(1000);
    expect(settled[1]).toBeInstanceOf(InflateError);
    expect(settled.slice(2)).toEqual([2000, 3000, 4000]);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(begunAtEnd).toEqual([1, 2, 3, 4, 5]);
  });

  it('leaves deflating to the caller over the budget', async () => {
    expect(await deflateWithLength(new Uint8Array(MAX_INFLATED_BYTES + 1))).toBeNull();
  });

  it('reads back whatever deflateWithLength wrote (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        const deflated = await deflateWithLength(bytes);
        if (!deflated) throw new Error('deflate failed');
        expectSameBytes(await inflateWithLength(deflated), bytes);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the stated number of bytes or an InflateError for any input (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 512 }),
          fc.tuple(fc.nat({ max: 2048 }), fc.uint8Array({ maxLength: 512 })).map(([length, rest]) => withLength(length, rest)),
        ),
        async (bytes) => {
          try {
            const out = await inflateWithLength(bytes);
            expect(out.length).toBe(new DataView(bytes.buffer, bytes.byteOffset).getUint32(0));
          } catch (error) {
            expect(error).toBeInstanceOf(InflateError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
