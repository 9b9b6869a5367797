import { useMemo } from 'react';
import { MAX_LISTED_ITEMS } from '../../core/inbox/inbox';
import { useLocale } from '../../shared/hooks/useLocale';

/** How many items New items shows at most, written as numbers are in the language on screen. */
export function useInboxLimit(): string {
  const locale = useLocale();
  return useMemo(() => new Intl.NumberFormat(locale).format(MAX_LISTED_ITEMS), [locale]);
}
