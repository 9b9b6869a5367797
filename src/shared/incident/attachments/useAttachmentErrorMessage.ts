import { useTranslation } from 'react-i18next';
import { AttachmentCorruptError } from '../../../core/store/attachmentStore';
import { useVaultErrorMessage } from '../../errors/useVaultErrorMessage';

/** Why a stored attachment could not be shown, in the user's language. */
export function useAttachmentErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation('attachments');
  const vaultMessage = useVaultErrorMessage();
  return (error) => (error instanceof AttachmentCorruptError ? t('list.corrupt') : vaultMessage(error));
}
