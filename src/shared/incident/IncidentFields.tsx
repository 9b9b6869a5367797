import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { orderedBehaviours } from '../../core/model/behaviours';
import type { Incident } from '../../core/model/incident';
import type { OmittableField } from '../../core/export/exportDocument';
import './incidentFields.css';
import { AttachmentList } from './attachments/AttachmentList';
import { useDescribeWhen } from '../format/useDescribeWhen';

/** One labelled field; blank ones say so, rather than vanishing. */
function Field({
  label,
  children,
  long = false,
  leftOut = false,
}: {
  label: string;
  children: ReactNode;
  long?: boolean;
  leftOut?: boolean;
}) {
  const { t } = useTranslation('diary');
  const blank = children === '' || children === null || children === undefined || children === false;
  if (leftOut) {
    return (
      <div>
        <dt>{label}</dt>
        <dd className="hint">{t('detail.leftOut')}</dd>
      </div>
    );
  }
  return (
    <div>
      <dt>{label}</dt>
      <dd className={blank ? 'hint' : long ? 'long-text' : undefined}>{blank ? t('detail.notRecorded') : children}</dd>
    </div>
  );
}

/** Everything recorded about an incident, in the order the form asks for it. */
export function IncidentFields({ incident, leftOut = [] }: { incident: Incident; leftOut?: readonly OmittableField[] }) {
  const { t } = useTranslation('diary');
  const omitted = (field: OmittableField) => leftOut.includes(field);
  const showPolice = !omitted('reported');
  const describeWhen = useDescribeWhen();
  const { reported, effect } = incident;
  return (
    <dl className="incident-fields">
      <Field label={t('fields.when')}>{describeWhen(incident.when)}</Field>
      <Field label={t('fields.where')} leftOut={omitted('where')}>
        {incident.where}
      </Field>
      <Field label={t('fields.whatHappened')} long>
        {incident.whatHappened}
      </Field>
      <Field label={t('fields.behaviours')}>
        {incident.behaviours.length > 0 && (
          <ul className="tags">
            {orderedBehaviours(incident.behaviours).map((behaviour) => (
              <li key={behaviour} className="tag">
                {t(`behaviours.${behaviour}`)}
              </li>
            ))}
          </ul>
        )}
      </Field>
      <Field label={t('fields.whoDidIt')} long leftOut={omitted('whoDidIt')}>
        {incident.whoDidIt}
      </Field>
      <Field label={t('fields.witnesses')} leftOut={omitted('witnesses')}>
        {incident.witnesses.length > 0 && (
          <ul className="plain-list">
            {incident.witnesses.map((witness, i) => (
              <li key={i}>{witness.contact ? t('detail.witness', { name: witness.name, contact: witness.contact }) : witness.name}</li>
            ))}
          </ul>
        )}
      </Field>
      <Field label={t('fields.evidenceElsewhere')} long leftOut={omitted('evidenceElsewhere')}>
        {incident.evidenceElsewhere}
      </Field>
      <Field label={t('fields.attachments')}>
        {incident.attachments.length > 0 && <AttachmentList attachments={incident.attachments} />}
      </Field>
      <Field label={t('fields.reported')} leftOut={omitted('reported')}>
        {reported.reported ? t('detail.yes') : t('detail.no')}
      </Field>
      {showPolice && (reported.reported || reported.policeReference) && (
        <Field label={t('fields.policeReference')}>{reported.policeReference ?? ''}</Field>
      )}
      {showPolice && (reported.reported || reported.officer) && <Field label={t('fields.officer')}>{reported.officer ?? ''}</Field>}
      <Field label={t('fields.howItFelt')} long leftOut={omitted('effect')}>
        {effect.howItFelt}
      </Field>
      <Field label={t('fields.whatItChanged')} long leftOut={omitted('effect')}>
        {effect.whatItChanged}
      </Field>
    </dl>
  );
}
