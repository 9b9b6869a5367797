import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AutoLockSetting } from './AutoLockSetting';
import { ChangePassphraseForm } from './ChangePassphraseForm';
import { EraseEverything } from './EraseEverything';
import { KeyReplacementProgress } from './KeyReplacementProgress';
import { NewRecoveryKeyForm } from './NewRecoveryKeyForm';
import { useVault } from '../../shared/vault/useVault';

/** Passphrase, recovery key, auto-lock and erase: only while the diary is unlocked. */
export function SecuritySettings() {
  const { t } = useTranslation('vault');
  const { status } = useVault();
  return (
    <section aria-labelledby="settings-security">
      <h2 id="settings-security">{t('security.title')}</h2>
      {status === 'unlocked' ? (
        <>
          <KeyReplacementProgress />
          <ChangePassphraseForm />
          <NewRecoveryKeyForm />
          <AutoLockSetting />
          <EraseEverything />
        </>
      ) : (
        <p>
          {status === 'none' ? t('security.noDiary') : t('security.locked')} <Link to="/">{t('security.goToDiary')}</Link>
        </p>
      )}
    </section>
  );
}
