import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { EncryptedFileError, inspectEncryptedFile, openEncryptedFile } from '../../../../src/core/export/encryptedFile';
import type { FileRecord } from '../../../../src/core/export/encryptedFile';
import { blobBytes, joinParts, PASSPHRASE, splitFile, toBlob, writeFile } from './helpers';

const RECORDS: FileRecord[] = [
  { meta: {} },
  { meta: { text: 'Ŵ 🙂', n: [1, 2] }, bytes: Uint8Array.of(1, 2, 3, 4, 5) },
  { meta: { empty: true }, bytes: new Uint8Array(0) },
];

let original: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  original = await blobBytes(await writeFile(RECORDS));
});

type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'cut'; at: number }
  | { op: 'splice'; at: number; remove: number; insert: Uint8Array }
  | { op: 'insert'; at: number; insert: Uint8Array }
  | { op: 'overwrite'; at: number; insert: Uint8Array };

const smallBytes = fc.uint8Array({ minLength: 1, maxLength: 24 });

/**
 * Mutations of a file of `length` bytes whose frames start at `firstFrame`.
 * Half the positions fall among the frames: otherwise most mutations would hit
 * the header, which is most of a small file.
 */
function mutationArb(length: number, firstFrame: number): fc.Arbitrary<Mutation> {
  const at = fc.oneof(fc.integer({ min: 0, max: length }), fc.integer({ min: firstFrame, max: length }));
  return fc.oneof(
    fc.record({ op: fc.constant('flip' as const), at, bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ op: fc.constant('cut' as const), at }),
    fc.record({
      op: fc.constant('splice' as const),
      at,
      remove: fc.integer({ min: 1, max: 64 }),
      insert: fc.uint8Array({ maxLength: 24 }),
    }),
    fc.record({ op: fc.constant('insert' as const), at, insert: smallBytes }),
    fc.record({ op: fc.constant('overwrite' as const), at, insert: smallBytes }),
  );
}

function mutate(bytes: Uint8Array<ArrayBuffer>, mutation: Mutation): Uint8Array<ArrayBuffer> {
  const at = Math.min(mutation.at, bytes.length);
  switch (mutation.op) {
    case 'flip': {
      const copy = new Uint8Array(bytes);
      const index = Math.min(at, bytes.length - 1);
      copy[index] = (copy[index] ?? 0) ^ (1 << mutation.bit);
      return copy;
    }
    case 'cut':
      return bytes.slice(0, at);
    case 'splice':
      return joinParts([bytes.subarray(0, at), mutation.insert, bytes.subarray(at + mutation.remove)]);
    case 'insert':
      return joinParts([bytes.subarray(0, at), mutation.insert, bytes.subarray(at)]);
    case 'overwrite': {
      const copy = new Uint8Array(bytes);
      copy.set(mutation.insert.subarray(0, copy.length - at), at);
      return copy;
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/**
 * Whether opening would run Argon2id at more than a few times the test cost.
 * Mutations that only raise the cost (an inserted digit in memoryKiB) are still
 * inspected; deriving with them would only make the run slow, not test more.
 */
function expensiveKdf(bytes: Uint8Array): boolean {
  try {
    const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(12);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + length))) as { kdf?: Record<string, unknown> };
    const { memoryKiB, iterations } = header.kdf ?? {};
    return typeof memoryKiB === 'number' && typeof iterations === 'number' && memoryKiB * iterations > 4 * 8192;
  } catch {
    return false;
  }
}

type Outcome = { ok: true; records: FileRecord[] } | { ok: false; error: unknown };

/** Everything a caller does with a file it was given: inspect, open, read every record. */
async function readEverything(bytes: Uint8Array<ArrayBuffer>): Promise<Outcome> {
  try {
    await inspectEncryptedFile(toBlob(bytes));
  } catch (error) {
    return { ok: false, error };
  }
  if (expensiveKdf(bytes)) return { ok: false, error: new EncryptedFileError('corrupt', 'not opened: KDF too costly for a test') };
  try {
    const reader = await openEncryptedFile(toBlob(bytes), PASSPHRASE, 'backup');
    const records: FileRecord[] = [];
    for await (const record of reader.records()) records.push(record);
    return { ok: true, records };
  } catch (error) {
    return { ok: false, error };
  }
}

function expectOnlyFileErrors(outcome: Outcome): void {
  if (!outcome.ok && !(outcome.error instanceof EncryptedFileError)) {
    throw new Error(`a non-EncryptedFileError escaped: ${String(outcome.error)}`, { cause: outcome.error });
  }
}

describe('hostile input never escapes as anything but EncryptedFileError', () => {
  it('the original reads back, so the properties below start from a valid file', async () => {
    const outcome = await readEverything(original);
    expect(outcome.ok && outcome.records.map((r) => r.meta)).toEqual(RECORDS.map((r) => r.meta));
  });

  it('random bytes are refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        const outcome = await readEverything(new Uint8Array(bytes));
        expectOnlyFileErrors(outcome);
        expect(outcome.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('random bytes after a valid signature are refused', async () => {
    const signature = original.subarray(0, 16);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (tail) => {
        const outcome = await readEverything(joinParts([signature, tail]));
        expectOnlyFileErrors(outcome);
        expect(outcome.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('any mutation (flip, cut, splice, insert, overwrite) of a valid file that changes its bytes is refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutationArb(original.length, splitFile(original).header.length), { minLength: 1, maxLength: 3 }),
        async (mutations) => {
          const mutated = mutations.reduce(mutate, original);
          fc.pre(!sameBytes(mutated, original));
          const outcome = await readEverything(mutated);
          expectOnlyFileErrors(outcome);
          // Stronger than "no different records": every byte is authenticated, so any change fails.
          expect(outcome.ok).toBe(false);
        },
      ),
      { numRuns: 120 },
    );
  });
});
