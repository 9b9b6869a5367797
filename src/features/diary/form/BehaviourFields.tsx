import { useTranslation } from 'react-i18next';
import { BEHAVIOURS, withBehaviour, type Behaviour } from '../../../core/model/behaviours';

interface BehaviourFieldsProps {
  chosen: readonly Behaviour[];
  onChange: (behaviours: Behaviour[]) => void;
}

/** Every kind of behaviour, as checkboxes; kept in the canonical order whatever the order of ticking. */
export function BehaviourFields({ chosen, onChange }: BehaviourFieldsProps) {
  const { t } = useTranslation('incident');
  const toggle = (behaviour: Behaviour, on: boolean) => onChange(withBehaviour(chosen, behaviour, on));
  return (
    <fieldset className="incident-group" aria-describedby="incident-behaviours-hint">
      <legend>{t('behaviours.legend')}</legend>
      <p id="incident-behaviours-hint" className="hint">
        {t('behaviours.hint')}
      </p>
      <div className="choice-group incident-behaviours">
        {BEHAVIOURS.map((behaviour) => (
          <label key={behaviour} className="choice">
            <input
              type="checkbox"
              name="incident-behaviours"
              value={behaviour}
              checked={chosen.includes(behaviour)}
              onChange={(event) => toggle(behaviour, event.target.checked)}
            />
            <span>{t(`behaviours.${behaviour}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
