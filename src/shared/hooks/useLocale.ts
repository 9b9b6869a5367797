import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE } from '../../i18n/languages';

/** The language on screen, for Intl formatting (dates, lists, numbers); the default until i18next has resolved one. */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? DEFAULT_LANGUAGE;
}
