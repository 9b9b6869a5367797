import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSetting } from './LanguageSetting';
import { QuickExitSetting } from './QuickExitSetting';
import { DataSettings } from './DataSettings';

/**
 * Settings. `vaultSettings` (security and storage) come from the vault feature; the app composes
 * them in. The app shows this screen only while the diary is unlocked (see app/routes.tsx): the
 * locked state reads a stored copy of these choices and cannot change it.
 */
export function SettingsScreen({ vaultSettings }: { vaultSettings?: ReactNode }) {
  const { t } = useTranslation('settings');
  return (
    <article className="screen">
      <h1>{t('title')}</h1>
      <p>{t('unlockedOnly')}</p>
      <LanguageSetting />
      <QuickExitSetting />
      {vaultSettings}
      <DataSettings />
    </article>
  );
}
