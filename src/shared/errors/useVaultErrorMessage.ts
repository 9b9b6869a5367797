import { useTranslation } from 'react-i18next';
import { vaultErrorCode } from '../../core/vault/errorCodes';
import { UnlockThrottledError } from '../../core/vault/vault';

/** Turns any vault failure into a translated sentence for the user. */
export function useVaultErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation('vault');
  return (error) => {
    const code = vaultErrorCode(error);
    if (error instanceof UnlockThrottledError) {
      return t('errors.throttled', { count: Math.ceil(error.waitMs / 1000) });
    }
    return t(`errors.${code}`);
  };
}
