// Validation of an incident from outside: an imported backup, an evidence
// package, a stored record from an older version. Treats the input as
// hostile: checks every type, format and size, builds a fresh object from the
// known fields only (unknown keys, `__proto__` included, are dropped), reads
// own data properties only (no inherited values, no getters run), and never
// throws. Error messages name fields, never their content.

import { BEHAVIOURS, isBehaviour, orderedBehaviours, type Behaviour } from './behaviours';
import { isCalendarDate, isClockTime } from './calendarDate';
import type { AttachmentRef, BreachRef, Effect, Incident, IncidentWhen, ReportedToPolice, ToldSomeone, Witness } from './incident';
import { INCIDENT_LIMITS as LIMITS, isAttachmentId, isReceivedAt, isReceivedVia, isToldHow } from './incident';
import { isConditionId } from './order';
import { own } from './ownProperty';

/** What is wrong with one field, as a code the UI can translate (never the field's content). */
export type IncidentIssueCode =
  | 'required'
  | 'wrong-type'
  | 'bad-format'
  | 'too-long'
  | 'too-many'
  | 'unknown-value'
  | 'repeated'
  | 'out-of-order'
  | 'unreadable'
  /** A stored revision's content that validation would tidy up, so it could no longer match its hash. */
  | 'not-canonical';

/** One problem: the field's path ("whatHappened", "witnesses[2].name", "when.to") and what is wrong. */
export interface IncidentIssue {
  path: string;
  code: IncidentIssueCode;
}

/**
 * `errors` are for developers ("whatHappened: longer than 100000 characters"); `issues` are the
 * same problems, one for one, as path and code.
 */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[]; issues: IncidentIssue[] };

export type Fields = object;

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SHA256 = /^[0-9a-fA-F]{64}$/;
// type/subtype as File.type gives it; parameters are not expected.
const MIME = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$/;

/** Collects errors while reading, so one pass reports every problem. */
export class Reader {
  readonly errors: string[] = [];
  readonly issues: IncidentIssue[] = [];

  fail(path: string, code: IncidentIssueCode, problem: string): void {
    this.errors.push(`${path}: ${problem}`);
    this.issues.push({ path, code });
  }

  /** A string field; absent reads as ''. */
  text(fields: Fields, key: string, path: string, max: number): string {
    const value = own(fields, key);
    if (value === undefined) return '';
    if (typeof value !== 'string') {
      this.fail(path, 'wrong-type', 'must be text');
      return '';
    }
    if (value.length > max) {
      this.fail(path, 'too-long', `longer than ${max} characters`);
      return '';
    }
    return value;
  }

  /** An optional string; absent or '' reads as undefined so it is left out. */
  optionalText(fields: Fields, key: string, path: string, max: number): string | undefined {
    const value = this.text(fields, key, path, max);
    return value === '' ? undefined : value;
  }

  /** An optional string that must also be in the right format; if it is not, reads as undefined. */
  optionalFormatted(
    fields: Fields,
    key: string,
    path: string,
    max: number,
    format: { test: (value: string) => boolean; name: string },
  ): string | undefined {
    const value = this.optionalText(fields, key, path, max);
    if (value === undefined || format.test(value)) return value;
    this.fail(path, 'bad-format', `must be ${format.name}`);
    return undefined;
  }

  optionalDate(fields: Fields, key: string, path: string): string | undefined {
    return this.optionalFormatted(fields, key, path, 10, { test: isCalendarDate, name: 'a date as YYYY-MM-DD' });
  }

  optionalTime(fields: Fields, key: string, path: string): string | undefined {
    return this.optionalFormatted(fields, key, path, 5, { test: isClockTime, name: 'a time as HH:MM' });
  }

  /** A nested object; absent reads as undefined. */
  object(fields: Fields, key: string, path: string): Fields | undefined {
    const value = own(fields, key);
    if (value === undefined) return undefined;
    if (!isFields(value)) {
      this.fail(path, 'wrong-type', 'must be an object');
      return undefined;
    }
    return value;
  }

  /** An array of at most `max` items; absent reads as []. Length is checked before any item is read. */
  array(fields: Fields, key: string, path: string, max: number): readonly unknown[] {
    const value = own(fields, key);
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.fail(path, 'wrong-type', 'must be a list');
      return [];
    }
    if (value.length > max) {
      this.fail(path, 'too-many', `more than ${max} items`);
      return [];
    }
    return Array.from({ length: value.length }, (_, i) => own(value, String(i)));
  }
}

function readWhen(r: Reader, value: unknown): IncidentWhen {
  const fallback: IncidentWhen = { kind: 'ongoing' };
  if (!isFields(value)) {
    if (value === undefined) r.fail('when', 'required', 'is required');
    else r.fail('when', 'wrong-type', 'must be an object');
    return fallback;
  }
  const fields = value;
  const kind = own(fields, 'kind');
  switch (kind) {
    case 'exact': {
      const rawDate = own(fields, 'date');
      if (rawDate === undefined || rawDate === '') {
        r.fail('when.date', 'required', 'is required');
        return fallback;
      }
      const date = r.optionalDate(fields, 'date', 'when.date');
      if (date === undefined) return fallback;
      const time = r.optionalTime(fields, 'time', 'when.time');
      return time === undefined ? { kind, date } : { kind, date, time };
    }
    case 'approximate': {
      const description = r.text(fields, 'description', 'when.description', LIMITS.longText);
      const from = r.optionalDate(fields, 'from', 'when.from');
      const to = r.optionalDate(fields, 'to', 'when.to');
      // Same-format ISO dates compare correctly as strings.
      if (from !== undefined && to !== undefined && from > to) r.fail('when.to', 'out-of-order', 'is before when.from');
      return { kind, description, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
    }
    case 'ongoing': {
      const since = r.optionalDate(fields, 'since', 'when.since');
      return since === undefined ? { kind } : { kind, since };
    }
    default:
      r.fail('when.kind', 'unknown-value', 'must be exact, approximate or ongoing');
      return fallback;
  }
}

function readBehaviours(r: Reader, items: readonly unknown[]): Incident['behaviours'] {
  const chosen = new Set<Behaviour>();
  items.forEach((item, i) => {
    if (isBehaviour(item)) chosen.add(item);
    else r.fail(`behaviours[${i}]`, 'unknown-value', 'is not a known behaviour');
  });
  // Canonical order, no duplicates: the same choice always hashes the same.
  return orderedBehaviours(chosen);
}

function readWitnesses(r: Reader, items: readonly unknown[]): Witness[] {
  const witnesses: Witness[] = [];
  items.forEach((item, i) => {
    const path = `witnesses[${i}]`;
    if (!isFields(item)) return r.fail(path, 'wrong-type', 'must be an object');
    witnesses.push({
      name: r.text(item, 'name', `${path}.name`, LIMITS.shortText),
      contact: r.text(item, 'contact', `${path}.contact`, LIMITS.shortText),
    });
  });
  return witnesses;
}

function readAttachment(r: Reader, item: unknown, path: string): AttachmentRef | undefined {
  if (!isFields(item)) {
    r.fail(path, 'wrong-type', 'must be an object');
    return undefined;
  }
  const id = r.text(item, 'id', `${path}.id`, LIMITS.id);
  if (id === '') r.fail(`${path}.id`, 'required', 'is required');
  // Ids name where the bytes are stored: one that could reach another file's rows is refused.
  else if (!isAttachmentId(id)) r.fail(`${path}.id`, 'bad-format', 'is not an attachment id');
  const name = r.text(item, 'name', `${path}.name`, LIMITS.shortText);
  const type = r.text(item, 'type', `${path}.type`, LIMITS.mimeType);
  if (type !== '' && !MIME.test(type)) r.fail(`${path}.type`, 'bad-format', 'is not a media type');
  const size = own(item, 'size');
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
    r.fail(`${path}.size`, 'bad-format', 'must be a whole number of bytes');
  const sha256 = own(item, 'sha256');
  if (typeof sha256 !== 'string' || !SHA256.test(sha256)) r.fail(`${path}.sha256`, 'bad-format', 'must be 64 hex digits');
  const receivedAt = own(item, 'receivedAt');
  if (receivedAt !== undefined && !isReceivedAt(receivedAt)) r.fail(`${path}.receivedAt`, 'bad-format', 'must be a toISOString() time');
  const receivedVia = own(item, 'receivedVia');
  if (receivedVia !== undefined && !isReceivedVia(receivedVia)) r.fail(`${path}.receivedVia`, 'bad-format', 'is not a known way in');
  if (receivedVia !== undefined && receivedAt === undefined) r.fail(`${path}.receivedVia`, 'bad-format', 'needs receivedAt');
  const interrupted = own(item, 'interrupted');
  if (interrupted !== undefined && (interrupted !== true || receivedVia !== 'recording'))
    r.fail(`${path}.interrupted`, 'bad-format', 'is true, and only on a recording');
  if (typeof size !== 'number' || typeof sha256 !== 'string') return undefined;
  return {
    id,
    name,
    type,
    size,
    sha256: sha256.toLowerCase(),
    ...(isReceivedAt(receivedAt) ? { receivedAt } : {}),
    ...(isReceivedVia(receivedVia) ? { receivedVia } : {}),
    ...(interrupted === true ? { interrupted } : {}),
  };
}

export function readAttachments(r: Reader, items: readonly unknown[]): AttachmentRef[] {
  const attachments: AttachmentRef[] = [];
  const ids = new Set<string>();
  items.forEach((item, i) => {
    const attachment = readAttachment(r, item, `attachments[${i}]`);
    if (attachment === undefined) return;
    if (ids.has(attachment.id)) r.fail(`attachments[${i}].id`, 'repeated', 'is repeated');
    ids.add(attachment.id);
    attachments.push(attachment);
  });
  return attachments;
}

function readReported(r: Reader, fields: Fields | undefined): ReportedToPolice {
  if (fields === undefined) return { reported: false };
  const flag = own(fields, 'reported');
  if (flag !== undefined && typeof flag !== 'boolean') r.fail('reported.reported', 'wrong-type', 'must be true or false');
  const policeReference = r.optionalText(fields, 'policeReference', 'reported.policeReference', LIMITS.shortText);
  const officer = r.optionalText(fields, 'officer', 'reported.officer', LIMITS.shortText);
  return {
    reported: flag === true,
    ...(policeReference === undefined ? {} : { policeReference }),
    ...(officer === undefined ? {} : { officer }),
  };
}

function readEffect(r: Reader, fields: Fields | undefined): Effect {
  if (fields === undefined) return { howItFelt: '', whatItChanged: '' };
  return {
    howItFelt: r.text(fields, 'howItFelt', 'effect.howItFelt', LIMITS.longText),
    whatItChanged: r.text(fields, 'whatItChanged', 'effect.whatItChanged', LIMITS.longText),
  };
}

function readBreaches(r: Reader, items: readonly unknown[]): BreachRef[] {
  const breaches: BreachRef[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const path = `breaches[${i}]`;
    if (!isFields(item)) return r.fail(path, 'wrong-type', 'must be an object');
    const orderId = r.text(item, 'orderId', `${path}.orderId`, LIMITS.id);
    if (orderId === '') r.fail(`${path}.orderId`, 'required', 'is required');
    const conditionId = own(item, 'conditionId');
    if (!isConditionId(conditionId)) return r.fail(`${path}.conditionId`, 'bad-format', 'is not a condition id');
    // JSON of the pair: no separator inside an id can make two pairs look alike.
    const key = JSON.stringify([orderId, conditionId]);
    if (seen.has(key)) r.fail(path, 'repeated', 'is repeated');
    seen.add(key);
    breaches.push({ orderId, conditionId });
  });
  return breaches;
}

function readTold(r: Reader, items: readonly unknown[]): ToldSomeone[] {
  const told: ToldSomeone[] = [];
  items.forEach((item, i) => {
    const path = `told[${i}]`;
    if (!isFields(item)) return r.fail(path, 'wrong-type', 'must be an object');
    const who = r.text(item, 'who', `${path}.who`, LIMITS.shortText);
    const how = own(item, 'how');
    if (!isToldHow(how)) return r.fail(`${path}.how`, 'unknown-value', 'is not a known way of telling');
    const date = r.optionalDate(item, 'date', `${path}.date`);
    const time = r.optionalTime(item, 'time', `${path}.time`);
    if (time !== undefined && date === undefined) r.fail(`${path}.time`, 'bad-format', 'needs a date');
    told.push({ who, how, ...(date === undefined ? {} : { date }), ...(time === undefined ? {} : { time }) });
  });
  return told;
}

/**
 * The fields that came with issue 16: kept exactly as present or absent, so a revision from
 * before them reads back as it was saved (its hash covers its keys).
 */
function readLater(r: Reader, value: Fields): Pick<Incident, 'breaches' | 'told' | 'privateNotes'> {
  const has = (key: string) => own(value, key) !== undefined;
  return {
    ...(has('breaches') ? { breaches: readBreaches(r, r.array(value, 'breaches', 'breaches', LIMITS.breaches)) } : {}),
    ...(has('told') ? { told: readTold(r, r.array(value, 'told', 'told', LIMITS.told)) } : {}),
    ...(has('privateNotes') ? { privateNotes: r.text(value, 'privateNotes', 'privateNotes', LIMITS.longText) } : {}),
  };
}

function read(r: Reader, value: unknown): Incident | undefined {
  if (!isFields(value)) {
    r.fail('incident', 'wrong-type', 'must be an object');
    return undefined;
  }
  // Fields other than `when` may be absent (a quick log, an older version);
  // they read as empty. Present but wrong is always an error.
  return {
    when: readWhen(r, own(value, 'when')),
    where: r.text(value, 'where', 'where', LIMITS.longText),
    whatHappened: r.text(value, 'whatHappened', 'whatHappened', LIMITS.longText),
    behaviours: readBehaviours(r, r.array(value, 'behaviours', 'behaviours', BEHAVIOURS.length * 4)),
    whoDidIt: r.text(value, 'whoDidIt', 'whoDidIt', LIMITS.longText),
    witnesses: readWitnesses(r, r.array(value, 'witnesses', 'witnesses', LIMITS.witnesses)),
    evidenceElsewhere: r.text(value, 'evidenceElsewhere', 'evidenceElsewhere', LIMITS.longText),
    attachments: readAttachments(r, r.array(value, 'attachments', 'attachments', LIMITS.attachments)),
    reported: readReported(r, r.object(value, 'reported', 'reported')),
    effect: readEffect(r, r.object(value, 'effect', 'effect')),
    ...readLater(r, value),
  };
}

/** Validates and copies an incident from an untrusted source. Never throws. */
export function parseIncident(value: unknown): ParseResult<Incident> {
  const r = new Reader();
  try {
    const incident = read(r, value);
    if (incident !== undefined && r.errors.length === 0) return { ok: true, value: incident };
    return { ok: false, errors: r.errors, issues: r.issues };
  } catch {
    // A Proxy or similar exotic object can throw from any property access.
    return { ok: false, errors: ['incident: could not be read'], issues: [{ path: 'incident', code: 'unreadable' }] };
  }
}

/** An incident's "when" on its own, checked as parseIncident checks it; null if it is not one. */
export function parseWhen(value: unknown): IncidentWhen | null {
  const r = new Reader();
  try {
    const when = readWhen(r, value);
    return r.errors.length === 0 ? when : null;
  } catch {
    return null;
  }
}
