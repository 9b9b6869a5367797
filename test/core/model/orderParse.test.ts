import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/core/evidence';
import { isIncidentBody, isOrderBody, parseEntryBody } from '../../../src/core/model/entryBody';
import { ORDER_LIMITS, emptyOrder, isConditionId, newConditionId, type CourtOrder } from '../../../src/core/model/order';
import { parseOrder } from '../../../src/core/model/orderParse';
import { readRevisionContent } from '../../../src/core/model/revisionContentParse';
import { newRevisionContent } from '../../../src/core/evidence';
import { orderArb } from './orderArbitrary';
import { anIncident } from '../../support/incidentFactories';

const order = (fields: Partial<CourtOrder> = {}): CourtOrder => ({
  type: 'order',
  kind: 'spo',
  title: '',
  court: 'Leeds Magistrates’ Court',
  madeOn: '2026-10-01',
  servedOn: '2026-10-02',
  expiresOn: '2028-10-01',
  attachments: [],
  conditions: [
    { id: 'c1', text: 'Must not come within 100 metres of 12 Station Road' },
    { id: 'c2', text: 'Must not contact her directly or through anyone else' },
  ],
  ...fields,
});

describe('court orders: reading one from outside', () => {
  it('reads an order back exactly as written, and an entry body by its type', () => {
    const parsed = parseOrder(order());
    expect(parsed).toEqual({ ok: true, value: order() });
    const body = parseEntryBody(order());
    expect(body.ok && isOrderBody(body.value)).toBe(true);
    const incident = parseEntryBody(anIncident());
    expect(incident.ok && isIncidentBody(incident.value)).toBe(true);
  });

  it('names each problem by field, never by content', () => {
    const result = parseOrder({
      type: 'order',
      kind: 'made-up',
      court: 5,
      madeOn: '2026-02-30',
      conditions: [{ id: 'has:colon', text: 'x' }, { id: 'c1', text: 7 }, { id: 'c1', text: 'again' }, 'junk'],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(
      expect.arrayContaining([
        { path: 'kind', code: 'unknown-value' },
        { path: 'court', code: 'wrong-type' },
        { path: 'madeOn', code: 'bad-format' },
        { path: 'conditions[0].id', code: 'bad-format' },
        { path: 'conditions[1].text', code: 'wrong-type' },
        { path: 'conditions[2].id', code: 'repeated' },
        { path: 'conditions[3]', code: 'wrong-type' },
      ]),
    );
    expect(result.errors.join(' ')).not.toContain('again');
  });

  it('refuses too many conditions before reading any, and anything that is not marked an order', () => {
    const many = Array.from({ length: ORDER_LIMITS.conditions + 1 }, (_, i) => ({ id: `c${i}`, text: '' }));
    expect(parseOrder(order({ conditions: many }))).toMatchObject({ ok: false, issues: [{ path: 'conditions', code: 'too-many' }] });
    expect(parseOrder({ ...order(), type: 'incident' })).toMatchObject({ ok: false });
    expect(parseOrder(null)).toMatchObject({ ok: false });
  });

  it('never throws, whatever it is given, and what it accepts reads back canonically the same', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          orderArb,
          fc.anything(),
          orderArb.map((o) => ({ ...o, extra: 1 })),
        ),
        (value) => {
          const result = parseOrder(value);
          if (result.ok) expect(parseOrder(result.value)).toEqual(result);
        },
      ),
    );
    fc.assert(
      fc.property(orderArb, (value) => {
        const result = parseOrder(value);
        expect(result.ok).toBe(true);
        if (result.ok) expect(canonicalJson(result.value)).toBe(canonicalJson(value));
      }),
    );
  });

  it('a stored order revision reads back only exactly as saved (an unknown key cannot ride along)', () => {
    const content = newRevisionContent(order());
    expect(readRevisionContent(content)).toEqual({ ok: true, content });
    const tampered = { ...content, body: { ...content.body, extra: 'x' }, salts: { ...content.salts, extra: 'a'.repeat(32) } };
    expect(readRevisionContent(tampered).ok).toBe(false);
  });

  it('makes condition ids that cannot reach into another key', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newConditionId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(isConditionId(id)).toBe(true);
    expect(isConditionId('a:b')).toBe(false);
    expect(isConditionId('')).toBe(false);
    expect(emptyOrder().conditions).toHaveLength(1);
  });
});
