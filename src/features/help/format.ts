import type { TFunction } from 'i18next';
import { groupWeeklyHours } from '../../core/help/openingHours';
import type { OpeningHours, Source, SourceDate, TimeRange, Weekday } from '../../core/model/helpline';

type HelpT = TFunction<'help'>;

const MONTHS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;

/** "21 April 2023", "June 2023" or "2019" in the current language; null when undated. */
export function formatSourceDate(t: HelpT, date: SourceDate): string | null {
  if (date === null) return null;
  const [year = '', month, day] = date.split('-');
  const monthKey = month === undefined ? undefined : MONTHS[Number(month) - 1];
  if (monthKey === undefined) return year;
  const monthName = t(`dates.months.${monthKey}`);
  if (day === undefined) return t('dates.month', { month: monthName, year });
  return t('dates.day', { day: String(Number(day)), month: monthName, year });
}

export function formatSource(t: HelpT, source: Source): string {
  const cite = source.cite.join('; ');
  const checked = formatSourceDate(t, source.checked) ?? source.checked;
  const date = formatSourceDate(t, source.date);
  return date === null ? t('source.undated', { cite, checked }) : t('source.dated', { cite, date, checked });
}

/** "A", "A and B", "A, B and C" with the language's own "and". */
function joinList(t: HelpT, items: string[]): string {
  if (items.length <= 1) return items.join('');
  return t('directory.hours.and', { list: items.slice(0, -1).join(', '), last: items.at(-1) ?? '' });
}

/** The days of one group: "Monday to Friday", "Monday, Tuesday, Thursday and Friday". */
function formatDays(t: HelpT, runs: readonly (readonly Weekday[])[]): string {
  const parts: string[] = [];
  // Welsh needs a capital at the start and a mutation after "i" ("to"); English is the same word.
  const name = (day: Weekday) => (parts.length === 0 ? t(`directory.days.start.${day}`) : t(`directory.days.mid.${day}`));
  for (const run of runs) {
    const first = run[0];
    const last = run.at(-1);
    if (!first || !last) continue;
    if (run.length >= 3) {
      parts.push(t('directory.hours.dayRange', { from: name(first), to: t(`directory.days.afterTo.${last}`) }));
    } else {
      for (const day of run) parts.push(name(day));
    }
  }
  return joinList(t, parts);
}

function formatTimes(t: HelpT, ranges: readonly TimeRange[]): string {
  return joinList(
    t,
    ranges.map((range) => t('directory.hours.timeRange', { from: range.from, to: range.to })),
  );
}

/** The hours of a line as sentences, or the "check their website" wording. */
export function formatHours(t: HelpT, hours: OpeningHours): string[] {
  switch (hours.kind) {
    case 'always':
      return [t('directory.hours.always')];
    case 'check-website':
      return [t('directory.hours.checkWebsite')];
    case 'weekly': {
      const lines = groupWeeklyHours(hours.days).map((group) =>
        t('directory.hours.line', { days: formatDays(t, group.runs), times: formatTimes(t, group.ranges) }),
      );
      return [
        t('directory.hours.label', { hours: `${lines.join('; ')}.` }),
        hours.bankHolidays === 'closed' ? t('directory.hours.closedOnBankHolidays') : t('directory.hours.bankHolidaysNotStated'),
      ];
    }
  }
}
