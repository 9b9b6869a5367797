import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentWhen } from '../../core/model/incident';
import { describeWhen } from './describeWhen';

/** "12 Mar 2026 at 19:05", "Around: last winter (1 Dec 2025 to 28 Feb 2026)", "Ongoing since …". */
export function useDescribeWhen(): (when: IncidentWhen) => string {
  const { t, i18n } = useTranslation('diary');
  const language = i18n.resolvedLanguage ?? 'en-GB';
  return useCallback((when: IncidentWhen) => describeWhen(when, t, language), [t, language]);
}
