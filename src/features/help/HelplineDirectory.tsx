import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { helplinesFor } from '../../content/helplines';
import { NATIONS, type Nation } from '../../core/model/helpline';
import { usePreferences } from '../../shared/prefs/usePreferences';
import { HelplineCard } from './HelplineCard';
import { useNow } from './useNow';

/**
 * The helpline directory: a nation choice, then UK-wide and that nation's lines. The choice is
 * kept in memory for this visit only (see Preferences.helplineNation), never stored.
 */
export function HelplineDirectory() {
  const { t } = useTranslation('help');
  const preferences = usePreferences();
  const [nation, setNation] = useState<Nation>(() => preferences.helplineNation());
  const now = useNow();
  const choose = (value: Nation) => {
    setNation(value);
    preferences.setHelplineNation(value);
  };
  return (
    <section id="helplines" aria-labelledby="help-helplines">
      <h2 id="help-helplines">{t('directory.title')}</h2>
      <p>{t('directory.intro')}</p>
      <fieldset className="choice-group help-nations">
        <legend>{t('directory.nation.legend')}</legend>
        {NATIONS.map((value) => (
          <label key={value} className="choice">
            <input type="radio" name="nation" value={value} checked={nation === value} onChange={() => choose(value)} />
            <span>{t(`directory.nation.${value}`)}</span>
          </label>
        ))}
      </fieldset>
      <p className="hint">{t('directory.nation.forThisVisit')}</p>
      <ul className="helpline-list">
        {helplinesFor(nation).map((entry) => (
          <HelplineCard key={entry.id} entry={entry} now={now} />
        ))}
      </ul>
    </section>
  );
}
