// What one entry of the diary's evidence chain holds: an incident, or a court order. Both are
// revised, deleted and chained alike; an order's body says so (`type: 'order'`), an incident's
// has no `type`.

import type { Incident } from './incident';
import { parseIncident, type ParseResult } from './incidentParse';
import type { CourtOrder } from './order';
import { parseOrder } from './orderParse';
import { own } from './ownProperty';

export type EntryBody = Incident | CourtOrder;

export function isOrderBody(body: EntryBody): body is CourtOrder {
  return 'type' in body && body.type === 'order';
}

export function isIncidentBody(body: EntryBody): body is Incident {
  return !isOrderBody(body);
}

/** An incident or an order from outside, by its `type`. Never throws. */
export function parseEntryBody(value: unknown): ParseResult<EntryBody> {
  try {
    const isOrder = typeof value === 'object' && value !== null && own(value, 'type') === 'order';
    return isOrder ? parseOrder(value) : parseIncident(value);
  } catch {
    return { ok: false, errors: ['entry: could not be read'], issues: [{ path: 'entry', code: 'unreadable' }] };
  }
}
