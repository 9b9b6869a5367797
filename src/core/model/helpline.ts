/**
 * Helplines and the facts Daybook shows about them. The data itself lives in src/content;
 * this file holds the types and the checks every entry must pass (see test/content).
 * Nothing here is personal: it is the same for every user.
 */

import { isCalendarDate } from './calendarDate';

export const NATIONS = ['england', 'wales', 'scotland', 'northern-ireland'] as const;
export type Nation = (typeof NATIONS)[number];
export const DEFAULT_NATION: Nation = 'england';

/** Reads a stored nation choice; anything unknown falls back to England. */
export function toNation(value: string | null | undefined): Nation {
  return (NATIONS as readonly string[]).includes(value ?? '') ? (value as Nation) : DEFAULT_NATION;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A period within one day in UK local time, "HH:MM" 24-hour; from is included, to is not. */
export interface TimeRange {
  readonly from: string;
  readonly to: string;
}

/**
 * Opening hours as structured data.
 * - always: 24 hours a day, every day.
 * - weekly: ranges per weekday (a day left out is closed). Bank holidays cannot be known
 *   offline, so the entry says what its source says about them: 'closed' or 'not-stated'.
 * - check-website: the reference marks the hours unverified or disputed, so Daybook shows no
 *   hours and never claims open or closed.
 */
export type OpeningHours =
  | { readonly kind: 'always' }
  | {
      readonly kind: 'weekly';
      readonly days: Readonly<Partial<Record<Weekday, readonly TimeRange[]>>>;
      readonly bankHolidays: 'closed' | 'not-stated';
    }
  | { readonly kind: 'check-website'; readonly why: 'unverified' | 'disputed' };

/**
 * A date as precise as the source gives it: "2023", "2023-06" or "2023-04-21";
 * null for an undated source.
 */
export type SourceDate = string | null;

export interface Source {
  /** Where the fact comes from, as short references (web addresses without their scheme). */
  readonly cite: readonly string[];
  /** The date the source shows. */
  readonly date: SourceDate;
  /** When Daybook last checked the fact against the reference sheet, "YYYY-MM-DD". */
  readonly checked: string;
}

export type PhoneKind = 'call' | 'text' | 'textphone';

export interface PhoneNumber {
  readonly kind: PhoneKind;
  /** Shown as written, digits in groups separated by single spaces, e.g. "0808 802 0300". */
  readonly display: string;
}

/** Facts about a line that need saying, each from the reference sheet. */
export type HelplineNote = 'not-on-bt-bills';

export interface Helpline<Id extends string = string> {
  readonly id: Id;
  /** Who the line is for; every nation listed sees it (all four: UK-wide). */
  readonly nations: readonly Nation[];
  readonly phones: readonly PhoneNumber[];
  readonly emails: readonly string[];
  /** A web address shown as text, without https:// (never fetched by the app). */
  readonly website: string | null;
  /** Other ways in, where the source says they exist (addresses not given there). */
  readonly otherWays: readonly ('live-chat' | 'webchat' | 'email' | 'interpreters' | 'call-back' | 'online-report')[];
  readonly hours: OpeningHours;
  /** True only where the reference says calls are free. */
  readonly free: boolean;
  readonly notes: readonly HelplineNote[];
  readonly source: Source;
}

/**
 * The usual UK grouping of a number's digits: 020 xxxx xxxx for London, 07xxx xxxxxx for
 * mobiles, 0xxx xxx xxxx for 03, 08 and other non-geographic numbers, 116 xxx for the
 * harmonised helplines; short codes as they are.
 */
export function ukGrouping(digits: string): string {
  if (/^02\d{9}$/.test(digits)) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  if (/^07\d{9}$/.test(digits)) return `${digits.slice(0, 5)} ${digits.slice(5)}`;
  if (/^0\d{10}$/.test(digits)) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  if (/^116\d{3}$/.test(digits)) return `${digits.slice(0, 3)} ${digits.slice(3)}`;
  if (digits.startsWith('18001') && digits.length > 5) return `18001 ${ukGrouping(digits.slice(5))}`;
  return digits;
}

/** The digits of a displayed number, for tel: and sms: links. */
export function phoneDigits(display: string): string {
  return display.replace(/\D/g, '');
}

export function telHref(display: string): string {
  return `tel:${phoneDigits(display)}`;
}

export function smsHref(display: string): string {
  return `sms:${phoneDigits(display)}`;
}

/**
 * Whether a number is a valid UK number Daybook may show: an 11-digit number starting 0
 * (landline, mobile, 03, 08 or 0800), the emergency and non-emergency numbers, the 116 helpline
 * codes, or Relay UK's 18000 / 18001 prefix followed by a number.
 */
export function isUkPhoneNumber(display: string): boolean {
  if (!/^\d+( \d+)*$/.test(display)) return false;
  const digits = phoneDigits(display);
  if (digits === '999' || digits === '112' || digits === '101' || digits === '18000') return true;
  if (/^116\d{3}$/.test(digits)) return true;
  if (digits.startsWith('18001')) return isUkPhoneNumber(digits.slice(5));
  return /^0[1-9]\d{9}$/.test(digits);
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Minutes since midnight of "HH:MM". */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** A source date as precise as it is given: a year or a month stands for its first day. */
function isValidSourceDate(value: string): boolean {
  return isCalendarDate(value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value);
}

export function validateHours(hours: OpeningHours): string[] {
  const problems: string[] = [];
  if (hours.kind === 'weekly') {
    const days = Object.entries(hours.days) as [string, readonly TimeRange[]][];
    if (days.length === 0) problems.push('weekly hours with no open day');
    for (const [day, ranges] of days) {
      if (!(WEEKDAYS as readonly string[]).includes(day)) problems.push(`unknown weekday ${day}`);
      if (ranges.length === 0) problems.push(`${day}: empty list (leave the day out instead)`);
      let end = -1;
      for (const range of ranges) {
        if (!TIME.test(range.from) || !TIME.test(range.to)) {
          problems.push(`${day}: bad time ${range.from}-${range.to}`);
          continue;
        }
        const from = minutesOf(range.from);
        const to = minutesOf(range.to);
        if (from >= to) problems.push(`${day}: ${range.from} is not before ${range.to}`);
        if (from < end) problems.push(`${day}: ranges overlap or are out of order`);
        end = to;
      }
    }
    if (hours.bankHolidays !== 'closed' && hours.bankHolidays !== 'not-stated') problems.push('bankHolidays must be closed or not-stated');
  } else if (hours.kind === 'check-website') {
    if (hours.why !== 'unverified' && hours.why !== 'disputed') problems.push('check-website needs why');
  } else if (hours.kind !== 'always') {
    problems.push('unknown hours kind');
  }
  return problems;
}

export function validateSource(source: Source): string[] {
  const problems: string[] = [];
  if (source.cite.length === 0 || source.cite.some((c) => c.trim() === '')) problems.push('source needs at least one citation');
  if (source.cite.some((c) => /^https?:/i.test(c))) problems.push('cite addresses without the scheme');
  if (source.date !== null && !isValidSourceDate(source.date)) problems.push(`bad source date ${source.date}`);
  if (!isCalendarDate(source.checked)) problems.push(`bad checked date ${source.checked}`);
  return problems;
}

const EMAIL = /^[^\s@<>()]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const WEBSITE = /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/[\w\-./]*)?$/i;

/** Every problem with one entry; an empty list means it is fit to show. */
export function validateHelpline(entry: Helpline): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(entry.id)) problems.push('id must be kebab-case');
  if (entry.nations.length === 0) problems.push('serves no nation');
  if (new Set(entry.nations).size !== entry.nations.length) problems.push('nation listed twice');
  for (const nation of entry.nations) if (!(NATIONS as readonly string[]).includes(nation)) problems.push(`unknown nation ${nation}`);
  if (entry.phones.length === 0 && entry.emails.length === 0 && entry.website === null && entry.otherWays.length === 0) {
    problems.push('no way to contact it');
  }
  for (const phone of entry.phones) {
    if (!['call', 'text', 'textphone'].includes(phone.kind)) problems.push(`unknown phone kind ${phone.kind}`);
    if (!isUkPhoneNumber(phone.display)) problems.push(`not a UK number: ${phone.display}`);
    if (phone.kind === 'text' && !/^07\d{9}$/.test(phoneDigits(phone.display)))
      problems.push(`text number must be a mobile: ${phone.display}`);
  }
  for (const email of entry.emails) if (!EMAIL.test(email)) problems.push(`bad email ${email}`);
  if (entry.website !== null && !WEBSITE.test(entry.website)) problems.push(`website without scheme expected: ${entry.website}`);
  problems.push(...validateHours(entry.hours));
  problems.push(...validateSource(entry.source));
  return problems.map((p) => `${entry.id}: ${p}`);
}
