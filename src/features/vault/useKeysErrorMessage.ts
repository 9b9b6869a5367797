import { useTranslation } from 'react-i18next';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';

/** The vault's error messages, and the two only a replacement of the data key can meet. */
export function useKeysErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation('keys');
  const vaultMessage = useVaultErrorMessage();
  return (error) => {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'vault/key-replacement-unfinished') return t('errors.unfinished');
    if (code === 'vault/header-changed') return t('errors.headerChanged');
    return vaultMessage(error);
  };
}
