// The case: 30,000 file records in a 1.9 MB package. Every file record used to set up a
// hash (WebAssembly memory) and a Blob before anything checked the count against what memory
// allows; the reader's budget (encryptedFile/budget.ts) now refuses the package at the first
// file record over READ_BUDGETS, with its own message, and nothing is kept.

import { describe, expect, it } from 'vitest';
import { EncryptedFileWriter, READ_BUDGETS } from '../../../../src/core/export/encryptedFile';
import { openEvidencePackage, PackageError } from '../../../../src/core/export/evidencePackage';
import { PACKAGE_CONTENT_VERSION } from '../../../../src/core/export/evidencePackage/packageRecords';
import { fileErrorCode } from '../../../../src/core/export/fileErrorCode';
import { FAST_COST } from '../../crypto/helpers';

const PASSPHRASE = 'pecyn';

async function manyFiles(count: number): Promise<Blob> {
  const writer = await EncryptedFileWriter.create({ kind: 'evidence-package', passphrase: PASSPHRASE, kdfCost: FAST_COST });
  await writer.add({
    meta: { t: 'document', v: PACKAGE_CONTENT_VERSION, document: {}, links: 0, entries: 0, checklists: 0, files: count },
  });
  for (let i = 0; i < count; i++) await writer.add({ meta: { t: 'file', id: `f${i}` } });
  return writer.finish();
}

describe('a package with more file records than the budget', () => {
  it('is refused as too-large, not read on (30,000 file records in under 2 MB)', async () => {
    const file = await manyFiles(30_000);
    expect(file.size).toBeLessThan(2_000_000);
    const error = await openEvidencePackage(file, PASSPHRASE).then(
      () => expect.fail('opened'),
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).code).toBe('too-large');
    expect(fileErrorCode(error)).toBe('too-large');
  }, 60_000);

  it('is not refused for its file count at the budget itself', async () => {
    const file = await manyFiles(READ_BUDGETS['evidence-package'].maxFileRecords);
    // Past the budget's check, the empty document is what refuses it.
    await expect(openEvidencePackage(file, PASSPHRASE)).rejects.toMatchObject({ code: 'invalid-document' });
  }, 60_000);
});
