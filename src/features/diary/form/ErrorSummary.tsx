import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary as FormErrorSummary } from '../../../shared/ui/ErrorSummary';
import { fieldId, type FieldKey } from './formRules';

export interface SummaryItem {
  key: FieldKey;
  text: string;
}

interface ErrorSummaryProps {
  items: readonly SummaryItem[];
  ref?: Ref<HTMLDivElement>;
}

/** The incident form's problems, each linking to its field (a problem of the whole form has no field). */
export function ErrorSummary({ items, ref }: ErrorSummaryProps) {
  const { t } = useTranslation('incident');
  const linked = items.map(({ key, text }) => (key === 'form' ? { key, text } : { key, text, target: fieldId(key) }));
  return <FormErrorSummary ref={ref} items={linked} title={t('errors.summaryTitle')} name="incident" />;
}
