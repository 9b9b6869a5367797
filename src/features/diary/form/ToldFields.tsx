import { useTranslation } from 'react-i18next';
import { TOLD_HOW, type ToldHow, type ToldSomeone } from '../../../core/model/incident';
import { localDate } from '../../../core/model/calendarDate';
import { useFieldIds } from '../../../shared/hooks/useFieldIds';
import { fieldId } from './formRules';
import { TextField } from './TextField';

const GROUP_ID = fieldId('told');

interface ToldFieldsProps {
  told: readonly ToldSomeone[];
  onChange: (told: ToldSomeone[]) => void;
  error?: string;
  /** What is wrong with a name as typed (too long to keep), if anything. */
  errorFor?: (text: string) => string | undefined;
}

/** "Who did you tell?": any number of people or services, each with how and (if known) when. */
export function ToldFields({ told, onChange, error, errorFor = () => undefined }: ToldFieldsProps) {
  const { t } = useTranslation('incident');
  const group = useFieldIds({ id: GROUP_ID, hint: true, error });

  const update = (index: number, change: Partial<ToldSomeone>) =>
    onChange(told.map((item, i) => (i === index ? { ...item, ...change } : item)));

  const add = () => {
    onChange([...told, { who: '', how: 'in-person' }]);
    // Straight to the new row's first box.
    requestAnimationFrame(() => document.getElementById(`${GROUP_ID}-${told.length}-who`)?.focus());
  };

  const remove = (index: number) => {
    onChange(told.filter((_, i) => i !== index));
    requestAnimationFrame(() => document.getElementById(`${GROUP_ID}-add`)?.focus());
  };

  return (
    <fieldset className="incident-group" id={GROUP_ID} tabIndex={-1} aria-describedby={group.describedBy}>
      <legend>{t('told.legend')}</legend>
      <p id={group.hintId} className="hint">
        {t('told.hint')}
      </p>
      {error && (
        <p id={group.errorId} className="error">
          {error}
        </p>
      )}
      {told.map((item, index) => {
        const id = `${GROUP_ID}-${index}`;
        const number = index + 1;
        return (
          <fieldset key={index} className="incident-witness">
            <legend>{t('told.item', { number })}</legend>
            <TextField
              id={`${id}-who`}
              label={t('told.who')}
              hint={t('told.whoHint')}
              value={item.who}
              error={errorFor(item.who)}
              onChange={(who) => update(index, { who })}
            />
            <div className="field">
              <label htmlFor={`${id}-how`}>{t('told.how')}</label>
              <select id={`${id}-how`} value={item.how} onChange={(event) => update(index, { how: event.target.value as ToldHow })}>
                {TOLD_HOW.map((how) => (
                  <option key={how} value={how}>
                    {t(`told.ways.${how}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="incident-pair">
              <TextField
                id={`${id}-date`}
                type="date"
                max={localDate(new Date())}
                label={t('told.date')}
                value={item.date ?? ''}
                onChange={(date) => update(index, { date })}
              />
              <TextField
                id={`${id}-time`}
                type="time"
                label={t('told.time')}
                hint={t('told.timeHint')}
                value={item.time ?? ''}
                onChange={(time) => update(index, { time })}
              />
            </div>
            <button type="button" className="button" onClick={() => remove(index)}>
              {t('told.remove', { number })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" id={`${GROUP_ID}-add`} className="button" onClick={add}>
        {t('told.add')}
      </button>
    </fieldset>
  );
}
