import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { orderedBehaviours } from '../../../core/diary/revisionDiff';
import type { Incident } from '../../../core/model/incident';
import { AttachmentList } from '../attachments/AttachmentList';
import { useDescribeWhen } from '../timeline/useDescribeWhen';

/** One labelled field; blank ones say so, rather than vanishing. */
function Field({ label, children, long = false }: { label: string; children: ReactNode; long?: boolean }) {
  const { t } = useTranslation('diary');
  const blank = children === '' || children === null || children === undefined || children === false;
  return (
    <div>
      <dt>{label}</dt>
      <dd className={blank ? 'hint' : long ? 'long-text' : undefined}>{blank ? t('detail.notRecorded') : children}</dd>
    </div>
  );
}

/** Everything recorded about an incident, in the order the form asks for it. */
export function IncidentFields({ incident }: { incident: Incident }) {
  const { t } = useTranslation('diary');
  const describeWhen = useDescribeWhen();
  const { reported, effect } = incident;
  return (
    <dl className="incident-fields">
      <Field label={t('fields.when')}>{describeWhen(incident.when)}</Field>
      <Field label={t('fields.where')}>{incident.where}</Field>
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
      <Field label={t('fields.whoDidIt')} long>
        {incident.whoDidIt}
      </Field>
      <Field label={t('fields.witnesses')}>
        {incident.witnesses.length > 0 && (
          <ul className="plain-list">
            {incident.witnesses.map((witness, i) => (
              <li key={i}>{witness.contact ? t('detail.witness', { name: witness.name, contact: witness.contact }) : witness.name}</li>
            ))}
          </ul>
        )}
      </Field>
      <Field label={t('fields.evidenceElsewhere')} long>
        {incident.evidenceElsewhere}
      </Field>
      <Field label={t('fields.attachments')}>{incident.attachments.length > 0 && <AttachmentList attachments={incident.attachments} />}</Field>
      <Field label={t('fields.reported')}>{reported.reported ? t('detail.yes') : t('detail.no')}</Field>
      {(reported.reported || reported.policeReference) && <Field label={t('fields.policeReference')}>{reported.policeReference ?? ''}</Field>}
      {(reported.reported || reported.officer) && <Field label={t('fields.officer')}>{reported.officer ?? ''}</Field>}
      <Field label={t('fields.howItFelt')} long>
        {effect.howItFelt}
      </Field>
      <Field label={t('fields.whatItChanged')} long>
        {effect.whatItChanged}
      </Field>
    </dl>
  );
}
