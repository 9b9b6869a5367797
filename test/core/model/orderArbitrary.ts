// Test helper (not a test file): random court orders, as a version saved by the app would hold them.

import fc from 'fast-check';
import { ORDER_KINDS, type CourtOrder } from '../../../src/core/model/order';
import { dateArb } from './incidentArbitrary';

/** An order with 0 to 4 conditions (unique ids), optional dates, no files. */
export const orderArb: fc.Arbitrary<CourtOrder> = fc.record(
  {
    type: fc.constant('order' as const),
    kind: fc.constantFrom(...ORDER_KINDS),
    title: fc.string({ maxLength: 30 }),
    court: fc.string({ maxLength: 30 }),
    madeOn: dateArb,
    servedOn: dateArb,
    expiresOn: dateArb,
    attachments: fc.constant([]),
    conditions: fc.uniqueArray(fc.record({ id: fc.stringMatching(/^[A-Za-z0-9_-]{1,22}$/), text: fc.string({ maxLength: 60 }) }), {
      maxLength: 4,
      selector: (c) => c.id,
    }),
  },
  { requiredKeys: ['type', 'kind', 'title', 'court', 'attachments', 'conditions'] },
);
