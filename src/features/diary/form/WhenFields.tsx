import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyIncident, type IncidentWhen } from '../../../core/model/incident';
import { localDate } from '../../../core/model/calendarDate';
import { fieldId, type FieldKey } from './formRules';
import { Choices } from '../../../shared/ui/Choice';
import { TextField } from './TextField';

type Kind = IncidentWhen['kind'];

const KINDS: readonly Kind[] = ['exact', 'approximate', 'ongoing'];

function blank(kind: Kind): IncidentWhen {
  switch (kind) {
    case 'exact':
      return emptyIncident(new Date()).when;
    case 'approximate':
      return { kind, description: '' };
    case 'ongoing':
      return { kind };
  }
}

interface WhenFieldsProps {
  when: IncidentWhen;
  onChange: (when: IncidentWhen) => void;
  errorFor: (key: FieldKey) => string | undefined;
}

interface DateFieldProps {
  field: 'date' | 'from' | 'to' | 'since';
  value: string | undefined;
  onChange: (date: string) => void;
  errorFor: (key: FieldKey) => string | undefined;
  hint?: string;
}

/** A date no later than today, named by its key in the form rules and the texts. */
function DateField({ field, value, onChange, errorFor, hint }: DateFieldProps) {
  const { t } = useTranslation('incident');
  return (
    <TextField
      id={fieldId(field)}
      type="date"
      max={localDate(new Date())}
      label={t(`when.${field}`)}
      hint={hint}
      value={value ?? ''}
      error={errorFor(field)}
      onChange={onChange}
    />
  );
}

/** When it happened: a date and time, roughly, or still going on. */
export function WhenFields({ when, onChange, errorFor }: WhenFieldsProps) {
  const { t } = useTranslation('incident');
  // What was typed for the other choices, so switching back and forth loses nothing.
  const remembered = useRef<Partial<Record<Kind, IncidentWhen>>>({});

  const choose = (kind: Kind) => {
    if (kind === when.kind) return;
    remembered.current[when.kind] = when;
    onChange(remembered.current[kind] ?? blank(kind));
  };

  return (
    <fieldset className="incident-group">
      <legend>{t('when.legend')}</legend>
      <div className="choice-group">
        <Choices
          type="radio"
          name="incident-when-kind"
          options={KINDS}
          isChecked={(kind) => when.kind === kind}
          onChange={choose}
          label={(kind) => <span>{t(`when.${kind}`)}</span>}
        />
      </div>
      {when.kind === 'exact' && (
        <div className="incident-pair">
          <DateField field="date" value={when.date} errorFor={errorFor} onChange={(date) => onChange({ ...when, date })} />
          <TextField
            id={fieldId('time')}
            type="time"
            label={t('when.time')}
            hint={t('when.timeHint')}
            value={when.time ?? ''}
            error={errorFor('time')}
            onChange={(time) => onChange({ kind: 'exact', date: when.date, ...(time === '' ? {} : { time }) })}
          />
        </div>
      )}
      {when.kind === 'approximate' && (
        <>
          <TextField
            id={fieldId('description')}
            label={t('when.description')}
            hint={t('when.descriptionHint')}
            value={when.description}
            error={errorFor('description')}
            onChange={(description) => onChange({ ...when, description })}
          />
          <div className="incident-pair">
            <DateField field="from" value={when.from} errorFor={errorFor} onChange={(from) => onChange({ ...when, from })} />
            <DateField field="to" value={when.to} errorFor={errorFor} onChange={(to) => onChange({ ...when, to })} />
          </div>
        </>
      )}
      {when.kind === 'ongoing' && (
        <DateField
          field="since"
          hint={t('when.sinceHint')}
          value={when.since}
          errorFor={errorFor}
          onChange={(since) => onChange({ kind: 'ongoing', since })}
        />
      )}
    </fieldset>
  );
}
