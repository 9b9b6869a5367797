import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { describeWhen, WHEN_NAMESPACE } from '../../core/model/describeWhen';
import type { IncidentWhen } from '../../core/model/incident';
import { useLocale } from '../hooks/useLocale';
import { formatCalendarDate } from './formatWhen';

/** When an incident happened, worded as the PDF words it: "12 Mar 2026 at 19:05", "Roughly: last winter". */
export function useDescribeWhen(): (when: IncidentWhen) => string {
  const { t } = useTranslation([WHEN_NAMESPACE]);
  const language = useLocale();
  return useCallback((when: IncidentWhen) => describeWhen(when, t, (date) => formatCalendarDate(date, language)), [t, language]);
}
