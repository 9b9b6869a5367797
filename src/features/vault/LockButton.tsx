import { useTranslation } from 'react-i18next';
import { useVault } from '../../shared/vault/useVault';

/** Locks the diary in this tab and every other open tab. Shown only while unlocked. */
export function LockButton() {
  const { t } = useTranslation('vault');
  const { status, vault } = useVault();
  if (status !== 'unlocked') return null;
  return (
    <button type="button" className="button lock-button" onClick={() => vault.lock()}>
      {t('lock')}
    </button>
  );
}
