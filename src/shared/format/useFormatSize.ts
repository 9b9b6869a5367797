import { useTranslation } from 'react-i18next';
import { useLocale } from '../hooks/useLocale';

const KIB = 1024;
const MIB = 1024 * 1024;

/** Sizes as people read them (1024-based, one decimal), in the current language. */
export function useFormatSize(): { size: (bytes: number) => string; megabytes: (bytes: number) => string } {
  const { t } = useTranslation('attachments');
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const megabytes = (bytes: number) => number.format(bytes / MIB);
  const size = (bytes: number) => {
    if (bytes < KIB) return t('size.bytes', { count: bytes });
    if (bytes < MIB) return t('size.kilobytes', { value: number.format(bytes / KIB) });
    return t('size.megabytes', { value: megabytes(bytes) });
  };
  return { size, megabytes };
}
