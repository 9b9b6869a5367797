// The backup reader's inbox records (content version 3), whatever an authentic file (one with
// the passphrase) carries in them: reading a record never throws and keeps only a meta the inbox
// itself would accept; and however an item's chunks are cut, joined, reordered, dropped or
// changed, checking the file either gives back exactly the item as sealed (bytes unchanged) or
// refuses it with RestoreError, nothing else.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readInboxMeta } from '../../../src/core/backup/backupInbox';
import { readBackupRecord } from '../../../src/core/backup/backupRecords';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { createBackup } from '../../../src/core/backup/createBackup';
import { RestoreError } from '../../../src/core/backup/restoreErrors';
import { EncryptedFileWriter, openEncryptedFile, type FileRecord } from '../../../src/core/export/encryptedFile';
import { MAX_INBOX_ITEM_BYTES } from '../../../src/core/inbox/inboxRows';
import type { InboxItemMeta } from '../../../src/core/inbox/seal';
import { FAST_COST } from '../crypto/helpers';
import { incident, newDevice, PASSPHRASE, pattern } from './backupFixture';

const VIA = ['share', 'quick-note', 'recording', 'camera'] as const;
const isoArb = fc
  .date({ min: new Date('2000-01-01T00:00:00.000Z'), max: new Date('2099-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const shaArb = fc.stringMatching(/^[0-9a-f]{64}$/);
const metaArb: fc.Arbitrary<InboxItemMeta> = fc.record({
  v: fc.constant(1 as const),
  via: fc.constantFrom(...VIA.filter((v) => v === 'share' || v === 'quick-note')),
  receivedAt: isoArb,
  name: fc.string({ maxLength: 40 }),
  type: fc.string({ maxLength: 20 }),
  size: fc.integer({ min: 0, max: MAX_INBOX_ITEM_BYTES }),
  sha256: shaArb,
});

/** Something near a meta: a valid one with a field changed, dropped or added, or anything at all. */
const nearMetaArb: fc.Arbitrary<unknown> = fc.oneof(
  metaArb,
  fc
    .tuple(metaArb, fc.constantFrom('v', 'via', 'receivedAt', 'name', 'type', 'size', 'sha256', 'state', 'extra'), fc.anything())
    .map(([meta, key, value]) => ({ ...meta, [key]: value })),
  fc
    .tuple(metaArb, fc.constantFrom('v', 'via', 'receivedAt', 'name', 'type', 'size', 'sha256'))
    .map(([meta, key]) => Object.fromEntries(Object.entries(meta).filter(([field]) => field !== key))),
  fc.anything(),
);

describe('inbox records as read from a backup', () => {
  it('never throw, and keep only a meta the inbox accepts', () => {
    fc.assert(
      fc.property(nearMetaArb, (value) => {
        const record = readBackupRecord({ t: 'inbox', meta: value });
        if (record === null) return;
        expect(record.t).toBe('inbox');
        if (record.t !== 'inbox') return;
        const { meta } = record;
        expect(VIA).toContain(meta.via);
        expect(meta.v).toBe(1);
        expect(Number.isSafeInteger(meta.size) && meta.size >= 0 && meta.size <= MAX_INBOX_ITEM_BYTES).toBe(true);
        expect(meta.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(Number.isNaN(Date.parse(meta.receivedAt))).toBe(false);
        // Nothing but the meta's own fields travels on.
        for (const key of Object.keys(meta))
          expect(['v', 'via', 'receivedAt', 'name', 'type', 'size', 'sha256', 'state', 'durationMs', 'endedAt']).toContain(key);
      }),
    );
  });

  it('give back a valid meta exactly', () => {
    fc.assert(
      fc.property(metaArb, (meta) => {
        expect(readInboxMeta(meta)).toEqual(meta);
      }),
    );
  });

  it('chunks: never throw; an index is a whole number within one item, last a boolean', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (index, last) => {
        const record = readBackupRecord({ t: 'inbox-chunk', index, last });
        if (record === null) return;
        expect(record).toEqual({ t: 'inbox-chunk', index, last });
        expect(Number.isSafeInteger(index) && (index as number) >= 0).toBe(true);
      }),
    );
  });
});

describe('an item whose chunks were changed in an authentic backup', () => {
  let records: FileRecord[];
  let sealed: InboxItemMeta;
  const BYTES = pattern(2_300_000, 5); // three chunks of 1 MiB

  beforeAll(async () => {
    const device = await newDevice();
    await device.diary.add(incident('Jeden wpis'));
    sealed = {
      v: 1,
      via: 'share',
      receivedAt: '2026-01-05T07:00:00.000Z',
      name: 'shot.png',
      type: 'image/png',
      size: BYTES.length,
      sha256: Buffer.from(await crypto.subtle.digest('SHA-256', BYTES)).toString('hex'),
    };
    // An inbox of one item, read as the inbox would give it.
    const inbox = {
      list: async () => [{ id: 'x', status: 'ok' as const, meta: sealed }],
      count: async () => 1,
      read: async () => ({ meta: sealed, bytes: new Blob([BYTES]) }),
    };
    const made = await createBackup({ ...device, inbox }, PASSPHRASE, { kdfCost: FAST_COST });
    const reader = await openEncryptedFile(made.file, PASSPHRASE, 'backup');
    records = [];
    for await (const record of reader.records()) records.push(record);
  }, 60_000);

  type Edit = (chunks: FileRecord[]) => FileRecord[];
  const editArb: fc.Arbitrary<Edit> = fc.oneof(
    fc.nat().map(
      (i): Edit =>
        (chunks) =>
          chunks.filter((_, j) => j !== i % chunks.length),
    ),
    fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Edit => (chunks) => {
      const copy = [...chunks];
      const [x, y] = [a % copy.length, b % copy.length];
      [copy[x], copy[y]] = [copy[y] as FileRecord, copy[x] as FileRecord];
      return copy;
    }),
    fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 })).map(
      ([i, at, xor]): Edit =>
        (chunks) =>
          chunks.map((r, j) => {
            if (j !== i % chunks.length || !r.bytes || r.bytes.length === 0) return r;
            const bytes = new Uint8Array(r.bytes);
            bytes[at % bytes.length] = (bytes[at % bytes.length] ?? 0) ^ xor;
            return { meta: r.meta, bytes };
          }),
    ),
    fc.tuple(fc.nat(), fc.boolean()).map(
      ([i, last]): Edit =>
        (chunks) =>
          chunks.map((r, j) => (j === i % chunks.length ? { meta: { ...r.meta, last }, bytes: r.bytes } : r)),
    ),
    fc.tuple(fc.nat(), fc.nat()).map(
      ([i, cut]): Edit =>
        (chunks) =>
          chunks.flatMap((r, j) => {
            if (j !== i % chunks.length || !r.bytes) return [r];
            const at = cut % (r.bytes.length + 1);
            return [
              { meta: { ...r.meta, last: false }, bytes: r.bytes.slice(0, at) },
              { meta: r.meta, bytes: r.bytes.slice(at) },
            ];
          }),
    ),
    fc.constant<Edit>((chunks) => chunks),
  );

  it('is given back exactly as sealed, or refused with RestoreError', async () => {
    await fc.assert(
      fc.asyncProperty(editArb, async (edit) => {
        const start = records.findIndex((r) => r.meta.t === 'inbox-chunk');
        const chunks = edit(records.slice(start).map((r) => structuredClone(r)));
        // Renumbered in order, as a forger would, so only what they carry is in question.
        const numbered = chunks.map((r, index) => ({ meta: { ...r.meta, index }, ...(r.bytes ? { bytes: r.bytes } : {}) }));
        const writer = await EncryptedFileWriter.create({ kind: 'backup', passphrase: PASSPHRASE, kdfCost: FAST_COST });
        for (const record of [...records.slice(0, start), ...numbered]) await writer.add(record);
        const file = await writer.finish();
        const joined = Buffer.concat(numbered.map((r) => r.bytes ?? new Uint8Array()));
        try {
          const checked = await checkBackup(file, PASSPHRASE);
          expect(checked.inbox).toEqual([sealed]);
          expect(Buffer.compare(joined, BYTES)).toBe(0);
        } catch (error) {
          expect(error).toBeInstanceOf(RestoreError);
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
