import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyIncident, type IncidentWhen } from '../../../core/model/incident';
import { localDate } from '../../../core/model/calendarDate';
import { fieldId, type FieldKey } from './formRules';
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

/** When it happened: a date and time, roughly, or still going on. */
export function WhenFields({ when, onChange, errorFor }: WhenFieldsProps) {
  const { t } = useTranslation('incident');
  // What was typed for the other choices, so switching back and forth loses nothing.
  const remembered = useRef<Partial<Record<Kind, IncidentWhen>>>({});
  const today = localDate(new Date());

  const choose = (kind: Kind) => {
    if (kind === when.kind) return;
    remembered.current[when.kind] = when;
    onChange(remembered.current[kind] ?? blank(kind));
  };

  return (
    <fieldset className="incident-group">
      <legend>{t('when.legend')}</legend>
      <div className="choice-group">
        {KINDS.map((kind) => (
          <label key={kind} className="choice">
            <input type="radio" name="incident-when-kind" value={kind} checked={when.kind === kind} onChange={() => choose(kind)} />
            <span>{t(`when.${kind}`)}</span>
          </label>
        ))}
      </div>
      {when.kind === 'exact' && (
        <div className="incident-pair">
          <TextField
            id={fieldId('date')}
            type="date"
            max={today}
            label={t('when.date')}
            value={when.date}
            error={errorFor('date')}
            onChange={(date) => onChange({ ...when, date })}
          />
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
            <TextField
              id={fieldId('from')}
              type="date"
              max={today}
              label={t('when.from')}
              value={when.from ?? ''}
              error={errorFor('from')}
              onChange={(from) => onChange({ ...when, from })}
            />
            <TextField
              id={fieldId('to')}
              type="date"
              max={today}
              label={t('when.to')}
              value={when.to ?? ''}
              error={errorFor('to')}
              onChange={(to) => onChange({ ...when, to })}
            />
          </div>
        </>
      )}
      {when.kind === 'ongoing' && (
        <TextField
          id={fieldId('since')}
          type="date"
          max={today}
          label={t('when.since')}
          hint={t('when.sinceHint')}
          value={when.since ?? ''}
          error={errorFor('since')}
          onChange={(since) => onChange({ kind: 'ongoing', since })}
        />
      )}
    </fieldset>
  );
}
