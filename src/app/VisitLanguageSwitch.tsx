import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, toSupportedLanguage, type LanguageCode } from '../i18n/languages';

const VisitLanguageHint = lazy(async () => ({ default: (await import('../features/settings/VisitLanguageHint')).VisitLanguageHint }));

/**
 * On the set-up and lock screens: the other languages, each named in itself, to switch to for
 * this visit only. Nothing is stored while the diary is locked; Settings, once unlocked,
 * remembers a choice on this device. Kept small because it is part of the first screen.
 */
export function VisitLanguageSwitch() {
  const { i18n } = useTranslation();
  const [switched, setSwitched] = useState<LanguageCode | null>(null);
  const current = toSupportedLanguage(i18n.resolvedLanguage);
  return (
    <div className="visit-language">
      <p className="button-row">
        {LANGUAGES.filter((language) => language.code !== current).map((language) => (
          <button
            key={language.code}
            type="button"
            className="button"
            lang={language.code}
            onClick={() => {
              setSwitched(language.code);
              // Every namespace in use loads first, so the screen switches in one step.
              void i18n.loadLanguages(language.code).then(() => i18n.changeLanguage(language.code));
            }}
          >
            {language.nativeName}
          </button>
        ))}
      </p>
      {switched && (
        <Suspense fallback={null}>
          <VisitLanguageHint language={switched} />
        </Suspense>
      )}
    </div>
  );
}
