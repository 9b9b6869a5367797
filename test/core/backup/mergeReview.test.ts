// Merge cases found in review: each once broke the chain, left a file damaged, or let an older
// version replace a newer one.
import { asIncident } from '../../support/incidentFactories';
import { describe, expect, it } from 'vitest';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { planRestore, restoreBackup } from '../../../src/core/backup/restoreBackup';
import { RestoreNotConfirmedError } from '../../../src/core/backup/restoreErrors';
import { expectSameBytes } from '../crypto/helpers';
import {
  backupOf,
  bytesOf,
  dumpDatabase,
  earlierCopy,
  expectUnchanged,
  incident,
  newDevice,
  PASSPHRASE,
  pattern,
  rejectionOf,
  reopened,
  type Device,
} from './backupFixture';

const checked = async (device: Device) => checkBackup((await backupOf(device)).file, PASSPHRASE);

/**
 * Merges `from`'s backup into `into`, which gives a version to incident `id` shown there: the plan
 * lists it (as shown there now, 'changed'), a restore without the passphrase confirmed is refused
 * with nothing written, and then it is restored confirmed.
 */
async function mergeConfirmed(from: Device, into: Device, id: string): Promise<void> {
  const backup = await checked(from);
  const plan = await planRestore(backup, into);
  expect(plan.relation).toBe('merged');
  const shown = into.diary.snapshot().entries.find((e) => e.id === id)?.incident.whatHappened;
  expect(plan.changes).toEqual([{ entryId: id, title: shown, happened: incident('').when, kind: 'changed' }]);
  const before = await dumpDatabase(into.db);
  expect(await rejectionOf(restoreBackup(backup, into))).toBeInstanceOf(RestoreNotConfirmedError);
  await expectUnchanged(into.db, before);
  await restoreBackup(backup, into, { confirmed: plan.changes });
}

describe('merging diaries that went their own ways', () => {
  it('never adds to an entry deleted here, however often it is deleted and restored: the chain keeps verifying', async () => {
    const a = await newDevice('2026-01-01T09:00:00.000Z');
    const id = await a.diary.add(incident('First version'));
    const b = await newDevice('2026-01-02T09:00:00.000Z');
    await restoreBackup(await checked(a), b);
    await b.diary.add(incident('Only on B'));
    await b.diary.remove(id);

    await a.diary.edit(id, incident('Second version'));
    await restoreBackup(await checked(a), b);
    const comeBack = b.diary.snapshot().entries.find((e) => e.incident.whatHappened === 'Second version');
    expect(comeBack?.id).toMatch(/^[0-9a-f]{32}$/);
    await b.diary.remove(comeBack?.id ?? '');

    await a.diary.edit(id, incident('Third version'));
    await restoreBackup(await checked(a), b);
    const reloaded = await reopened(b);
    expect(await reloaded.verify()).toMatchObject({ ok: true });
    expect(
      reloaded
        .snapshot()
        .entries.map((e) => e.incident.whatHappened)
        .sort(),
    ).toEqual(['Only on B', 'Third version']);
    // And the diary can still be backed up and restored elsewhere.
    const c = await newDevice('2026-03-01T09:00:00.000Z');
    await restoreBackup(await checked(b), c);
    expect(await (await reopened(c)).verify()).toMatchObject({ ok: true });
  });

  it('keeps the newer version shown when the backup brings an older edit of the same incident', async () => {
    const a = await newDevice('2026-01-01T09:00:00.000Z');
    const id = await a.diary.add(incident('Original'));
    const b = await newDevice('2026-01-02T09:00:00.000Z');
    await restoreBackup(await checked(a), b);
    await b.diary.add(incident('B goes its own way'));
    // A edits first (older), B edits later (newer); A's backup is restored into B afterwards.
    await a.diary.edit(id, incident('Older edit on A'));
    await b.diary.edit(id, incident('Newer edit on B'));
    // Even an older version is listed: the backup's claimed time decides which is shown.
    await mergeConfirmed(a, b, id);
    const reloaded = await reopened(b);
    expect(await reloaded.verify()).toMatchObject({ ok: true });
    expect(reloaded.snapshot().entries.find((e) => e.id === id)?.incident.whatHappened).toBe('Newer edit on B');
    const texts = reloaded.history(id).map((r) => asIncident(r.content?.body)?.whatHappened);
    expect(texts).toContain('Older edit on A');
    // Restoring again adds nothing, and changes nothing.
    const again = await planRestore(await checked(a), b);
    expect(again.imported).toEqual([]);
    expect(again.changes).toEqual([]);
  });

  it('shows the newest version written anywhere, when versions arrive out of order through a third device', async () => {
    // B and C start from A; C edits at t3, B at t4, A at t5 (each device's clock is later).
    const a = await newDevice('2026-01-01T09:00:00.000Z');
    const id = await a.diary.add(incident('Original'));
    const b = await newDevice('2026-01-02T09:00:00.000Z');
    const c = await newDevice('2026-01-01T12:00:00.000Z');
    await restoreBackup(await checked(a), b);
    await restoreBackup(await checked(a), c);
    await c.diary.edit(id, incident('C at t3'));
    await b.diary.edit(id, incident('B at t4'));
    const a2 = await newDevice('2026-01-03T09:00:00.000Z');
    await restoreBackup(await checked(a), a2);
    await a2.diary.edit(id, incident('A at t5'));
    // A takes C's backup, then A's backup goes to B.
    await mergeConfirmed(c, a2, id);
    expect((await reopened(a2)).snapshot().entries.find((e) => e.id === id)?.incident.whatHappened).toBe('A at t5');
    await mergeConfirmed(a2, b, id);
    const reloaded = await reopened(b);
    expect(await reloaded.verify()).toMatchObject({ ok: true });
    expect(reloaded.snapshot().entries.find((e) => e.id === id)?.incident.whatHappened).toBe('A at t5');
    expect(reloaded.history(id).map((r) => asIncident(r.content?.body)?.whatHappened)).toEqual(
      expect.arrayContaining(['B at t4', 'C at t3', 'A at t5']),
    );
    // Nothing more on a second restore, either way round.
    expect((await planRestore(await checked(a2), b)).imported).toEqual([]);
    await mergeConfirmed(b, a2, id);
    expect((await planRestore(await checked(b), a2)).imported).toEqual([]);
    expect((await reopened(a2)).snapshot().entries.find((e) => e.id === id)?.incident.whatHappened).toBe('A at t5');
  });

  it('a version linked again keeps when it was first written, so it does not look like an edit made at restore time', async () => {
    const a = await newDevice('2026-01-01T09:00:00.000Z');
    const id = await a.diary.add(incident('Original'));
    const b = await newDevice('2026-01-02T09:00:00.000Z');
    await restoreBackup(await checked(a), b);
    await b.diary.add(incident('B goes its own way'));
    await a.diary.edit(id, incident('Older edit on A'));
    await b.diary.edit(id, incident('Newer edit on B'));
    const original = b.diary.history(id).at(-1);
    await mergeConfirmed(a, b, id);
    const last = (await reopened(b)).history(id).at(-1);
    expect(asIncident(last?.content?.body)?.whatHappened).toBe('Newer edit on B');
    expect(last?.content?.origin).toEqual({
      recordedAt: original?.link.recordedAt,
      contentHash: original?.link.contentHash,
      linkHash: original?.link.hash,
    });
  });

  it('a later edit from the backup becomes the version shown', async () => {
    const a = await newDevice('2026-01-01T09:00:00.000Z');
    const id = await a.diary.add(incident('Original'));
    // B's clock is behind A's, so its edit is the older one.
    const b = await newDevice('2025-12-01T09:00:00.000Z');
    await restoreBackup(await checked(a), b);
    await b.diary.edit(id, incident('Earlier edit on B'));
    for (let i = 0; i < 5; i++) await a.diary.add(incident(`Filler ${i}`));
    await a.diary.edit(id, incident('Later edit on A'));
    await mergeConfirmed(a, b, id);
    expect((await reopened(b)).snapshot().entries.find((e) => e.id === id)?.incident.whatHappened).toBe('Later edit on A');
  });
});

describe('the same diary further along', () => {
  // Behaviour changed with the seal (issue 12): "the same diary" is now a copy under the same
  // vault (earlierCopy), not a new device restored from a backup.
  it('says before restoring how many incidents here the backup records as deleted, and which', async () => {
    const a = await newDevice();
    const keep = await a.diary.add(incident('Keep'));
    const gone = await a.diary.add(incident('Gone later'));
    const b = await earlierCopy(a);
    await a.diary.remove(gone);
    const plan = await planRestore(await checked(a), b);
    expect(plan.relation).toBe('behind');
    expect(plan.deletedIncidents).toBe(1);
    expect(plan.changes).toEqual([{ entryId: gone, title: 'Gone later', happened: incident('').when, kind: 'deleted' }]);
    await restoreBackup(await checked(a), b, { confirmed: plan.changes });
    expect((await reopened(b)).snapshot().entries.map((e) => e.id)).toEqual([keep]);
  });

  it('a new device restored from a backup is a diary of its own: a later deletion there is not carried here', async () => {
    const a = await newDevice();
    const keep = await a.diary.add(incident('Keep'));
    const gone = await a.diary.add(incident('Gone later'));
    const b = await newDevice();
    await restoreBackup(await checked(a), b);
    await a.diary.remove(gone);
    const plan = await planRestore(await checked(a), b);
    expect(plan.relation).toBe('merged');
    expect(plan.deletedIncidents).toBe(0);
    expect(plan.changes).toEqual([]);
    await restoreBackup(await checked(a), b);
    expect(
      (await reopened(b))
        .snapshot()
        .entries.map((e) => e.id)
        .sort(),
    ).toEqual([keep, gone].sort());
  });
});

describe('a file left half-written by an interrupted restore', () => {
  it('is restored again in full on the next restore', async () => {
    const a = await newDevice();
    const ref = await a.attachments.save(new Blob([pattern(3000, 7)], { type: 'application/octet-stream' }), 'voice-note.m4a');
    await a.diary.add(incident('With a file', { attachments: [ref] }));
    const backup = await checked(a);
    const b = await newDevice();
    await restoreBackup(backup, b);
    // As if the tab was closed mid-write: only the first chunk remains.
    const rows = await b.db.chunks.toArray();
    expect(rows.length).toBeGreaterThan(1);
    await b.db.chunks.bulkDelete(rows.slice(1).map((r) => r.id));
    await expect(b.attachments.open(ref)).rejects.toThrow();

    const plan = await planRestore(backup, b);
    expect(plan.files.map((f) => f.id)).toEqual([ref.id]);
    await restoreBackup(backup, b);
    expectSameBytes(await bytesOf(await b.attachments.open(ref)), pattern(3000, 7));
  });
});
