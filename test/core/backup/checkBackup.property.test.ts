// Whatever bytes are offered as a backup, checking it either fails with a RestoreError or (only
// for the untouched file) succeeds; nothing is written to the diary on this device either way.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { restoreBackup } from '../../../src/core/backup/restoreBackup';
import { RestoreError } from '../../../src/core/backup/restoreErrors';
import { joinParts, splitFile } from '../export/encryptedFile/helpers';
import { mutate, mutationArb } from '../../support/fileMutations';
import {
  backupOf,
  bytesOf,
  dumpDatabase,
  expectUnchanged,
  incident,
  newDevice,
  PASSPHRASE,
  pattern,
  reopened,
  type Device,
} from './backupFixture';

let original: Uint8Array<ArrayBuffer>;
let headerLength: number;
let target: Device;
let before: Record<string, unknown[]>;

beforeAll(async () => {
  const source = await newDevice();
  const ref = await source.attachments.save(new Blob([pattern(1500, 9)], { type: 'audio/mp4' }), 'nagranie.m4a');
  const id = await source.diary.add(incident('Dzwonił dwa razy w nocy', { attachments: [ref] }));
  await source.diary.add(incident('Ail ddigwyddiad'));
  await source.diary.remove(id);
  await source.diary.add(incident('Trzeci', { attachments: [ref] }));
  await source.checklists.saveAnswers({ behaviours: ['following'], occasions: null, duration: null, fixation: [], effects: [], risks: [] });
  original = await bytesOf((await backupOf(source)).file);
  headerLength = splitFile(original).header.length;

  target = await newDevice('2026-04-01T09:00:00.000Z');
  await target.diary.add(incident('Wpis na tym urządzeniu'));
  before = await dumpDatabase(target.db);
});

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;

/** Checks `bytes`; restores only if the check passed. Returns whether it did. */
async function offer(bytes: Uint8Array<ArrayBuffer>): Promise<boolean> {
  let checked;
  try {
    checked = await checkBackup(new Blob([bytes]), PASSPHRASE);
  } catch (error) {
    if (!(error instanceof RestoreError)) throw error;
    await expectUnchanged(target.db, before);
    return false;
  }
  // Only the file exactly as written may pass; restore it into a device of its own.
  expect(sameBytes(bytes, original)).toBe(true);
  const fresh = await newDevice();
  await restoreBackup(checked, fresh);
  expect((await (await reopened(fresh)).verify()).ok).toBe(true);
  return true;
}

describe('checkBackup on hostile bytes', () => {
  it('the file as written passes (so the properties below can tell)', async () => {
    expect(await offer(original)).toBe(true);
  });

  it('a mutated backup (flip, cut, splice, duplicate, overwrite) fails with RestoreError only, and nothing is written', async () => {
    await fc.assert(
      fc.asyncProperty(mutationArb(original.length, headerLength), async (m) => {
        const bytes = mutate(original, m);
        const passed = await offer(bytes);
        expect(passed).toBe(sameBytes(bytes, original));
      }),
      { numRuns: 60 },
    );
  });

  it('random bytes, alone or after a real header or signature, fail with RestoreError only', async () => {
    const header = splitFile(original).header;
    const prefixes = [new Uint8Array(0), header.subarray(0, 12), header];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 600 }), async (prefix, tail) => {
        expect(await offer(joinParts([prefix, tail]))).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});
