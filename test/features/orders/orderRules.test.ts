import { describe, expect, it } from 'vitest';
import { ORDER_LIMITS, type CourtOrder } from '../../../src/core/model/order';
import { breachCounts, breachesOf, formerConditions } from '../../../src/features/orders/breaches';
import { orderChanges } from '../../../src/features/orders/orderChanges';
import { checkOrder, formValueOf, removedConditions, sameOrder } from '../../../src/features/orders/orderRules';
import { aDiaryEntry, aQuickIncidentOn } from '../../support/incidentFactories';

const order = (fields: Partial<CourtOrder> = {}): CourtOrder => ({
  type: 'order',
  kind: 'spo',
  title: '',
  court: '',
  attachments: [],
  conditions: [
    { id: 'a', text: 'Condition A' },
    { id: 'b', text: 'Condition B' },
  ],
  ...fields,
});

describe('checkOrder', () => {
  it('trims text, leaves out empty conditions and dates not given', () => {
    const result = checkOrder({
      ...formValueOf(order()),
      court: '  Leeds ',
      madeOn: '2026-01-05',
      conditions: [
        { id: 'a', text: '  Condition A\n' },
        { id: 'b', text: '   ' },
      ],
    });
    expect(result).toEqual({
      ok: true,
      order: order({ court: 'Leeds', madeOn: '2026-01-05', conditions: [{ id: 'a', text: 'Condition A' }] }),
    });
  });

  it('refuses no conditions, an impossible date, an end before the start, a nameless other order, and text over the limits', () => {
    const result = checkOrder({
      ...formValueOf(order({ kind: 'other' })),
      court: 'x'.repeat(ORDER_LIMITS.shortText + 1),
      madeOn: '2026-03-10',
      servedOn: '2026-02-30',
      expiresOn: '2026-03-09',
      conditions: [{ id: 'a', text: '' }],
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        court: 'tooLong',
        title: 'titleRequired',
        servedOn: 'dateFormat',
        expiresOn: 'expiresBeforeMade',
        conditions: 'noConditions',
      },
    });
    const long = checkOrder({ ...formValueOf(order()), conditions: [{ id: 'a', text: 'y'.repeat(ORDER_LIMITS.conditionText + 1) }] });
    expect(long).toEqual({ ok: false, errors: { 'condition:a': 'tooLong' } });
  });

  it('an end on the day it was made is fine', () => {
    expect(checkOrder({ ...formValueOf(order()), madeOn: '2026-03-10', expiresOn: '2026-03-10' }).ok).toBe(true);
  });
});

describe('comparing versions', () => {
  it('sameOrder ignores whitespace only; removedConditions goes by id', () => {
    expect(sameOrder(order(), order({ court: ' ' }))).toBe(true);
    expect(sameOrder(order(), order({ expiresOn: '2027-01-01' }))).toBe(false);
    expect(removedConditions(order(), order({ conditions: [{ id: 'b', text: 'Reworded' }] }))).toEqual([{ id: 'a', text: 'Condition A' }]);
  });

  it('orderChanges names conditions added, removed and reworded, dates, kind and files', () => {
    const file = { id: 'f1', name: 'order.pdf', type: 'application/pdf', size: 10, sha256: 'ab'.repeat(32) };
    const changes = orderChanges(
      order(),
      order({
        kind: 'interim-spo',
        expiresOn: '2027-01-01',
        attachments: [file],
        conditions: [
          { id: 'b', text: 'Condition B, reworded' },
          { id: 'c', text: 'Condition C' },
        ],
      }),
    );
    expect(changes).toEqual([
      { kind: 'orderKind', from: 'spo', to: 'interim-spo' },
      { kind: 'date', field: 'expiresOn', from: undefined, to: '2027-01-01' },
      { kind: 'conditionChanged', from: 'Condition B', to: 'Condition B, reworded' },
      { kind: 'conditionAdded', text: 'Condition C' },
      { kind: 'conditionRemoved', text: 'Condition A' },
      { kind: 'filesAdded', count: 1 },
    ]);
  });
});

describe('breaches of an order', () => {
  const mark = (date: string, ids: string[], orderId = 'order-1') =>
    aDiaryEntry(aQuickIncidentOn(date, { breaches: ids.map((conditionId) => ({ orderId, conditionId })) }));

  it('in the time they happened, one per incident, counted per condition; other orders and unmarked incidents left out', () => {
    const late = mark('2026-02-10', ['a', 'b', 'a']);
    const early = mark('2026-02-01', ['a']);
    const other = mark('2026-02-05', ['a'], 'order-2');
    const none = aDiaryEntry(aQuickIncidentOn('2026-02-06'));
    const breaches = breachesOf('order-1', [late, other, early, none]);
    expect(breaches.map((b) => b.entry.id)).toEqual([early.id, late.id]);
    expect(breaches[1]?.conditionIds).toEqual(['a', 'b']);
    expect(Object.fromEntries(breachCounts(breaches))).toEqual({ a: 2, b: 1 });
  });

  it('conditions no longer on the order, with their last wording from the history (or none when unreadable)', () => {
    const breaches = breachesOf('order-1', [mark('2026-02-01', ['a', 'gone', 'lost'])]);
    const records = [
      { link: { kind: 'revision' }, content: { body: order({ conditions: [{ id: 'gone', text: 'First wording' }] }) } },
      { link: { kind: 'revision' }, content: { body: order({ conditions: [{ id: 'gone', text: 'Last wording' }] }) } },
    ] as unknown as Parameters<typeof formerConditions>[2];
    expect(formerConditions(order(), breaches, records)).toEqual([
      { id: 'gone', text: 'Last wording', count: 1 },
      { id: 'lost', text: null, count: 1 },
    ]);
  });
});
