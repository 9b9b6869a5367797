import { useTranslation } from 'react-i18next';
import type { ReportedToPolice } from '../../../core/model/incident';
import { fieldId, type FieldKey } from './formRules';
import { TextField } from './TextField';

interface ReportedFieldsProps {
  reported: ReportedToPolice;
  onChange: (reported: ReportedToPolice) => void;
  errorFor: (key: FieldKey) => string | undefined;
}

/** Whether it was reported; if so, the crime reference number and the officer. */
export function ReportedFields({ reported, onChange, errorFor }: ReportedFieldsProps) {
  const { t } = useTranslation('incident');
  // Switching to "no" keeps what was typed in memory; tidying drops it when saving.
  const choose = (yes: boolean) => onChange({ ...reported, reported: yes });
  return (
    <fieldset className="incident-group">
      <legend>{t('reported.legend')}</legend>
      <div className="choice-group">
        <label className="choice">
          <input type="radio" name="incident-reported" value="yes" checked={reported.reported} onChange={() => choose(true)} />
          <span>{t('reported.yes')}</span>
        </label>
        <label className="choice">
          <input type="radio" name="incident-reported" value="no" checked={!reported.reported} onChange={() => choose(false)} />
          <span>{t('reported.no')}</span>
        </label>
      </div>
      {reported.reported && (
        <>
          <TextField
            id={fieldId('policeReference')}
            label={t('reported.reference')}
            hint={t('reported.referenceHint')}
            value={reported.policeReference ?? ''}
            error={errorFor('policeReference')}
            onChange={(policeReference) => onChange({ ...reported, policeReference })}
          />
          <TextField
            id={fieldId('officer')}
            label={t('reported.officer')}
            hint={t('reported.officerHint')}
            value={reported.officer ?? ''}
            error={errorFor('officer')}
            onChange={(officer) => onChange({ ...reported, officer })}
          />
        </>
      )}
    </fieldset>
  );
}
