import { useTranslation } from 'react-i18next';
import { LANGUAGES, type LanguageCode } from '../../i18n/languages';

/**
 * Shown after a language is chosen on the set-up or lock screen: that choice lasts for this
 * visit only, because nothing is stored while the diary is locked. Loaded only then, so the
 * first screen does not carry it. A translation not yet reviewed by a native speaker says so, in
 * its own language.
 */
export function VisitLanguageHint({ language }: { language: LanguageCode }) {
  const { t } = useTranslation('settings');
  const chosen = LANGUAGES.find((each) => each.code === language);
  return (
    <p className="hint" role="status">
      {t('language.forThisVisit')}
      {chosen && !chosen.reviewed && (
        <>
          {' '}
          <span lang={chosen.code} dir="auto">
            {chosen.unreviewed}.
          </span>
        </>
      )}
    </p>
  );
}
