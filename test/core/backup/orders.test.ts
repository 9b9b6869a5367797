// Court orders live in the diary's evidence chain beside incidents, so a backup carries them as
// it carries every record: with their revisions and deletions, restored into an empty vault or
// merged into the same one. A backup whose records would give one entry versions of both kinds
// is refused with nothing written.

import { describe, expect, it } from 'vitest';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { planRestore, restoreBackup } from '../../../src/core/backup/restoreBackup';
import { RestoreError } from '../../../src/core/backup/restoreErrors';
import { appendLink, newRevisionContent, revisionContentHash, type ChainLink } from '../../../src/core/evidence';
import { EncryptedFileWriter, openEncryptedFile, type FileRecord } from '../../../src/core/export/encryptedFile';
import type { CourtOrder } from '../../../src/core/model/order';
import { FAST_COST } from '../crypto/helpers';
import {
  backupOf,
  dumpDatabase,
  earlierCopy,
  expectUnchanged,
  incident,
  newDevice,
  PASSPHRASE,
  rejectionOf,
  reopened,
  type Device,
} from './backupFixture';

function anOrder(fields: Partial<CourtOrder> = {}): CourtOrder {
  return {
    type: 'order',
    kind: 'spo',
    title: 'Gorchymyn Diogelu rhag Stelcian',
    court: 'Llys Ynadon Caerdydd',
    madeOn: '2025-12-01',
    attachments: [],
    conditions: [
      { id: 'cond-near', text: 'Must not come within 100 metres of 12 Station Road' },
      { id: 'cond-contact', text: 'Must not contact me by any means' },
    ],
    ...fields,
  };
}

/** An order (edited once), a second order deleted, and an incident that breaches the first. */
async function diaryWithOrders(device: Device) {
  const order = await device.diary.addOrder(anOrder());
  const removed = await device.diary.addOrder(anOrder({ kind: 'non-molestation', title: 'Gorchymyn a dynnwyd yn ôl' }));
  await device.diary.editOrder(order, anOrder({ expiresOn: '2027-12-01' }));
  const breach = await device.diary.add(
    incident('Roedd y tu allan i’r tŷ eto', { breaches: [{ orderId: order, conditionId: 'cond-near' }] }),
  );
  await device.diary.remove(removed);
  return { order, removed, breach };
}

describe('backups carry court orders', () => {
  it('restores orders into an empty vault with their revisions and deletions, and the chain verifies', async () => {
    const source = await newDevice();
    const { order, removed, breach } = await diaryWithOrders(source);
    const original = await reopened(source);
    const checked = await checkBackup((await backupOf(source)).file, PASSPHRASE);
    expect(checked.records).toEqual(original.allRecords());

    const target = await newDevice('2027-06-01T10:00:00.000Z');
    const result = await restoreBackup(checked, target);
    expect(result.plan.relation).toBe('empty');
    const restored = await reopened(target);
    expect(restored.snapshot()).toEqual(original.snapshot());
    expect(restored.snapshot().orders.map((o) => [o.id, o.revisions, o.order.expiresOn])).toEqual([[order, 2, '2027-12-01']]);
    expect(restored.history(order).map((r) => r.content?.body)).toEqual([anOrder(), anOrder({ expiresOn: '2027-12-01' })]);
    expect(restored.history(removed).map((r) => [r.link.kind, r.content])).toEqual([
      ['revision', null],
      ['tombstone', null],
    ]);
    expect(restored.snapshot().entries.find((e) => e.id === breach)?.incident.breaches).toEqual([
      { orderId: order, conditionId: 'cond-near' },
    ]);
    expect((await restored.verify()).ok).toBe(true);
    expect(restored.head()).toBe(original.head());
  });

  it('restoring the same backup into the same vault again adds nothing', async () => {
    const device = await newDevice();
    await diaryWithOrders(device);
    const checked = await checkBackup((await backupOf(device)).file, PASSPHRASE);
    const before = await dumpDatabase(device.db);
    const plan = await planRestore(checked, device);
    expect(plan.verbatim).toEqual([]);
    expect(plan.imported).toEqual([]);
    await restoreBackup(checked, device);
    await expectUnchanged(device.db, before);
    expect((await (await reopened(device)).verify()).ok).toBe(true);
  });

  it('a diary behind its backup gets the order’s new version, the order named in the confirm list', async () => {
    const original = await newDevice();
    const { order } = await diaryWithOrders(original);
    const here = await earlierCopy(original);
    await original.diary.editOrder(order, anOrder({ expiresOn: '2028-01-01' }));
    const checked = await checkBackup((await backupOf(original)).file, PASSPHRASE);
    const plan = await planRestore(checked, here);
    // Named by its title and the date it was made, as the confirm list shows an incident by its words and when.
    expect(plan.changes).toEqual([
      { entryId: order, kind: 'changed', title: 'Gorchymyn Diogelu rhag Stelcian', happened: { kind: 'exact', date: '2025-12-01' } },
    ]);
    await restoreBackup(checked, here, { confirmed: plan.changes });
    const restored = await reopened(here);
    expect(restored.snapshot().orders.find((o) => o.id === order)?.order.expiresOn).toBe('2028-01-01');
    expect((await restored.verify()).ok).toBe(true);
    expect(restored.head()).toBe(original.diary.head());
  });

  it('names an order without a title by its court, and without a date made as ongoing', async () => {
    const original = await newDevice();
    const order = await original.diary.addOrder(anOrder({ title: '', madeOn: undefined }));
    const here = await earlierCopy(original);
    await original.diary.remove(order);
    const checked = await checkBackup((await backupOf(original)).file, PASSPHRASE);
    expect((await planRestore(checked, here)).changes).toEqual([
      { entryId: order, kind: 'deleted', title: 'Llys Ynadon Caerdydd', happened: { kind: 'ongoing' } },
    ]);
  });
});

/** A backup of `device`'s diary with its revision records replaced by `rows` (a chain of its own). */
async function backupWithRecords(device: Device, rows: { link: ChainLink; content: unknown }[]): Promise<Blob> {
  const reader = await openEncryptedFile((await backupOf(device)).file, PASSPHRASE, 'backup');
  const records: FileRecord[] = [];
  for await (const record of reader.records()) records.push(record);
  const writer = await EncryptedFileWriter.create({ kind: 'backup', passphrase: PASSPHRASE, kdfCost: FAST_COST });
  for (const record of records) {
    const meta = record.meta as Record<string, unknown>;
    if (meta.t === 'rev') continue;
    if (meta.t === 'info') await writer.add({ meta: { ...meta, links: rows.length } });
    else {
      // The revisions go just before the seal, where the format puts them.
      if (meta.t === 'seal') for (const row of rows) await writer.add({ meta: { t: 'rev', link: row.link, content: row.content } });
      await writer.add(record);
    }
  }
  return writer.finish();
}

describe('a backup whose entry changes kind', () => {
  it('is refused when one entry id holds an incident’s version and then an order’s, with nothing written', async () => {
    const source = await newDevice();
    // A chain that is sound link by link: revision 1 an incident, revision 2 an order, same entry.
    const first = newRevisionContent(incident('Roedd y tu allan i’r tŷ eto'));
    const link1 = await appendLink(null, {
      entryId: 'entry-x',
      revision: 1,
      kind: 'revision',
      recordedAt: '2026-01-05T09:01:00.000Z',
      contentHash: await revisionContentHash(first),
    });
    const second = newRevisionContent(anOrder());
    const link2 = await appendLink(link1, {
      entryId: 'entry-x',
      revision: 2,
      kind: 'revision',
      recordedAt: '2026-01-05T09:02:00.000Z',
      contentHash: await revisionContentHash(second),
    });
    const file = await backupWithRecords(source, [
      { link: link1, content: first },
      { link: link2, content: second },
    ]);

    for (const target of [await newDevice('2027-06-01T10:00:00.000Z'), source]) {
      const before = await dumpDatabase(target.db);
      const error = await rejectionOf(
        (async () => {
          const checked = await checkBackup(file, PASSPHRASE);
          await restoreBackup(checked, target, { confirmed: (await planRestore(checked, target)).changes });
        })(),
      );
      // Refused while the file is checked, with the restore screen's usual message.
      expect(error).toBeInstanceOf(RestoreError);
      expect(error).toMatchObject({ code: 'corrupt' });
      await expectUnchanged(target.db, before);
      expect((await reopened(target)).allRecords()).toEqual(target.diary.allRecords());
    }
  });

  it('is refused when a backup gives an order here a version that is an incident', async () => {
    const here = await newDevice();
    const order = await here.diary.addOrder(anOrder());
    const [record] = here.diary.allRecords();
    if (!record) throw new Error('expected the order’s record');
    const content = newRevisionContent(incident('Nid gorchymyn mo hwn'));
    const link2 = await appendLink(record.link, {
      entryId: order,
      revision: 2,
      kind: 'revision',
      recordedAt: '2026-01-05T09:05:00.000Z',
      contentHash: await revisionContentHash(content),
    });
    const file = await backupWithRecords(here, [
      { link: record.link, content: record.content },
      { link: link2, content },
    ]);
    const before = await dumpDatabase(here.db);
    const error = await rejectionOf(
      (async () => {
        const checked = await checkBackup(file, PASSPHRASE);
        await restoreBackup(checked, here, { confirmed: (await planRestore(checked, here)).changes });
      })(),
    );
    // Refused while the file is checked, with the restore screen's usual message.
    expect(error).toBeInstanceOf(RestoreError);
    expect(error).toMatchObject({ code: 'corrupt' });
    await expectUnchanged(here.db, before);
  });
});

describe('merging another diary in which an id is the other kind', () => {
  it('brings the order in under an id of its own, and leaves the incident here as it was', async () => {
    const here = await newDevice();
    await here.diary.appendImported([{ entryId: 'shared-id', content: newRevisionContent(incident('Yr un rhif, digwyddiad yma')) }]);
    const there = await newDevice('2026-12-01T10:00:00.000Z');
    await there.diary.appendImported([{ entryId: 'shared-id', content: newRevisionContent(anOrder()) }]);
    const checked = await checkBackup((await backupOf(there)).file, PASSPHRASE);
    const plan = await planRestore(checked, here);
    expect(plan.relation).toBe('merged');
    // Nothing here changes, so nothing to confirm.
    expect(plan.changes).toEqual([]);
    await restoreBackup(checked, here, { confirmed: plan.changes });
    const after = await reopened(here);
    expect(after.snapshot().entries.map((e) => e.id)).toEqual(['shared-id']);
    expect(after.snapshot().orders).toHaveLength(1);
    expect(after.snapshot().orders[0]?.id).not.toBe('shared-id');
    expect(after.snapshot().orders[0]?.order.conditions).toEqual(anOrder().conditions);
    expect((await after.verify()).ok).toBe(true);
  });
});
