import { describe, expect, it } from 'vitest';
import { newRevisionContent } from '../../../src/core/evidence';
import { isOrderBody } from '../../../src/core/model/entryBody';
import type { CourtOrder } from '../../../src/core/model/order';
import { InvalidIncidentError, type RevisionRecord } from '../../../src/core/store/diaryRepository';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault, diaryOver } from '../../support/vault';
import { dumpDatabase } from '../backup/backupFixture';

const order = (fields: Partial<CourtOrder> = {}): CourtOrder => ({
  type: 'order',
  kind: 'non-molestation',
  title: '',
  court: 'Family Court at Bristol',
  madeOn: '2026-09-14',
  attachments: [],
  conditions: [
    { id: 'near', text: 'Must not go within 100 metres of 12 Station Road' },
    { id: 'contact', text: 'Must not contact her by any means, including through friends' },
  ],
  ...fields,
});

async function diary() {
  const setup = await createdVault();
  let clock = Date.parse('2026-11-22T10:00:00Z');
  const repo = diaryOver(setup, () => new Date((clock += 60_000)));
  await repo.load();
  return { ...setup, repo };
}

const bodyOf = (record: RevisionRecord | undefined) => record?.content?.body;

describe('court orders in the diary’s evidence chain', () => {
  it('adds and revises an order as chained versions; the snapshot lists orders apart from incidents', async () => {
    const { repo, db, session } = await diary();
    const incidentId = await repo.add(aQuickIncident({ whatHappened: 'Drove past twice' }));
    const orderId = await repo.addOrder(order());
    await repo.editOrder(
      orderId,
      order({ expiresOn: '2027-09-14', conditions: [...order().conditions, { id: 'post', text: 'No letters' }] }),
      1,
    );
    const snapshot = repo.snapshot();
    expect(snapshot.entries.map((e) => e.id)).toEqual([incidentId]);
    expect(snapshot.orders.map((o) => [o.id, o.revisions, o.order.conditions.length, o.order.expiresOn])).toEqual([
      [orderId, 2, 3, '2027-09-14'],
    ]);
    expect(repo.history(orderId).map((r) => r.link.revision)).toEqual([1, 2]);
    expect(snapshot.links).toHaveLength(3);
    expect(await repo.verify()).toMatchObject({ ok: true, length: 3 });
    // Read back from storage after a reload: the same orders, the chain still verifies, nothing in plain text.
    const reopened = diaryOver({ db, session });
    await reopened.load();
    expect(reopened.snapshot().orders).toEqual(snapshot.orders);
    expect(await reopened.verify()).toMatchObject({ ok: true, length: 3 });
    const dump = JSON.stringify(await dumpDatabase(db));
    expect(dump).not.toContain('Station Road');
    expect(dump).not.toContain('Family Court');
  });

  it('deletes an order like an incident: every version’s content erased, a tombstone in the chain', async () => {
    const { repo } = await diary();
    const orderId = await repo.addOrder(order());
    await repo.editOrder(orderId, order({ title: 'Interim' }));
    await repo.remove(orderId);
    expect(repo.snapshot().orders).toEqual([]);
    expect(repo.history(orderId).map((r) => [r.link.kind, r.content])).toEqual([
      ['revision', null],
      ['revision', null],
      ['tombstone', null],
    ]);
    expect(await repo.verify()).toMatchObject({ ok: true, length: 3 });
    await expect(repo.editOrder(orderId, order())).rejects.toThrow();
  });

  it('never lets an entry change kind: an order saved over an incident, or the reverse, is refused with nothing written', async () => {
    const { repo } = await diary();
    const incidentId = await repo.add(aQuickIncident());
    const orderId = await repo.addOrder(order());
    const before = repo.allRecords().length;
    await expect(repo.editOrder(incidentId, order())).rejects.toBeInstanceOf(InvalidIncidentError);
    await expect(repo.edit(orderId, aQuickIncident())).rejects.toBeInstanceOf(InvalidIncidentError);
    expect(repo.allRecords()).toHaveLength(before);
    // Nor through a backup's records or another diary's imports.
    await expect(repo.appendImported([{ entryId: incidentId, content: newRevisionContent(order()) }])).rejects.toThrow(/kind/);
    await expect(
      repo.appendImported([
        { entryId: 'new-one', content: newRevisionContent(order()) },
        { entryId: 'new-one', content: newRevisionContent(aQuickIncident()) },
      ]),
    ).rejects.toThrow(/kind/);
    expect(repo.allRecords()).toHaveLength(before);
  });

  it('refuses an order it could not read back, before anything is encrypted', async () => {
    const { repo } = await diary();
    await expect(repo.addOrder(order({ conditions: [{ id: 'bad:id', text: 'x' }] }))).rejects.toBeInstanceOf(InvalidIncidentError);
    await expect(repo.addOrder(order({ madeOn: '2026-02-30' }))).rejects.toBeInstanceOf(InvalidIncidentError);
    expect(repo.allRecords()).toHaveLength(0);
  });

  it('keeps an incident’s breaches, who was told and private notes through revisions; every new version holds all three', async () => {
    const { repo } = await diary();
    const orderId = await repo.addOrder(order());
    const id = await repo.add(aQuickIncident({ whatHappened: 'Sent flowers through his cousin' }));
    const first = bodyOf(repo.history(id)[0]);
    expect(first && !isOrderBody(first) && [first.breaches, first.told, first.privateNotes]).toEqual([[], [], '']);
    await repo.edit(
      id,
      aQuickIncident({
        whatHappened: 'Sent flowers through his cousin',
        breaches: [{ orderId, conditionId: 'contact' }],
        told: [
          { who: 'My sister', how: 'phone', date: '2026-11-22', time: '18:05' },
          { who: '101', how: '101' },
        ],
        privateNotes: 'I froze when I saw the card',
      }),
    );
    const latest = repo.snapshot().entries[0]?.incident;
    expect(latest?.breaches).toEqual([{ orderId, conditionId: 'contact' }]);
    expect(latest?.told).toHaveLength(2);
    expect(latest?.privateNotes).toBe('I froze when I saw the card');
    await expect(
      repo.edit(
        id,
        aQuickIncident({
          breaches: [
            { orderId, conditionId: 'contact' },
            { orderId, conditionId: 'contact' },
          ],
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidIncidentError);
    await expect(repo.edit(id, aQuickIncident({ told: [{ who: 'x', how: '101', time: '10:00' }] }))).rejects.toBeInstanceOf(
      InvalidIncidentError,
    );
    expect(await repo.verify()).toMatchObject({ ok: true });
  });

  it('reads a version written before issue 16 (no later fields) back exactly, so its hash still matches', async () => {
    const { repo } = await diary();
    const old = aQuickIncident({ whatHappened: 'Before orders existed' });
    delete old.breaches;
    delete old.told;
    delete old.privateNotes;
    const content = newRevisionContent(old);
    await repo.appendImported([{ entryId: 'from-before', content }]);
    const stored = bodyOf(repo.history('from-before')[0]);
    expect(stored).toEqual(old);
    expect(stored && Object.keys(stored)).not.toContain('privateNotes');
    expect(await repo.verify()).toMatchObject({ ok: true });
  });
});
