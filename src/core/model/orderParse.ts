// Validation of a court order from outside (a backup, a package, a stored record), as hostile as
// parseIncident: known fields only, own data properties only, sizes checked before items are read,
// never throws. An order's body is marked `type: 'order'`; anything else is not an order.

import { isFields, readAttachments, Reader, type ParseResult } from './incidentParse';
import { INCIDENT_LIMITS } from './incident';
import { isConditionId, isOrderKind, ORDER_LIMITS, type CourtOrder, type OrderCondition } from './order';
import { own } from './ownProperty';

function readConditions(r: Reader, items: readonly unknown[]): OrderCondition[] {
  const conditions: OrderCondition[] = [];
  const ids = new Set<string>();
  items.forEach((item, i) => {
    const path = `conditions[${i}]`;
    if (!isFields(item)) return r.fail(path, 'wrong-type', 'must be an object');
    const id = own(item, 'id');
    if (!isConditionId(id)) return r.fail(`${path}.id`, 'bad-format', 'is not a condition id');
    if (ids.has(id)) r.fail(`${path}.id`, 'repeated', 'is repeated');
    ids.add(id);
    conditions.push({ id, text: r.text(item, 'text', `${path}.text`, ORDER_LIMITS.conditionText) });
  });
  return conditions;
}

function read(r: Reader, value: unknown): CourtOrder | undefined {
  if (!isFields(value)) {
    r.fail('order', 'wrong-type', 'must be an object');
    return undefined;
  }
  if (own(value, 'type') !== 'order') {
    r.fail('type', 'unknown-value', 'must be order');
    return undefined;
  }
  const kind = own(value, 'kind');
  if (!isOrderKind(kind)) r.fail('kind', 'unknown-value', 'is not a known kind of order');
  const madeOn = r.optionalDate(value, 'madeOn', 'madeOn');
  const servedOn = r.optionalDate(value, 'servedOn', 'servedOn');
  const expiresOn = r.optionalDate(value, 'expiresOn', 'expiresOn');
  return {
    type: 'order',
    kind: isOrderKind(kind) ? kind : 'other',
    title: r.text(value, 'title', 'title', ORDER_LIMITS.shortText),
    court: r.text(value, 'court', 'court', ORDER_LIMITS.shortText),
    ...(madeOn === undefined ? {} : { madeOn }),
    ...(servedOn === undefined ? {} : { servedOn }),
    ...(expiresOn === undefined ? {} : { expiresOn }),
    attachments: readAttachments(
      r,
      r.array(value, 'attachments', 'attachments', Math.min(ORDER_LIMITS.attachments, INCIDENT_LIMITS.attachments)),
    ),
    conditions: readConditions(r, r.array(value, 'conditions', 'conditions', ORDER_LIMITS.conditions)),
  };
}

/** Validates and copies an order from an untrusted source. Never throws. */
export function parseOrder(value: unknown): ParseResult<CourtOrder> {
  const r = new Reader();
  try {
    const order = read(r, value);
    if (order !== undefined && r.errors.length === 0) return { ok: true, value: order };
    return { ok: false, errors: r.errors, issues: r.issues };
  } catch {
    return { ok: false, errors: ['order: could not be read'], issues: [{ path: 'order', code: 'unreadable' }] };
  }
}
