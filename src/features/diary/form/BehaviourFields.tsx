import { useTranslation } from 'react-i18next';
import { BEHAVIOURS, withBehaviour, type Behaviour } from '../../../core/model/behaviours';
import { Choices } from '../../../shared/ui/Choice';
import { Fieldset } from '../../../shared/ui/Fieldset';

interface BehaviourFieldsProps {
  chosen: readonly Behaviour[];
  onChange: (behaviours: Behaviour[]) => void;
}

/** Every kind of behaviour, as checkboxes; kept in the canonical order whatever the order of ticking. */
export function BehaviourFields({ chosen, onChange }: BehaviourFieldsProps) {
  const { t } = useTranslation('incident');
  return (
    <Fieldset className="incident-group" legend={t('behaviours.legend')} hint={t('behaviours.hint')} hintId="incident-behaviours-hint">
      <div className="choice-group incident-behaviours">
        <Choices
          type="checkbox"
          name="incident-behaviours"
          options={BEHAVIOURS}
          isChecked={(behaviour) => chosen.includes(behaviour)}
          onChange={(behaviour, on) => onChange(withBehaviour(chosen, behaviour, on))}
          label={(behaviour) => <span>{t(`behaviours.${behaviour}`)}</span>}
        />
      </div>
    </Fieldset>
  );
}
