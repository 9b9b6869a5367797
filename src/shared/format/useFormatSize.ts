import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../hooks/useLocale';

const KIB = 1024;
const MIB = 1024 * 1024;

/** Sizes as people read them (1024-based, one decimal), in the current language. */
export function useFormatSize(): { size: (bytes: number) => string; megabytes: (bytes: number) => string } {
  const { t } = useTranslation('attachments');
  const locale = useLocale();
  return useMemo(() => {
    // Made on first use: the first number format of a page loads the locale's data, tens of
    // milliseconds on a phone, and screens such as the start-up share notice rarely show a size.
    let number: Intl.NumberFormat | undefined;
    const format = (value: number) => (number ??= new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })).format(value);
    const megabytes = (bytes: number) => format(bytes / MIB);
    const size = (bytes: number) => {
      if (bytes < KIB) return t('size.bytes', { count: bytes });
      if (bytes < MIB) return t('size.kilobytes', { value: format(bytes / KIB) });
      return t('size.megabytes', { value: megabytes(bytes) });
    };
    return { size, megabytes };
  }, [locale, t]);
}
