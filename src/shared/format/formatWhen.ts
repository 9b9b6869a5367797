import type { IncidentWhen } from '../../core/model/incident';
import { happenedOn } from '../../core/model/happened';
import { utcDay } from '../../core/model/calendarDate';

/** A recorded moment (ISO timestamp) in the user's language, e.g. "22 Nov 2026, 19:05". */
export function formatMoment(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A calendar date typed by the user ('YYYY-MM-DD'), shown without time-zone shifts. */
export function formatCalendarDate(date: string, language: string): string {
  const day = utcDay(date);
  // Parsing refuses impossible dates; should one reach here, it is shown as it was written.
  return day ? new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(day) : date;
}

/** Month heading for the timeline, e.g. "November 2026". */
export function formatMonth(date: string, language: string): string {
  const [y, m] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1)),
  );
}

/** A list of names in the user's language, e.g. "Following, Threats and Violence". */
export function formatList(items: readonly string[], language: string): string {
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items);
}

/** The date an incident sorts and groups by: when it happened, as far as is known. */
export function incidentDate(when: IncidentWhen, fallbackIso: string): string {
  return happenedOn(when, fallbackIso);
}
