import { useTranslation } from 'react-i18next';

const KIB = 1024;
const MIB = 1024 * 1024;

/** Sizes as people read them (1024-based, one decimal), in the current language. */
export function useFormatSize(): { size: (bytes: number) => string; megabytes: (bytes: number) => string } {
  const { t, i18n } = useTranslation('attachments');
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? i18n.language, { maximumFractionDigits: 1 });
  const megabytes = (bytes: number) => number.format(bytes / MIB);
  const size = (bytes: number) => {
    if (bytes < KIB) return t('size.bytes', { count: bytes });
    if (bytes < MIB) return t('size.kilobytes', { value: number.format(bytes / KIB) });
    return t('size.megabytes', { value: megabytes(bytes) });
  };
  return { size, megabytes };
}
