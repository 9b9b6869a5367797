// A backup over the reader's budgets (encryptedFile/budget.ts), or with records nested past
// MAX_JSON_DEPTH, is refused with RestoreError before a restore can write anything.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { RestoreError } from '../../../src/core/backup/restoreErrors';
import { EncryptedFileWriter, openEncryptedFile, type FileRecord, type ReadBudget } from '../../../src/core/export/encryptedFile';
import { fileErrorCode } from '../../../src/core/export/fileErrorCode';
import { MAX_JSON_DEPTH } from '../../../src/core/export/jsonBudget';
import { FAST_COST } from '../crypto/helpers';
import {
  backupOf,
  dumpDatabase,
  expectUnchanged,
  newDevice,
  PASSPHRASE,
  rejectionOf,
  writeSampleDiary,
  type Device,
} from './backupFixture';

const LARGE: ReadBudget = { maxFileBytes: 1e9, maxRecords: 1e6, maxFileRecords: 1e6, maxMetaBytes: 1e9 };

let file: Blob;
let records: FileRecord[];
let target: Device;
let before: Record<string, unknown[]>;

beforeAll(async () => {
  const source = await newDevice();
  await writeSampleDiary(source);
  file = (await backupOf(source)).file;
  records = [];
  for await (const record of (await openEncryptedFile(file, PASSPHRASE, 'backup')).records()) records.push(record);
  target = await newDevice();
  before = await dumpDatabase(target.db);
});

async function fileOf(list: readonly FileRecord[]): Promise<Blob> {
  const writer = await EncryptedFileWriter.create({ kind: 'backup', passphrase: PASSPHRASE, kdfCost: FAST_COST });
  for (const record of list) await writer.add(record);
  return writer.finish();
}

describe('a backup over its budget', () => {
  it('is refused as too-large for any cap it exceeds, and checks within every cap', async () => {
    const metaBytes = records.reduce((sum, r) => sum + JSON.stringify(r.meta).length, 0);
    const fileRecords = records.filter((r) => r.meta.t === 'file').length;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          maxRecords: fc.integer({ min: 0, max: records.length + 2 }),
          maxFileRecords: fc.integer({ min: 0, max: fileRecords + 1 }),
          maxMetaBytes: fc.integer({ min: 0, max: metaBytes + 100 }),
          maxFileBytes: fc.integer({ min: 0, max: file.size + 100 }),
        }),
        async (budget) => {
          const fits =
            budget.maxRecords >= records.length &&
            budget.maxFileRecords >= fileRecords &&
            budget.maxMetaBytes >= metaBytes &&
            budget.maxFileBytes >= file.size;
          if (fits) {
            expect((await checkBackup(file, PASSPHRASE, { budget })).records.length).toBeGreaterThan(0);
            return;
          }
          const error = await rejectionOf(checkBackup(file, PASSPHRASE, { budget }));
          expect(error).toBeInstanceOf(RestoreError);
          expect((error as RestoreError).code).toBe('too-large');
          expect(fileErrorCode(error)).toBe('too-large');
          await expectUnchanged(target.db, before);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses records nested deeper than the limit anywhere, as corrupt, never a stack overflow', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: MAX_JSON_DEPTH, max: 2000 }),
        fc.integer({ min: 0, max: records.length - 1 }),
        async (depth, at) => {
          let deep: unknown = 'x';
          for (let i = 0; i < depth; i++) deep = { a: deep };
          const edited = records.map((r, i) => (i === at ? { ...r, meta: { ...r.meta, deep } } : r));
          const error = await rejectionOf(checkBackup(await fileOf(edited), PASSPHRASE, { budget: LARGE }));
          expect(error).toBeInstanceOf(RestoreError);
          expect((error as RestoreError).code).toBe('corrupt');
          await expectUnchanged(target.db, before);
        },
      ),
      { numRuns: 10 },
    );
  });

  it('refuses a file of many file records with too-large at the first one over', async () => {
    const info = { meta: { t: 'info', v: 1, createdAt: '2026-01-01T00:00:00.000Z', links: 0, checklists: 0, files: 5000 } };
    // Each file set aside and then ended as broken: well formed, so only the budget refuses it.
    const many = [
      info,
      ...Array.from({ length: 5000 }, (_, i) => [
        { meta: { t: 'file', ref: { id: `f${i}` } } },
        { meta: { t: 'broken', id: `f${i}` } },
      ]).flat(),
    ];
    expect((await checkBackup(await fileOf(many), PASSPHRASE, { budget: LARGE })).setAside).toHaveLength(5000);
    const error = await rejectionOf(checkBackup(await fileOf(many), PASSPHRASE, { budget: { ...LARGE, maxFileRecords: 100 } }));
    expect((error as RestoreError).code).toBe('too-large');
  });
});
