import { useTranslation } from 'react-i18next';
import { LanguageSetting } from './LanguageSetting';
import { QuickExitSetting } from './QuickExitSetting';

export function SettingsScreen() {
  const { t } = useTranslation('settings');
  return (
    <article className="screen">
      <h1>{t('title')}</h1>
      <LanguageSetting />
      <QuickExitSetting />
    </article>
  );
}
