import type { TFunction } from 'i18next';
import type { IncidentWhen } from '../../core/model/incident';
import { formatCalendarDate } from './formatWhen';

/** "12 Mar 2026 at 19:05", "Around: last winter (1 Dec 2025 to 28 Feb 2026)", "Ongoing since …". */
export function describeWhen(when: IncidentWhen, t: TFunction<'diary'>, language: string): string {
  const date = (iso: string) => formatCalendarDate(iso, language);
  if (when.kind === 'exact') return when.time ? t('when.exactWithTime', { date: date(when.date), time: when.time }) : date(when.date);
  if (when.kind === 'ongoing') return when.since ? t('when.ongoingSince', { date: date(when.since) }) : t('when.ongoing');
  const { from, to } = when;
  const range = from && to && from !== to ? t('when.range', { from: date(from), to: date(to) }) : from || to ? date(from ?? to ?? '') : '';
  const description = when.description.trim();
  if (description && range) return t('when.approximateRange', { description, range });
  return t('when.approximate', { description: description || range });
}
