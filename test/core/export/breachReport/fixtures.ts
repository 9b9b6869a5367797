// Test helper (not a test file): an order and an incident marked as breaching it, in several scripts.

import fc from 'fast-check';
import { emptyIncident, type Incident } from '../../../../src/core/model/incident';
import { ORDER_KINDS, type CourtOrder } from '../../../../src/core/model/order';
import { dateArb } from '../../model/incidentArbitrary';

export const POLISH = 'Nie wolno mu zbliżać się do mnie na odległość 100 metrów. Zażółć gęślą jaźń.';
export const URDU = 'وہ میرے گھر کے باہر کھڑا تھا اور کہا کہ وہ کل پھر آئے گا۔';
export const PRIVATE = 'My private reflection: I felt I could not go on';

export const order: CourtOrder = {
  type: 'order',
  kind: 'spo',
  title: 'SPO from Leeds',
  court: 'Leeds Magistrates’ Court',
  madeOn: '2026-03-01',
  servedOn: '2026-03-04',
  attachments: [],
  conditions: [
    { id: 'c1', text: 'Must not come within 100 metres of 12 Station Road, Leeds' },
    { id: 'c2', text: POLISH },
    { id: 'c3', text: 'Must not contact me by any means, directly or through anyone else' },
  ],
};

export function breachIncident(): Incident {
  return {
    ...emptyIncident(new Date('2026-04-02T19:05:00Z')),
    when: { kind: 'exact', date: '2026-04-02', time: '19:05' },
    where: 'Outside my house, 12 Station Road',
    whatHappened: `He stood at the gate for ten minutes. ${URDU}`,
    whoDidIt: 'John Smith',
    witnesses: [
      { name: 'Anna Kowalska', contact: '07700 900123' },
      { name: 'Mr Patel', contact: '' },
    ],
    evidenceElsewhere: 'Doorbell camera footage on my phone',
    attachments: [
      {
        id: 'f1',
        name: 'gate.jpg',
        type: 'image/jpeg',
        size: 12_601,
        sha256: 'a'.repeat(64),
        receivedAt: '2026-04-02T19:20:00.000Z',
        receivedVia: 'camera',
      },
    ],
    reported: { reported: true, policeReference: 'WY-12345-26', officer: 'PC Jones' },
    effect: { howItFelt: 'Terrified and shaking', whatItChanged: 'I no longer use the front door' },
    breaches: [
      { orderId: 'o1', conditionId: 'c1' },
      { orderId: 'o1', conditionId: 'c2' },
      { orderId: 'other-order', conditionId: 'x9' },
    ],
    told: [
      { who: 'My sister', how: 'phone', date: '2026-04-02', time: '19:30' },
      { who: '101', how: '101' },
    ],
    privateNotes: PRIVATE,
  };
}

const textArb = fc.string({ unit: 'grapheme', maxLength: 40 });

/** Orders as a form would save them (any wording, 1 to 4 conditions). */
export const orderArb: fc.Arbitrary<CourtOrder> = fc.record(
  {
    type: fc.constant('order' as const),
    kind: fc.constantFrom(...ORDER_KINDS),
    title: textArb,
    court: textArb,
    madeOn: dateArb,
    servedOn: dateArb,
    expiresOn: dateArb,
    attachments: fc.constant([]),
    conditions: fc.uniqueArray(fc.record({ id: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), text: textArb }), {
      minLength: 1,
      maxLength: 4,
      selector: (c) => c.id,
    }),
  },
  { requiredKeys: ['type', 'kind', 'title', 'court', 'attachments', 'conditions'] },
);
