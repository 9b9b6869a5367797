import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLanguage } from '../../i18n';
import { LANGUAGES, toSupportedLanguage } from '../../i18n/languages';

/** Manual language switch; the choice is remembered on this device. */
export function LanguageSetting() {
  const { t, i18n } = useTranslation('settings');
  // The radio follows the click at once; the language itself follows when its text has loaded.
  const [selected, setSelected] = useState(() => toSupportedLanguage(i18n.resolvedLanguage));
  return (
    <section aria-labelledby="settings-language">
      <h2 id="settings-language">{t('language.title')}</h2>
      <fieldset className="choice-group">
        <legend>{t('language.legend')}</legend>
        {LANGUAGES.map((language) => (
          <label key={language.code} className="choice" lang={language.code}>
            <input
              type="radio"
              name="language"
              value={language.code}
              checked={selected === language.code}
              onChange={() => {
                setSelected(language.code);
                void chooseLanguage(language.code);
              }}
            />
            <span>
              {language.nativeName}
              {!language.reviewed && (
                <span className="hint language-unreviewed" dir="auto">
                  {language.unreviewed}
                </span>
              )}
            </span>
          </label>
        ))}
      </fieldset>
      <p className="hint">{t('language.remembered')}</p>
    </section>
  );
}
