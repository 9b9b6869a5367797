// The form's rules, without React: tidying what was typed, telling whether anything changed,
// and checking it before it goes into the diary.

import { orderedBehaviours } from '../../../core/model/behaviours';
import { isCalendarDate, isClockTime, localDate, type IsoDate } from '../../../core/model/calendarDate';
import { INCIDENT_LIMITS, type BreachRef, type Incident, type IncidentWhen, type ToldSomeone } from '../../../core/model/incident';
import { parseIncident } from '../../../core/model/incidentParse';

/** Every place the form can show an error. */
export type FieldKey =
  | 'whatHappened'
  | 'date'
  | 'time'
  | 'description'
  | 'from'
  | 'to'
  | 'since'
  | 'where'
  | 'whoDidIt'
  | 'witnesses'
  | 'evidenceElsewhere'
  | 'policeReference'
  | 'officer'
  | 'howItFelt'
  | 'whatItChanged'
  | 'breaches'
  | 'told'
  | 'privateNotes'
  | 'form';

export type ErrorCode =
  | 'empty'
  | 'dateMissing'
  | 'dateFormat'
  | 'timeFormat'
  | 'future'
  | 'toBeforeFrom'
  | 'tooLong'
  | 'invalid'
  /** Someone told: a time was given without a date. */
  | 'timeNeedsDate'
  /** Not from checkIncident: a long paste is waiting for the person to say what to do with it. */
  | 'pasteWaiting';

export type FieldErrors = Partial<Record<FieldKey, ErrorCode>>;

export type CheckResult = { ok: true; incident: Incident } | { ok: false; errors: FieldErrors };

/** The form's free-text fields that are one control each (witnesses are a list of pairs). */
export type TextKey =
  | 'whatHappened'
  | 'description'
  | 'where'
  | 'whoDidIt'
  | 'evidenceElsewhere'
  | 'policeReference'
  | 'officer'
  | 'howItFelt'
  | 'whatItChanged'
  | 'privateNotes';

/**
 * The most characters each free-text field may hold once trimmed: the limits parseIncident
 * applies (core/model/incidentParse.ts; test/features/form/formRules.test.ts holds them
 * together). Checked here as well so a message can say how long the text is against what
 * fits, and so a paste can be caught before it lands.
 */
export const TEXT_LIMITS: Readonly<Record<TextKey, number>> = {
  whatHappened: INCIDENT_LIMITS.longText,
  description: INCIDENT_LIMITS.longText,
  where: INCIDENT_LIMITS.longText,
  whoDidIt: INCIDENT_LIMITS.longText,
  evidenceElsewhere: INCIDENT_LIMITS.longText,
  policeReference: INCIDENT_LIMITS.shortText,
  officer: INCIDENT_LIMITS.shortText,
  howItFelt: INCIDENT_LIMITS.longText,
  whatItChanged: INCIDENT_LIMITS.longText,
  privateNotes: INCIDENT_LIMITS.longText,
};

/** A witness's name, and how to reach them: each up to this many characters. */
export const WITNESS_TEXT_LIMIT: number = INCIDENT_LIMITS.shortText;

/** Who was told: a name or service, up to this many characters. */
export const TOLD_WHO_LIMIT: number = INCIDENT_LIMITS.shortText;

export function isTextKey(key: FieldKey): key is TextKey {
  return key in TEXT_LIMITS;
}

/** A text field's content ('' when the incident has no such field as it stands). */
export function textOf(incident: Incident, key: TextKey): string {
  switch (key) {
    case 'description':
      return incident.when.kind === 'approximate' ? incident.when.description : '';
    case 'policeReference':
    case 'officer':
      return incident.reported[key] ?? '';
    case 'howItFelt':
    case 'whatItChanged':
      return incident.effect[key];
    case 'privateNotes':
      return incident.privateNotes ?? '';
    default:
      return incident[key];
  }
}

/** The incident with one free-text field set to `text` (the other way from textOf). */
export function withText(incident: Incident, key: TextKey, text: string): Incident {
  switch (key) {
    case 'description':
      return incident.when.kind === 'approximate' ? { ...incident, when: { ...incident.when, description: text } } : incident;
    case 'policeReference':
    case 'officer':
      return { ...incident, reported: { ...incident.reported, [key]: text } };
    case 'howItFelt':
    case 'whatItChanged':
      return { ...incident, effect: { ...incident.effect, [key]: text } };
    default:
      return { ...incident, [key]: text };
  }
}

/** How long a text is (trimmed, as it would be kept) against its limit, when it does not fit. */
export interface Overlong {
  length: number;
  limit: number;
}

export function overlong(text: string, limit: number): Overlong | undefined {
  const length = text.trim().length;
  return length > limit ? { length, limit } : undefined;
}

/** The id of a field's control, so error messages can link to it. One form is on screen at a time. */
export function fieldId(key: FieldKey): string {
  return `incident-${key}`;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? {} : ({ [key]: trimmed } as Partial<Record<K, string>>);
}

function tidyWhen(when: IncidentWhen): IncidentWhen {
  switch (when.kind) {
    case 'exact':
      return { kind: 'exact', date: when.date.trim(), ...optional('time', when.time) };
    case 'approximate':
      return { kind: 'approximate', description: when.description.trim(), ...optional('from', when.from), ...optional('to', when.to) };
    case 'ongoing':
      return { kind: 'ongoing', ...optional('since', when.since) };
  }
}

/** Each breach once, in the order ticked. */
function tidyBreaches(breaches: readonly BreachRef[]): BreachRef[] {
  const seen = new Set<string>();
  return breaches.flatMap(({ orderId, conditionId }) => {
    const key = JSON.stringify([orderId, conditionId]);
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ orderId, conditionId }];
  });
}

/** Rows with who, date and time all blank are dropped (an "Add" never filled in). */
function tidyTold(told: readonly ToldSomeone[]): ToldSomeone[] {
  return told
    .map((item) => ({ who: item.who.trim(), how: item.how, ...optional('date', item.date), ...optional('time', item.time) }))
    .filter((item) => item.who !== '' || item.date !== undefined || item.time !== undefined);
}

/**
 * What would be kept: ends of text trimmed, empty witness and "told" rows dropped, behaviours
 * in their canonical order, and no police reference or officer unless it was reported. Keys are
 * built in a fixed order so two tidy incidents compare equal as JSON. The fields that came with
 * issue 16 are always there (empty when absent), as every revision saved since holds them.
 */
export function tidyIncident(incident: Incident): Incident {
  const { reported } = incident;
  return {
    when: tidyWhen(incident.when),
    where: incident.where.trim(),
    whatHappened: incident.whatHappened.trim(),
    behaviours: orderedBehaviours(incident.behaviours),
    whoDidIt: incident.whoDidIt.trim(),
    witnesses: incident.witnesses
      .map((w) => ({ name: w.name.trim(), contact: w.contact.trim() }))
      .filter((w) => w.name !== '' || w.contact !== ''),
    evidenceElsewhere: incident.evidenceElsewhere.trim(),
    attachments: incident.attachments,
    reported: reported.reported
      ? { reported: true, ...optional('policeReference', reported.policeReference), ...optional('officer', reported.officer) }
      : { reported: false },
    effect: { howItFelt: incident.effect.howItFelt.trim(), whatItChanged: incident.effect.whatItChanged.trim() },
    breaches: tidyBreaches(incident.breaches ?? []),
    told: tidyTold(incident.told ?? []),
    privateNotes: (incident.privateNotes ?? '').trim(),
  };
}

/** Whether two incidents would be kept the same: so an untouched form is not "unsaved input". */
export function sameIncident(a: Incident, b: Incident): boolean {
  return JSON.stringify(tidyIncident(a)) === JSON.stringify(tidyIncident(b));
}

/** Every field whose text is too long to be kept: shown as soon as it happens, not only on saving. */
export function lengthErrors(incident: Incident): FieldErrors {
  const tidy = tidyIncident(incident);
  const errors: FieldErrors = {};
  for (const key of Object.keys(TEXT_LIMITS) as TextKey[]) {
    if (overlong(textOf(tidy, key), TEXT_LIMITS[key])) errors[key] = 'tooLong';
  }
  if (tidy.witnesses.some((w) => overlong(w.name, WITNESS_TEXT_LIMIT) || overlong(w.contact, WITNESS_TEXT_LIMIT))) {
    errors.witnesses = 'tooLong';
  }
  if ((tidy.told ?? []).some((item) => overlong(item.who, TOLD_WHO_LIMIT))) errors.told = 'tooLong';
  return errors;
}

function checkDate(errors: FieldErrors, key: FieldKey, value: string | undefined, today: IsoDate): boolean {
  if (value === undefined) return false;
  if (!isCalendarDate(value)) errors[key] = 'dateFormat';
  else if (value > today) errors[key] = 'future';
  else return true;
  return false;
}

function checkWhen(errors: FieldErrors, when: IncidentWhen, today: IsoDate): void {
  switch (when.kind) {
    case 'exact':
      if (when.date === '') errors.date = 'dateMissing';
      else checkDate(errors, 'date', when.date, today);
      if (when.time !== undefined && !isClockTime(when.time)) errors.time = 'timeFormat';
      return;
    case 'approximate': {
      const fromOk = checkDate(errors, 'from', when.from, today);
      const toOk = checkDate(errors, 'to', when.to, today);
      // Same-format ISO dates compare correctly as strings.
      if (fromOk && toOk && (when.from ?? '') > (when.to ?? '')) errors.to = 'toBeforeFrom';
      return;
    }
    case 'ongoing':
      checkDate(errors, 'since', when.since, today);
      return;
  }
}

/** Each person told: a real date not in the future, a clock time, and a time only with a date. */
function checkTold(errors: FieldErrors, told: readonly ToldSomeone[], today: IsoDate): void {
  for (const item of told) {
    if (errors.told !== undefined) return;
    const dateOk = item.date === undefined || checkDate(errors, 'told', item.date, today);
    if (!dateOk) return;
    if (item.time !== undefined && !isClockTime(item.time)) errors.told = 'timeFormat';
    else if (item.time !== undefined && item.date === undefined) errors.told = 'timeNeedsDate';
  }
}

/** parseIncident's field paths, mapped onto the form's fields. */
const PARSE_PATHS: [prefix: string, key: FieldKey][] = [
  ['when.date', 'date'],
  ['when.time', 'time'],
  ['when.description', 'description'],
  ['when.from', 'from'],
  ['when.to', 'to'],
  ['when.since', 'since'],
  ['whatHappened', 'whatHappened'],
  ['where', 'where'],
  ['whoDidIt', 'whoDidIt'],
  ['witnesses', 'witnesses'],
  ['evidenceElsewhere', 'evidenceElsewhere'],
  ['reported.policeReference', 'policeReference'],
  ['reported.officer', 'officer'],
  ['effect.howItFelt', 'howItFelt'],
  ['effect.whatItChanged', 'whatItChanged'],
  ['breaches', 'breaches'],
  ['told', 'told'],
  ['privateNotes', 'privateNotes'],
];

function fromParseError(error: string): [FieldKey, ErrorCode] {
  const key = PARSE_PATHS.find(([prefix]) => error.startsWith(`${prefix}:`) || error.startsWith(`${prefix}[`))?.[1] ?? 'form';
  if (/longer than|more than/.test(error)) return [key, 'tooLong'];
  if (error.includes('is before')) return [key, 'toBeforeFrom'];
  return [key, 'invalid'];
}

/**
 * Checks the form before saving: something to record (what happened, or at least one
 * behaviour), well-formed dates not in the future, and finally the same validation every
 * incident from outside goes through, on exactly the value that will be saved.
 */
export function checkIncident(incident: Incident, now: Date): CheckResult {
  const tidy = tidyIncident(incident);
  // Too long is said at once, with the other problems, rather than only once they are put right.
  const errors: FieldErrors = lengthErrors(tidy);
  if (tidy.whatHappened === '' && tidy.behaviours.length === 0) errors.whatHappened = 'empty';
  checkWhen(errors, tidy.when, localDate(now));
  checkTold(errors, tidy.told ?? [], localDate(now));
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = parseIncident(tidy);
  if (parsed.ok) return { ok: true, incident: parsed.value };
  for (const error of parsed.errors) {
    const [key, code] = fromParseError(error);
    errors[key] ??= code;
  }
  return { ok: false, errors };
}
