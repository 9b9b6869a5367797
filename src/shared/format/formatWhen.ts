import type { IncidentWhen } from '../../core/model/incident';
import { happenedOn } from '../../core/model/happened';
import { utcDay } from '../../core/model/calendarDate';

/**
 * One formatter per language and style (and zone, for moments), made once: building an Intl
 * formatter costs far more than using it (in one CPU profile of opening an incident at 4x,
 * formatMoment took 10 ms, nearly all in making formatters). Bounded by the languages a device
 * is shown in, times the zones it has been in.
 */
function cachedFormat<F>(make: (language: string) => F, keyOf = (language: string) => language): (language: string) => F {
  const made = new Map<string, F>();
  return (language) => {
    const key = keyOf(language);
    let format = made.get(key);
    if (format === undefined) {
      format = make(language);
      made.set(key, format);
    }
    return format;
  };
}

/**
 * The device's zone as far as Date can tell cheaply: its offset now, in January and in July. A
 * formatter without a time zone keeps the zone it was made in, so moments are keyed by this too:
 * a phone that has moved zones shows them in its new one (two zones alike in all three are taken
 * as one).
 */
function zoneNow(): string {
  const year = new Date().getFullYear();
  return [new Date(), new Date(year, 0, 1), new Date(year, 6, 1)].map((date) => date.getTimezoneOffset()).join(' ');
}

const momentFormat = cachedFormat(
  (language) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }),
  (language) => `${language} ${zoneNow()}`,
);

const calendarDateFormat = cachedFormat((language) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }));
const monthFormat = cachedFormat((language) => new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }));
const listFormat = cachedFormat((language) => new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }));

/** A recorded moment (ISO timestamp) in the user's language, e.g. "22 Nov 2026, 19:05". */
export function formatMoment(iso: string, language: string): string {
  return momentFormat(language).format(new Date(iso));
}

/** A calendar date typed by the user ('YYYY-MM-DD'), shown without time-zone shifts. */
export function formatCalendarDate(date: string, language: string): string {
  const day = utcDay(date);
  // Parsing refuses impossible dates; should one reach here, it is shown as it was written.
  return day ? calendarDateFormat(language).format(day) : date;
}

/** Month heading for the timeline, e.g. "November 2026". */
export function formatMonth(date: string, language: string): string {
  const [y, m] = date.split('-').map(Number);
  return monthFormat(language).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1)));
}

/** A list of names in the user's language, e.g. "Following, Threats and Violence". */
export function formatList(items: readonly string[], language: string): string {
  return listFormat(language).format(items);
}

/** The date an incident sorts and groups by: when it happened, as far as is known. */
export function incidentDate(when: IncidentWhen, fallbackIso: string): string {
  return happenedOn(when, fallbackIso);
}
