import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../shared/hooks/useLocale';
import type { Overlong } from './formRules';

/** "This is too long to save: N characters, and the limit is M", numbers as the language writes them. */
export function useTooLongMessage(): (over: Overlong) => string {
  const { t } = useTranslation('incident');
  const number = new Intl.NumberFormat(useLocale());
  return ({ length, limit }) => t('errors.tooLongCount', { length: number.format(length), limit: number.format(limit) });
}
