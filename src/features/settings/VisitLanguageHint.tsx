import { useTranslation } from 'react-i18next';

/**
 * Shown after a language is chosen on the set-up or lock screen: that choice lasts for this
 * visit only, because nothing is stored while the diary is locked. Loaded only then, so the
 * first screen does not carry it.
 */
export function VisitLanguageHint() {
  const { t } = useTranslation('settings');
  return (
    <p className="hint" role="status">
      {t('language.forThisVisit')}
    </p>
  );
}
