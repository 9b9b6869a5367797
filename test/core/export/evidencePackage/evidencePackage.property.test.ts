// Whatever bytes are opened as an evidence package, only PackageError escapes, and only the
// package exactly as written opens.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExportDocument } from '../../../../src/core/export/buildExportDocument';
import { createEvidencePackage, openEvidencePackage, PackageError } from '../../../../src/core/export/evidencePackage';
import { EMPTY_SELECTION, selectEntries } from '../../../../src/core/export/selection';
import { FAST_COST } from '../../crypto/helpers';
import { joinParts, splitFile } from '../encryptedFile/helpers';
import { mutate, mutationArb } from '../../../support/fileMutations';
import { bytesOf, dumpDatabase, expectUnchanged, incident, newDevice, pattern, type Device } from '../../backup/backupFixture';

const PASSPHRASE = 'pakiet';

let device: Device;
let original: Uint8Array<ArrayBuffer>;
let headerLength: number;
let before: Record<string, unknown[]>;

beforeAll(async () => {
  device = await newDevice();
  const ref = await device.attachments.save(new Blob([pattern(1300, 4)], { type: 'image/png' }), 'zrzut.png');
  const id = await device.diary.add(incident('Wiadomość o trzeciej w nocy', { attachments: [ref], where: 'Dom' }));
  await device.diary.edit(id, incident('Wiadomość o trzeciej w nocy, poprawiona', { attachments: [ref], where: 'Dom' }));
  await device.diary.add(incident('Un arall'));
  const selection = { ...EMPTY_SELECTION, omitFields: ['where' as const], includeChecklists: true };
  const snapshot = device.diary.snapshot();
  const document = await buildExportDocument(
    {
      links: snapshot.links,
      entries: selectEntries(snapshot.entries, selection),
      history: (e) => device.diary.history(e),
      checklists: [],
      fingerprints: [],
    },
    selection,
  );
  original = await bytesOf(
    (await createEvidencePackage(document, device.attachments, PASSPHRASE, { kdfCost: FAST_COST, includeOriginals: true })).file,
  );
  headerLength = splitFile(original).header.length;
  before = await dumpDatabase(device.db);
});

describe('openEvidencePackage on hostile bytes', () => {
  it('the package as written opens (so the property below can tell)', async () => {
    const opened = await openEvidencePackage(new Blob([original]), PASSPHRASE);
    expect(opened.verification.chain.ok).toBe(true);
    expect(opened.files.size).toBe(1);
  });

  it('a mutated package fails with PackageError only, and nothing is written', async () => {
    const mutation = mutationArb(original.length, headerLength);
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const bytes = mutate(original, m);
        const same = Buffer.compare(bytes, original) === 0;
        try {
          await openEvidencePackage(new Blob([bytes]), PASSPHRASE);
        } catch (error) {
          expect(error).toBeInstanceOf(PackageError);
          expect(same).toBe(false);
          return;
        } finally {
          await expectUnchanged(device.db, before);
        }
        expect(same).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('random bytes, alone or after a real header, fail with PackageError only', async () => {
    const header = splitFile(original).header;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(new Uint8Array(0), header), fc.uint8Array({ maxLength: 400 }), async (prefix, tail) => {
        const error = await openEvidencePackage(new Blob([joinParts([prefix, tail])]), PASSPHRASE).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(PackageError);
      }),
      { numRuns: 30 },
    );
  });
});
