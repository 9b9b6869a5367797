// The reader's budgets (budget.ts, kdfBudget.ts): a file that asks for too much key-derivation
// work, or is bigger, or holds more records, files or metadata than Daybook reads, is refused
// with its own code before what the cap bounds is allocated.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KDF_COST, KDF_LIMITS } from '../../../../src/core/crypto/kdf';
import { withinFileKdfBudget } from '../../../../src/core/crypto/kdfBudget';
import { fileErrorCode } from '../../../../src/core/export/fileErrorCode';
import {
  EncryptedFileError,
  inspectEncryptedFile,
  openEncryptedFile,
  READ_BUDGETS,
  type FileRecord,
  type ReadBudget,
} from '../../../../src/core/export/encryptedFile';
import { MAX_JSON_DEPTH } from '../../../../src/core/export/jsonBudget';
import { blobBytes, encodeHeader, expectFileError, PASSPHRASE, splitFile, toBlob, withHeader, writeFile } from './helpers';

const LARGE: ReadBudget = { maxFileBytes: 1e9, maxRecords: 1e6, maxFileRecords: 1e6, maxMetaBytes: 1e9 };

async function readWithin(file: Blob, budget: Partial<ReadBudget>): Promise<FileRecord[]> {
  const reader = await openEncryptedFile(file, PASSPHRASE, 'backup', { budget: { ...LARGE, ...budget } });
  const records: FileRecord[] = [];
  for await (const record of reader.records()) records.push(record);
  return records;
}

let small: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  small = await blobBytes(
    await writeFile([{ meta: { t: 'info' } }, { meta: { t: 'file' } }, { meta: { t: 'chunk' }, bytes: new Uint8Array(10) }]),
  );
});

function withKdf(change: Record<string, unknown>): Uint8Array<ArrayBuffer> {
  return withHeader(small, (header) => ({ ...header, kdf: { ...(header.kdf as object), ...change } }));
}

describe('KDF cost in a file header', () => {
  it('refuses 1 GiB x 20 passes before the passphrase is tried (the issue case)', async () => {
    const costly = toBlob(withKdf({ memoryKiB: 1024 * 1024, iterations: 20 }));
    // If these parameters reached Argon2id this test would take minutes or run out of memory.
    await expectFileError(() => inspectEncryptedFile(costly), 'kdf-too-costly');
    await expectFileError(() => openEncryptedFile(costly, PASSPHRASE, 'backup'), 'kdf-too-costly');
    await expectFileError(() => openEncryptedFile(costly, '', 'backup'), 'kdf-too-costly');
    await expectFileError(() => openEncryptedFile(costly, 'wrong', 'backup'), 'kdf-too-costly');
    const error = await expectFileError(() => inspectEncryptedFile(costly), 'kdf-too-costly');
    expect(fileErrorCode(error)).toBe('kdf-too-costly');
  });

  it('still reads a file at the default cost', async () => {
    const header = splitFile(small).headerJson as { kdf: Record<string, unknown> };
    expect(withinFileKdfBudget(header.kdf as never)).toBe(true);
    expect(DEFAULT_KDF_COST.memoryKiB).toBeGreaterThan(header.kdf.memoryKiB as number);
    expect(await readWithin(toBlob(small), {})).toHaveLength(3);
  });

  it('refuses every in-range cost over the budget, and nothing else, without deriving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: KDF_LIMITS.minMemoryKiB, max: KDF_LIMITS.maxMemoryKiB }),
        fc.integer({ min: KDF_LIMITS.minIterations, max: KDF_LIMITS.maxIterations }),
        fc.integer({ min: KDF_LIMITS.minParallelism, max: KDF_LIMITS.maxParallelism }),
        async (memoryKiB, iterations, parallelism) => {
          const cost = { memoryKiB, iterations, parallelism };
          const file = toBlob(withKdf(cost));
          if (withinFileKdfBudget(cost)) expect(await inspectEncryptedFile(file)).toEqual({ kind: 'backup', version: 1 });
          else await expectFileError(() => inspectEncryptedFile(file), 'kdf-too-costly');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('record budgets', () => {
  it('reads a file exactly at every cap', async () => {
    const metaBytes = ['{"t":"info"}', '{"t":"file"}', '{"t":"chunk"}'].reduce((sum, json) => sum + json.length, 0);
    const exact = { maxFileBytes: small.length, maxRecords: 3, maxFileRecords: 1, maxMetaBytes: metaBytes };
    expect(await readWithin(toBlob(small), exact)).toHaveLength(3);
  });

  it('refuses a file over its size before deriving a key (even with a wrong passphrase)', async () => {
    const budget = { ...LARGE, maxFileBytes: small.length - 1 };
    await expectFileError(() => openEncryptedFile(toBlob(small), 'wrong', 'backup', { budget }), 'too-large');
  });

  it('refuses the first record over the count, the file records or the metadata', async () => {
    await expectFileError(() => readWithin(toBlob(small), { maxRecords: 2 }), 'too-large');
    await expectFileError(() => readWithin(toBlob(small), { maxFileRecords: 0 }), 'too-large');
    await expectFileError(() => readWithin(toBlob(small), { maxMetaBytes: 20 }), 'too-large');
  });

  it('counts afresh on each read (a restore reads the file twice)', async () => {
    const reader = await openEncryptedFile(toBlob(small), PASSPHRASE, 'backup', { budget: { ...LARGE, maxRecords: 3 } });
    for (let pass = 0; pass < 2; pass++) {
      const read: FileRecord[] = [];
      for await (const record of reader.records()) read.push(record);
      expect(read).toHaveLength(3);
    }
  });

  it('uses generous default budgets: multi-GB backups, thousands of files', () => {
    expect(READ_BUDGETS.backup.maxFileBytes).toBeGreaterThanOrEqual(32 * 1024 ** 3);
    expect(READ_BUDGETS.backup.maxFileRecords).toBeGreaterThanOrEqual(50_000);
    expect(READ_BUDGETS['evidence-package'].maxFileRecords).toBeGreaterThanOrEqual(5_000);
    expect(READ_BUDGETS['evidence-package'].maxFileRecords).toBeLessThan(30_000);
  });

  it('refuses exactly the files over a random budget, with too-large', async () => {
    const records: FileRecord[] = Array.from({ length: 12 }, (_, i) => ({
      meta: { t: i % 3 === 0 ? 'file' : 'chunk', pad: 'x'.repeat(i * 7) },
      ...(i % 3 === 0 ? {} : { bytes: new Uint8Array(i * 11) }),
    }));
    const file = toBlob(await blobBytes(await writeFile(records)));
    const metaTotal = records.reduce((sum, r) => sum + JSON.stringify(r.meta).length, 0);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: metaTotal + 10 }),
        fc.integer({ min: 0, max: file.size + 10 }),
        async (maxRecords, maxFileRecords, maxMetaBytes, maxFileBytes) => {
          const fits = maxRecords >= 12 && maxFileRecords >= 4 && maxMetaBytes >= metaTotal && maxFileBytes >= file.size;
          if (fits) expect(await readWithin(file, { maxRecords, maxFileRecords, maxMetaBytes, maxFileBytes })).toHaveLength(12);
          else await expectFileError(() => readWithin(file, { maxRecords, maxFileRecords, maxMetaBytes, maxFileBytes }), 'too-large');
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** `depth` levels of arrays inside a meta object (which is itself one level). */
function nested(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('JSON nesting and size', () => {
  it('reads metadata nested up to the limit and refuses one level more as corrupt', async () => {
    const ok = toBlob(await blobBytes(await writeFile([{ meta: { deep: nested(MAX_JSON_DEPTH - 1) } }])));
    expect(await readWithin(ok, {})).toHaveLength(1);
    const deep = toBlob(await blobBytes(await writeFile([{ meta: { deep: nested(MAX_JSON_DEPTH) } }])));
    await expectFileError(() => readWithin(deep, {}), 'corrupt');
  });

  it('refuses any deeply nested record metadata with a file error, never a stack overflow', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: MAX_JSON_DEPTH, max: 3000 }), fc.boolean(), async (depth, objects) => {
        let deep: unknown = 0;
        for (let i = 0; i < depth; i++) deep = objects ? { a: deep } : [deep];
        const file = toBlob(await blobBytes(await writeFile([{ meta: { t: 'file' } }, { meta: { t: 'x', deep } }])));
        await expectFileError(() => readWithin(file, {}), 'corrupt');
      }),
      { numRuns: 20 },
    );
  });

  it('refuses a header nested deeper than the limit as corrupt', async () => {
    const { frames } = splitFile(small);
    const header = encodeHeader(`{"format":"daybook-encrypted-file","version":1,"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    const bytes = new Uint8Array([...header, ...frames.flatMap((f) => [...f])]);
    const error = await expectFileError(() => inspectEncryptedFile(toBlob(bytes)), 'corrupt');
    expect(error).toBeInstanceOf(EncryptedFileError);
  });
});
