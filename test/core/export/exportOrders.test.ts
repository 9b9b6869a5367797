import { describe, expect, it } from 'vitest';
import { committedOrder, documentFiles, latestOrder } from '../../../src/core/export/exportDocument';
import { parseExportDocument, serializeExportDocument } from '../../../src/core/export/exportJson';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import { exportVerified, verifiedStatement, verifyExportDocument } from '../../../src/core/export/verifyExport';
import { anOrder, CONDITION_TEXT, ordersDiary, ordersExport } from './exportOrdersFixture';

/** Item `i` of a list in parsed JSON (failing the test if it is not there). */
function at<T>(items: unknown, i: number): T {
  const item = (items as T[])[i];
  if (item === undefined) throw new Error(`no item ${i}`);
  return item;
}

/** The file's text read back as plain JSON, for a test to change. */
function asJson(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

async function readAndVerify(value: unknown) {
  const read = parseExportDocument(value);
  if (!read.ok) throw new Error(`${read.code}: ${read.detail}`);
  return { document: read.document, verification: await verifyExportDocument(read.document) };
}

describe('export document: court orders', () => {
  it('by default takes only the orders a chosen incident breaches', async () => {
    const diary = await ordersDiary();
    expect(EMPTY_SELECTION.includeOrders).toBe(false);
    expect((await ordersExport(diary, ['incident-b'], { includeOrders: false })).orders ?? []).toEqual([]);
    expect((await ordersExport(diary, ['incident-a'], { includeOrders: false })).orders?.map((order) => order.id)).toEqual(['order-1']);
  });

  it('takes every live order when asked, each version shown whole, never a deleted one', async () => {
    const diary = await ordersDiary();
    const doc = await ordersExport(diary, ['incident-b']);
    expect(doc.orders?.map((order) => order.id)).toEqual(['order-1', 'order-2']);
    const first = doc.orders?.[0];
    expect(first?.revisions.map((r) => r.revision)).toEqual([1, 2]);
    for (const revision of first?.revisions ?? []) expect(revision.content.withheld).toEqual({});
    expect(latestOrder(first ?? { id: '', revisions: [] }).expiresOn).toBe('2027-02-01');
    expect(committedOrder(first?.revisions[0]?.content ?? { v: 2, fields: {}, withheld: {} })).toEqual(anOrder());
    expect(JSON.stringify(doc)).not.toContain('Deleted court');
    // Each version's link is in the chain, with its proof.
    const linked = doc.chain.links.filter((link) => link.entryId.startsWith('order-')).map((link) => `${link.entryId}#${link.revision}`);
    expect(linked).toEqual(['order-1#1', 'order-2#1', 'order-1#2']);
  });

  it('without includeOrders, takes only the orders a chosen incident names in its breaches', async () => {
    const diary = await ordersDiary();
    const named = await ordersExport(diary, ['incident-a'], { includeOrders: false });
    expect(named.orders?.map((order) => order.id)).toEqual(['order-1']);
    const none = await ordersExport(diary, ['incident-b'], { includeOrders: false });
    expect(none.orders).toBeUndefined();
    expect(serializeExportDocument(none)).not.toContain('"orders"');
  });

  it('round-trips through the JSON file and verifies, orders and all', async () => {
    const diary = await ordersDiary();
    const doc = await ordersExport(diary, ['incident-a']);
    const { document, verification } = await readAndVerify(serializeExportDocument(doc));
    expect(document).toEqual(doc);
    expect(exportVerified(verification)).toBe(true);
    expect(verification.coverage.orderRevisions).toEqual([
      { orderId: 'order-1', revision: 1, status: 'checked' },
      { orderId: 'order-1', revision: 2, status: 'checked' },
      { orderId: 'order-2', revision: 1, status: 'checked' },
    ]);
    // Private notes, left out by default, are named as left out: incident-a's version has them.
    expect(verifiedStatement(verification).fieldsLeftOut).toEqual(['privateNotes']);
    // The order's copy goes with the incidents' files.
    expect(documentFiles(doc).map((file) => file.id)).toEqual(['att-1', 'order-scan']);
  });

  it('does not verify when a condition’s text was changed in the file', async () => {
    const diary = await ordersDiary();
    const text = serializeExportDocument(await ordersExport(diary, ['incident-a']));
    const changed = text.replace(CONDITION_TEXT, 'Must not come within 10 metres of 12 Station Road');
    expect(changed).not.toBe(text);
    const { verification } = await readAndVerify(changed);
    expect(exportVerified(verification)).toBe(false);
    expect(verification.chain.ok).toBe(false);
    expect(verification.coverage.orderRevisions.find((r) => r.orderId === 'order-1' && r.revision === 1)?.status).toBe('failed');
  });

  it('does not verify when an order is taken out of the file but its links stay', async () => {
    const diary = await ordersDiary();
    const json = asJson(serializeExportDocument(await ordersExport(diary, ['incident-a'])));
    json.orders = (json.orders as { id: string }[]).filter((order) => order.id !== 'order-2');
    const { verification } = await readAndVerify(json);
    expect(exportVerified(verification)).toBe(false);
    expect(verification.problems).toContainEqual({ kind: 'unexplained-link', entryId: 'order-2', revision: 1 });
  });

  it('does not verify when a version of an order is held back', async () => {
    const diary = await ordersDiary();
    const json = asJson(serializeExportDocument(await ordersExport(diary, ['incident-a'])));
    const orders = json.orders as { id: string; revisions: unknown[] }[];
    orders[0]?.revisions.pop();
    const { verification } = await readAndVerify(json);
    expect(exportVerified(verification)).toBe(false);
    expect(verification.problems).toContainEqual({ kind: 'missing-revision', entryId: 'order-1', revision: 2 });
  });

  it('reads a version 2 file without orders as before', async () => {
    const diary = await ordersDiary();
    const json = asJson(serializeExportDocument(await ordersExport(diary, ['incident-b'], { includeOrders: false })));
    expect(json).not.toHaveProperty('orders');
    const { document, verification } = await readAndVerify(json);
    expect(document).not.toHaveProperty('orders');
    expect(exportVerified(verification)).toBe(true);
    expect(verification.coverage.orderRevisions).toEqual([]);
  });

  describe('refuses, as invalid, an order that is not exactly a saved one', () => {
    type Mutate = (order: Record<string, unknown>, content: Record<string, unknown>, fields: Record<string, { value: unknown }>) => void;
    const cases: [string, Mutate][] = [
      ['a field left out', (_order, content) => (content.withheld = { court: 'ab'.repeat(32) })],
      ['a field missing', (_order, _content, fields) => delete fields.court],
      ['an unknown field', (_order, _content, fields) => (fields.note = { salt: '00'.repeat(16), value: 'x' } as never)],
      ['a value tidied by reading', (_order, _content, fields) => ((fields.madeOn as { value: unknown }).value = '')],
      ['an unknown kind', (_order, _content, fields) => ((fields.kind as { value: unknown }).value = 'injunction')],
      [
        'a repeated condition id',
        (_order, _content, fields) => (fields.conditions as { value: unknown[] }).value.push({ id: 'cond-near', text: 'x' }),
      ],
      ['an incident’s fields', (_order, _content, fields) => ((fields.type as { value: unknown }).value = 'incident')],
      ['an id repeated', (order) => (order.id = 'incident-a')],
      ['a kind other than committed', (order) => (at<Record<string, unknown>>(order.revisions, 0).kind = 'complete')],
      ['a version before the one before', (order) => (at<Record<string, unknown>>(order.revisions, 1).revision = 1)],
    ];
    it.each(cases)('%s', async (_name, mutate) => {
      const diary = await ordersDiary();
      const json = asJson(serializeExportDocument(await ordersExport(diary, ['incident-a'])));
      const order = at<Record<string, unknown>>(json.orders, 0);
      const { content } = at<{ content: Record<string, unknown> }>(order.revisions, 0);
      mutate(order, content, content.fields as Record<string, { value: unknown }>);
      const read = parseExportDocument(json);
      expect(read.ok).toBe(false);
      if (!read.ok) {
        expect(read.code).toBe('invalid');
        expect(read.detail).toMatch(/^orders\[0\]/);
      }
    });
  });

  it('refuses more versions over all orders than its limit before reading any', () => {
    const read = parseExportDocument({
      format: 'daybook-export',
      version: 2,
      generatedAt: '2025-01-01T00:00:00.000Z',
      scope: { behaviours: [], pickedIncidents: false, omittedFields: [], attachmentsIncluded: false, checklistsIncluded: false },
      chain: { size: 0, root: '0'.repeat(64), links: [], earlier: [] },
      entries: [],
      // Sparse lists: their items would fail if read, so the refusal must come from their lengths.
      orders: [
        { id: 'order-1', revisions: new Array(60_000) },
        { id: 'order-2', revisions: new Array(60_000) },
      ],
      checklists: [],
    });
    expect(read).toEqual({ ok: false, code: 'invalid', detail: 'orders[1].revisions: more than 40000 items' });
  });

  it('refuses more orders than its limit before reading any', () => {
    const json = { format: 'daybook-export', version: 2, generatedAt: '2025-01-01T00:00:00.000Z' };
    const read = parseExportDocument({
      ...json,
      scope: { behaviours: [], pickedIncidents: false, omittedFields: [], attachmentsIncluded: false, checklistsIncluded: false },
      chain: { size: 0, root: '0'.repeat(64), links: [], earlier: [] },
      entries: [],
      orders: new Array(10_001),
      checklists: [],
    });
    expect(read).toMatchObject({ ok: false, code: 'invalid' });
  });
});
