import { describe, it, expect, beforeAll } from 'vitest';
import { EncryptedFileError, openEncryptedFile } from '../../../../src/core/export/encryptedFile';
import type { FileRecord } from '../../../../src/core/export/encryptedFile';
import { blobBytes, caught, joinParts, PASSPHRASE, readAll, splitFile, toBlob, writeFile } from './helpers';
import type { FileParts } from './helpers';

// Small on purpose: every cut point inside the frames costs an Argon2id run.
const RECORDS: FileRecord[] = [{ meta: {} }, { meta: { n: 1 }, bytes: Uint8Array.of(9) }];

let original: Uint8Array<ArrayBuffer>;
let parts: FileParts;

beforeAll(async () => {
  original = await blobBytes(await writeFile(RECORDS));
  parts = splitFile(original);
});

/** Reading fails with an EncryptedFileError, and returns its code. */
async function failureCode(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const error = await caught(() => readAll(toBlob(bytes)));
  expect(error).toBeInstanceOf(EncryptedFileError);
  return (error as EncryptedFileError).code;
}

describe('truncation', () => {
  it('reports every cut point, in the header, at and between frame boundaries, as truncated', async () => {
    const codes = new Map<number, string>();
    for (let cut = 1; cut < original.length; cut++) codes.set(cut, await failureCode(original.slice(0, cut)));
    const unexpected = [...codes].filter(([, code]) => code !== 'truncated');
    expect(unexpected).toEqual([]);
    expect(codes.size).toBe(original.length - 1);
  });

  it('yields the records before the cut, then throws: output counts only once iteration completes', async () => {
    const cut = joinParts([parts.header, ...parts.frames.slice(0, 2)]);
    const reader = await openEncryptedFile(toBlob(cut), PASSPHRASE, 'backup');
    const seen: unknown[] = [];
    const error = await caught(async () => {
      for await (const record of reader.records()) seen.push(record.meta);
    });
    expect(seen).toEqual([{}, { n: 1 }]);
    expect((error as EncryptedFileError).code).toBe('truncated');
  });
});
