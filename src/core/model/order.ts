// A court order as the person records it: what kind, which court, its dates, a copy of the order
// itself, and each condition in their own words. Kept in the diary's evidence chain beside the
// incidents (a body marked `type: 'order'`), with revisions, so an incident can name the
// condition it breaches by ids that outlive edits to the order.

import type { AttachmentRef, IsoDate } from './incident';

/** The orders a person in the UK may hold (the checklist of kinds the issue names). */
export const ORDER_KINDS = [
  'spo',
  'interim-spo',
  'non-molestation',
  'restraining-conviction',
  'restraining-acquittal',
  'dvpo',
  'dapo',
  'other',
] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

export function isOrderKind(value: unknown): value is OrderKind {
  return typeof value === 'string' && (ORDER_KINDS as readonly string[]).includes(value);
}

/** One condition, entered as its own item. `id` stays the same through every revision of the order. */
export interface OrderCondition {
  id: string;
  /** In the person's words, for example "Must not come within 100 metres of 12 Station Road". */
  text: string;
}

export interface CourtOrder {
  /** Marks the body as an order in the chain: an incident has no `type`. */
  type: 'order';
  kind: OrderKind;
  /** What the order is called when the kind is 'other' (or any other wording the person uses); may be ''. */
  title: string;
  court: string;
  madeOn?: IsoDate;
  /** When it was served, or the other person was told of it. */
  servedOn?: IsoDate;
  /** Absent: no end date given (until further order, or not known). */
  expiresOn?: IsoDate;
  /** The order itself: a photo or PDF of it, and any other file the person keeps with it. */
  attachments: AttachmentRef[];
  conditions: OrderCondition[];
}

export const ORDER_LIMITS = {
  conditions: 100,
  /** A condition's wording. */
  conditionText: 10_000,
  /** Court and title. */
  shortText: 1_000,
  attachments: 50,
  conditionId: 64,
} as const;

/** Condition ids: short, and never able to reach into another key (`:` separates breach references). */
export function isConditionId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);
}

/** A fresh condition id: 16 random bytes as base64url. */
export function newConditionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A blank order with one empty condition, ready for the form. */
export function emptyOrder(): CourtOrder {
  return { type: 'order', kind: 'spo', title: '', court: '', attachments: [], conditions: [{ id: newConditionId(), text: '' }] };
}
