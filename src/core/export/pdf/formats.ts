// Dates, numbers, lists and sizes in the reader's language. Recorded moments carry their time
// zone, because a report may be read far from where it was written.

import { utcDay, type IsoDate } from '../../model/calendarDate';
import type { ReportTranslate } from './types';

export interface Formats {
  /** A recorded moment (ISO timestamp), e.g. "22 Nov 2026, 19:05 GMT". */
  moment(iso: string): string;
  /** A calendar date as typed ('YYYY-MM-DD'), without time-zone shifts. */
  date(date: IsoDate): string;
  number(value: number): string;
  /** A number with at most one decimal place. */
  decimal(value: number): string;
  list(items: readonly string[]): string;
}

function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, options);
  } catch {
    // An unknown time zone: the runtime's own is better than no report.
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: undefined });
  }
}

export function makeFormats(locale: string, timeZone?: string): Formats {
  const moment = dateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const number = new Intl.NumberFormat(locale);
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  return {
    moment: (iso) => moment.format(new Date(iso)),
    date: (value) => {
      const day = utcDay(value);
      // A date that does not parse is shown as it was written rather than as "Invalid Date".
      return day === null ? value : date.format(day);
    },
    number: (value) => number.format(value),
    decimal: (value) => decimal.format(value),
    list: (items) => list.format(items),
  };
}

const KIB = 1024;
const MIB = KIB * 1024;

/** A file size as people read it, with the exact byte count: "12.3 KB (12,601 bytes)". */
export function describeSize(bytes: number, t: ReportTranslate, formats: Formats): string {
  const exact = t('report:attachments.bytes', { count: bytes, bytes: formats.number(bytes) });
  if (bytes < KIB) return exact;
  const readable =
    bytes < MIB
      ? t('report:attachments.kilobytes', { value: formats.decimal(bytes / KIB) })
      : t('report:attachments.megabytes', { value: formats.decimal(bytes / MIB) });
  return t('report:attachments.sizeBoth', { readable, exact });
}
