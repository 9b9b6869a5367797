import { useTranslation } from 'react-i18next';
import { LanguageSetting } from './LanguageSetting';
import { QuickExitSetting } from './QuickExitSetting';
import { SecuritySettings } from '../vault/SecuritySettings';
import { StorageStatus } from '../vault/StorageStatus';
import { DataSettings } from './DataSettings';

export function SettingsScreen() {
  const { t } = useTranslation('settings');
  return (
    <article className="screen">
      <h1>{t('title')}</h1>
      <LanguageSetting />
      <QuickExitSetting />
      <SecuritySettings />
      <StorageStatus />
      <DataSettings />
    </article>
  );
}
