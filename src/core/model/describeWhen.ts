// When an incident happened, in words: one wording for the screens, the PDF and the CSV, so a
// report never reads differently from what the person saw in the app. Pure: the caller brings
// its own translation function and date format, so this runs under React, in Node and in a worker.

import type { IsoDate } from './calendarDate';
import type { IncidentWhen } from './incident';

/** The i18next namespace that holds the wording; load it before calling describeWhen. */
export const WHEN_NAMESPACE = 'incident';

type WhenPhrase =
  'exactWithTime' | 'approximate' | 'approximateRange' | 'unknown' | 'between' | 'notBefore' | 'notAfter' | 'ongoing' | 'ongoingSince';

/** A key of the wording, namespace included, so any i18next `t` that has the namespace loaded finds it. */
export type WhenKey = `incident:happened.${WhenPhrase}`;

/** The part of i18next's `t` that describeWhen uses. */
export type WhenTranslate = (key: WhenKey, values?: Readonly<Record<string, string>>) => string;

/** "12 Mar 2026 at 19:05", "Roughly: last winter (between 1 Dec 2025 and 28 Feb 2026)", "Ongoing since 3 Jan 2026". */
export function describeWhen(when: IncidentWhen, t: WhenTranslate, formatDate: (date: IsoDate) => string): string {
  switch (when.kind) {
    case 'exact': {
      const date = formatDate(when.date);
      return when.time ? t('incident:happened.exactWithTime', { date, time: when.time }) : date;
    }
    case 'approximate': {
      const range = approximateRange(when.from, when.to, t, formatDate);
      const description = when.description.trim() || t('incident:happened.unknown');
      return range === undefined
        ? t('incident:happened.approximate', { description })
        : t('incident:happened.approximateRange', { description, range });
    }
    case 'ongoing':
      return when.since ? t('incident:happened.ongoingSince', { date: formatDate(when.since) }) : t('incident:happened.ongoing');
  }
}

/** The dates a rough "when" lies between, as far as they are known. */
function approximateRange(
  from: IsoDate | undefined,
  to: IsoDate | undefined,
  t: WhenTranslate,
  formatDate: (date: IsoDate) => string,
): string | undefined {
  if (from && to) return t('incident:happened.between', { from: formatDate(from), to: formatDate(to) });
  if (from) return t('incident:happened.notBefore', { date: formatDate(from) });
  if (to) return t('incident:happened.notAfter', { date: formatDate(to) });
  return undefined;
}
