import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { helplinesFor } from '../../content/helplines';
import { NATIONS, toNation, type Nation } from '../../core/model/helpline';
import { usePreferences } from '../../shared/prefs/usePreferences';
import { HelplineCard } from './HelplineCard';
import { useNow } from './useNow';

/** The helpline directory: a remembered nation choice, then UK-wide and that nation's lines. */
export function HelplineDirectory() {
  const { t } = useTranslation('help');
  const preferences = usePreferences();
  const [nation, setNation] = useState<Nation>(() => toNation(preferences.read('nation')));
  const now = useNow();
  const choose = (value: Nation) => {
    setNation(value);
    preferences.write('nation', value);
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
      <p className="hint">{t('directory.nation.remembered')}</p>
      <ul className="helpline-list">
        {helplinesFor(nation).map((entry) => (
          <HelplineCard key={entry.id} entry={entry} now={now} />
        ))}
      </ul>
    </section>
  );
}
