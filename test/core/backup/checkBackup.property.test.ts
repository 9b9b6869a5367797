// Whatever bytes are offered as a backup, checking it either fails with a RestoreError or (only
// for the untouched file) succeeds; nothing is written to the diary on this device either way.
// And whatever records an authentic file (one with the passphrase) carries, the seal record
// included, only RestoreError escapes, and a restore never deletes or changes anything in a
// diary that did not make the file.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBackup, type CheckedBackup } from '../../../src/core/backup/checkBackup';
import { planRestore, restoreBackup } from '../../../src/core/backup/restoreBackup';
import { RestoreError } from '../../../src/core/backup/restoreErrors';
import { EncryptedFileWriter, openEncryptedFile, type FileRecord } from '../../../src/core/export/encryptedFile';
import { FAST_COST } from '../crypto/helpers';
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
let originalRecords: FileRecord[];
let source: Device;
let headerLength: number;
let target: Device;
let before: Record<string, unknown[]>;

beforeAll(async () => {
  source = await newDevice();
  const ref = await source.attachments.save(new Blob([pattern(1500, 9)], { type: 'audio/mp4' }), 'nagranie.m4a');
  const id = await source.diary.add(incident('Dzwonił dwa razy w nocy', { attachments: [ref] }));
  await source.diary.add(incident('Ail ddigwyddiad'));
  await source.diary.remove(id);
  await source.diary.add(incident('Trzeci', { attachments: [ref] }));
  await source.checklists.saveAnswers({ behaviours: ['following'], occasions: null, duration: null, fixation: [], effects: [], risks: [] });
  original = await bytesOf((await backupOf(source)).file);
  headerLength = splitFile(original).header.length;
  const reader = await openEncryptedFile(new Blob([original]), PASSPHRASE, 'backup');
  originalRecords = [];
  for await (const record of reader.records()) originalRecords.push(record);

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

/** One change to the records of an authentic file: what a holder of its passphrase could write. */
type RecordEdit =
  | { op: 'drop'; at: number }
  | { op: 'duplicate'; at: number; to: number }
  | { op: 'move'; at: number; to: number }
  | { op: 'seal-field'; key: 'v' | 'size' | 'head' | 'mac'; value: unknown }
  | { op: 'seal-value'; value: unknown }
  | { op: 'move-seal'; to: number }
  | { op: 'info-version'; v: unknown };

const index = fc.nat({ max: 40 });
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
/** Structural edits mostly refuse the file; seal edits that keep its shape get past the check and test the restore. */
const recordEditArb: fc.Arbitrary<RecordEdit> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('drop' as const), at: index }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: index, to: index }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('move' as const), at: index, to: index }), weight: 1 },
  {
    arbitrary: fc.oneof(
      fc.record({ op: fc.constant('seal-field' as const), key: fc.constantFrom('head' as const, 'mac' as const), value: hex64 }),
      fc.record({ op: fc.constant('seal-field' as const), key: fc.constant('size' as const), value: fc.nat({ max: 20 }) }),
      fc.record({
        op: fc.constant('seal-field' as const),
        key: fc.constantFrom('v' as const, 'size' as const, 'head' as const, 'mac' as const),
        value: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.constantFrom(null, '', '0'.repeat(64)), fc.jsonValue()),
      }),
    ),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('seal-value' as const),
      value: fc.oneof(fc.record({ v: fc.constant(2), size: fc.nat({ max: 20 }), head: hex64, mac: hex64 }), fc.jsonValue()),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ op: fc.constant('move-seal' as const), to: index }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('info-version' as const), v: fc.constantFrom(1, 2, 3, 0, '2', null) }), weight: 1 },
);

const metaOf = (record: FileRecord | undefined) => (record?.meta ?? {}) as Record<string, unknown>;

function edited(records: readonly FileRecord[], edits: readonly RecordEdit[]): FileRecord[] {
  let all = structuredClone([...records]);
  for (const e of edits) {
    const at = (n: number) => n % Math.max(all.length, 1);
    const sealAt = all.findIndex((r) => metaOf(r).t === 'seal');
    switch (e.op) {
      case 'drop':
        all.splice(at(e.at), 1);
        break;
      case 'duplicate':
        all.splice(at(e.to), 0, structuredClone(all[at(e.at)] as FileRecord));
        break;
      case 'move': {
        const [moved] = all.splice(at(e.at), 1);
        if (moved) all.splice(at(e.to), 0, moved);
        break;
      }
      case 'seal-field':
        if (sealAt >= 0) all[sealAt] = { meta: { t: 'seal', seal: { ...(metaOf(all[sealAt]).seal as object), [e.key]: e.value } } };
        break;
      case 'seal-value':
        if (sealAt >= 0) all[sealAt] = { meta: { t: 'seal', seal: e.value } };
        break;
      case 'move-seal':
        if (sealAt >= 0) {
          const [seal] = all.splice(sealAt, 1);
          if (seal) all.splice(at(e.to), 0, seal);
        }
        break;
      case 'info-version':
        all = all.map((r) => (metaOf(r).t === 'info' ? { meta: { ...metaOf(r), v: e.v } } : r));
        break;
    }
  }
  return all;
}

async function fileOf(records: readonly FileRecord[]): Promise<Blob> {
  const writer = await EncryptedFileWriter.create({ kind: 'backup', passphrase: PASSPHRASE, kdfCost: FAST_COST });
  for (const record of records) await writer.add(record);
  return writer.finish();
}

describe('checkBackup and restore on authentic files with hostile records (content version 2)', () => {
  it('dropped, duplicated, moved or altered records, the seal record included: only RestoreError, and nothing here deleted or changed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordEditArb, { minLength: 1, maxLength: 3 }), async (edits) => {
        let checked: CheckedBackup;
        try {
          checked = await checkBackup(await fileOf(edited(originalRecords, edits)), PASSPHRASE);
        } catch (error) {
          if (!(error instanceof RestoreError)) throw error;
          await expectUnchanged(target.db, before);
          return;
        }
        // Into the diary that made it: never further along than itself, so nothing to delete or change.
        const own = await planRestore(checked, source).catch((error: unknown) => {
          if (!(error instanceof RestoreError)) throw error;
          return null;
        });
        expect(own?.changes ?? []).toEqual([]);
        // Into a diary of its own: only added to, whatever the file's seal says.
        const stranger = await newDevice('2026-05-01T09:00:00.000Z');
        await stranger.diary.add(incident('Mój wpis'));
        const rows = (await dumpDatabase(stranger.db)).revisions ?? [];
        try {
          const result = await restoreBackup(checked, stranger);
          expect(result.plan).toMatchObject({ relation: 'merged', sealedByThisDiary: false, changes: [] });
        } catch (error) {
          if (!(error instanceof RestoreError)) throw error;
        }
        expect(((await dumpDatabase(stranger.db)).revisions ?? []).slice(0, rows.length)).toEqual(rows);
        expect((await (await reopened(stranger)).verify()).ok).toBe(true);
      }),
      { numRuns: 60 },
    );
    // Sixty runs, each with a new vault (Argon2id) for some: about 6 s alone, far more on a busy machine.
  }, 60_000);
});
