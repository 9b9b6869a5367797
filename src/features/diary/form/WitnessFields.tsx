import { useTranslation } from 'react-i18next';
import type { Witness } from '../../../core/model/incident';
import { fieldId } from './formRules';
import { TextField } from './TextField';
import { useFieldIds } from '../../../shared/hooks/useFieldIds';

const GROUP_ID = fieldId('witnesses');

interface WitnessFieldsProps {
  witnesses: readonly Witness[];
  onChange: (witnesses: Witness[]) => void;
  error?: string;
  /** What is wrong with a name or contact as typed (too long to keep), if anything. */
  errorFor?: (text: string) => string | undefined;
}

/** Any number of witnesses, each a name and how to reach them. */
export function WitnessFields({ witnesses, onChange, error, errorFor = () => undefined }: WitnessFieldsProps) {
  const { t } = useTranslation('incident');
  const group = useFieldIds({ id: GROUP_ID, hint: true, error });

  const update = (index: number, change: Partial<Witness>) => onChange(witnesses.map((w, i) => (i === index ? { ...w, ...change } : w)));

  const add = () => {
    onChange([...witnesses, { name: '', contact: '' }]);
    // Move to the new witness's name, so typing can carry on at once.
    requestAnimationFrame(() => document.getElementById(`${GROUP_ID}-${witnesses.length}-name`)?.focus());
  };

  const remove = (index: number) => {
    onChange(witnesses.filter((_, i) => i !== index));
    // Focus would otherwise fall to the page: keep it in the group.
    requestAnimationFrame(() => document.getElementById(`${GROUP_ID}-add`)?.focus());
  };

  return (
    <fieldset className="incident-group" id={GROUP_ID} tabIndex={-1} aria-describedby={group.describedBy}>
      <legend>{t('witnesses.legend')}</legend>
      <p id={group.hintId} className="hint">
        {t('witnesses.hint')}
      </p>
      {error && (
        <p id={group.errorId} className="error">
          {error}
        </p>
      )}
      {witnesses.map((witness, index) => {
        const id = `${GROUP_ID}-${index}`;
        const number = index + 1;
        return (
          <fieldset key={index} className="incident-witness">
            <legend>{t('witnesses.item', { number })}</legend>
            <TextField
              id={`${id}-name`}
              label={t('witnesses.name')}
              value={witness.name}
              error={errorFor(witness.name)}
              onChange={(name) => update(index, { name })}
            />
            <TextField
              id={`${id}-contact`}
              label={t('witnesses.contact')}
              hint={t('witnesses.contactHint')}
              value={witness.contact}
              error={errorFor(witness.contact)}
              onChange={(contact) => update(index, { contact })}
            />
            <button type="button" className="button" onClick={() => remove(index)}>
              {t('witnesses.remove', { number })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" id={`${GROUP_ID}-add`} className="button" onClick={add}>
        {t('witnesses.add')}
      </button>
    </fieldset>
  );
}
