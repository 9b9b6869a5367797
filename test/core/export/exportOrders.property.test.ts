// Properties of the orders a version 2 export carries: any diary's orders round-trip through the
// file and verify; and any change to them gives a typed refusal, or a document that does not
// verify (unless the change left them exactly as they were).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/core/evidence';
import { parseExportDocument, serializeExportDocument } from '../../../src/core/export/exportJson';
import { exportVerified, verifyExportDocument } from '../../../src/core/export/verifyExport';
import type { CourtOrder } from '../../../src/core/model/order';
import { orderArb } from '../model/orderArbitrary';
import { anIncident } from '../../support/incidentFactories';
import { DiaryBuilder } from '../evidence/diaryBuilder';
import { ordersExport } from './exportOrdersFixture';

type Op = { op: 'order'; order: CourtOrder; edit: boolean } | { op: 'incident'; breach: number | null } | { op: 'remove' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('order' as const), order: orderArb, edit: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('incident' as const), breach: fc.option(fc.nat(), { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const) }) },
);

/** A diary of random orders (some edited, some deleted) and incidents, some naming an order. */
async function writeDiary(ops: readonly Op[]): Promise<{ diary: DiaryBuilder; incidents: string[] }> {
  const diary = new DiaryBuilder({ version: 2 });
  const orders: string[] = [];
  const incidents: string[] = [];
  let made = 0;
  for (const op of ops) {
    diary.tick();
    if (op.op === 'order') {
      const id = op.edit && orders.length > 0 ? (orders.at(-1) as string) : `order-${made++}`;
      await diary.save(id, op.order);
      if (!orders.includes(id)) orders.push(id);
    } else if (op.op === 'incident') {
      const id = `incident-${made++}`;
      const named =
        op.breach === null || orders.length === 0 ? [] : [{ orderId: orders[op.breach % orders.length] as string, conditionId: 'c' }];
      await diary.save(id, anIncident({ breaches: named, told: [], privateNotes: '' }));
      incidents.push(id);
    } else if (orders.length > 0) {
      await diary.remove(orders.pop() as string);
    }
  }
  return { diary, incidents };
}

/** Every place inside `value` (object keys, list items), as paths. */
function placesIn(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [path];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [path, ...keys.flatMap((key) => placesIn((value as Record<string | number, unknown>)[key], [...path, key]))];
}

describe('version 2 exports: orders', () => {
  it('round-trip through the file and verify, whichever orders are chosen', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), fc.boolean(), async (ops, includeOrders) => {
        const { diary, incidents } = await writeDiary(ops);
        const doc = await ordersExport(diary, incidents, { includeOrders });
        const read = parseExportDocument(serializeExportDocument(doc));
        expect(read.ok ? 'ok' : read.detail).toBe('ok');
        if (!read.ok) return;
        expect(read.document).toEqual(doc);
        const verification = await verifyExportDocument(read.document);
        expect(exportVerified(verification)).toBe(true);
        expect(verification.coverage.orderRevisions.every((r) => r.status === 'checked')).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('changed anywhere, give a typed refusal or a document that does not verify', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
        async (ops, pick, replacement) => {
          const { diary, incidents } = await writeDiary(ops);
          const doc = await ordersExport(diary, incidents, { includeOrders: true });
          const json = JSON.parse(serializeExportDocument(doc)) as Record<string, unknown>;
          if (json.orders === undefined) return;
          const places = placesIn(json.orders);
          const path = places[pick % places.length] ?? [];
          if (path.length === 0) json.orders = replacement;
          else {
            let parent = json.orders as Record<string | number, unknown>;
            for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
            const last = path.at(-1) as string | number;
            if (replacement === undefined && !Array.isArray(parent)) Reflect.deleteProperty(parent, last);
            else parent[last] = replacement ?? null;
          }
          const read = parseExportDocument(json);
          if (!read.ok) {
            expect(['invalid', 'not-daybook-export']).toContain(read.code);
            return;
          }
          const unchanged =
            canonicalJson(read.document.version === 2 ? (read.document.orders ?? []) : []) === canonicalJson(doc.orders ?? []);
          const verified = exportVerified(await verifyExportDocument(read.document));
          if (!unchanged) expect(verified).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });
});
