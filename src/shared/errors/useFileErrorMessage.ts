import { useTranslation } from 'react-i18next';
import { fileErrorCode } from '../../core/export/fileErrorCode';

/** Turns any failure to make, open or restore a file into a translated sentence. */
export function useFileErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation('export');
  return (error) => t(`errors.${fileErrorCode(error)}`);
}
