// An incident's fields as label/value rows, in the order the app shows them. A field the person
// left out shows a marker instead of its content.

import { orderedBehaviours } from '../../model/behaviours';
import { describeWhen } from '../../model/describeWhen';
import type { Incident, Witness } from '../../model/incident';
import { fieldText, incidentFieldsExcept, type IncidentField } from '../../model/incidentFields';
import { OMITTED_WITH, type OmittableField } from '../exportDocument';
import type { ReportContext } from './context';
import { leftOut, notRecorded, textValue } from './context';
import type { ReportWriter, Segment } from './layout';

export function witnessText(ctx: ReportContext, witness: Witness): string {
  const name = witness.name.trim();
  const contact = witness.contact.trim();
  return name && contact ? ctx.t('report:log.witness', { name, contact }) : name || contact;
}

export function behaviourNames(ctx: ReportContext, incident: Incident): string[] {
  return orderedBehaviours(incident.behaviours).map((b) => ctx.t(`diary:behaviours.${b}`));
}

/** Attachments are drawn after the other fields, with their details. */
const SHOWN_FIELDS = incidentFieldsExcept('attachments');

/** The value of one field. */
function fieldValue(ctx: ReportContext, incident: Incident, field: Exclude<IncidentField, 'attachments'>): Segment[] {
  const { t, formats } = ctx;
  switch (field) {
    case 'when':
      return [{ text: describeWhen(incident.when, t, formats.date) }];
    case 'behaviours': {
      const names = behaviourNames(ctx, incident);
      return names.length ? [{ text: formats.list(names) }] : [notRecorded(ctx)];
    }
    case 'witnesses': {
      // A name or contact alone is the person's own text; both are set in the report's words.
      const witnesses = incident.witnesses
        .filter((w) => w.name.trim() !== '' || w.contact.trim() !== '')
        .map((w): Segment =>
          w.name.trim() && w.contact.trim() ? { text: witnessText(ctx, w) } : { text: witnessText(ctx, w), style: { dir: 'auto' } },
        );
      return witnesses.length ? witnesses : [notRecorded(ctx)];
    }
    case 'reported':
      return [{ text: t(incident.reported.reported ? 'report:log.yes' : 'report:log.no') }];
    default:
      return textValue(ctx, fieldText(incident, field));
  }
}

/** Every field of `incident` except attachments, marking those in `omitted` as left out. */
export function drawIncidentFields(w: ReportWriter, ctx: ReportContext, incident: Incident, omitted: ReadonlySet<OmittableField>): void {
  const { reported } = incident;
  // A police reference or officer only means something once it has been reported.
  const policeDetails = reported.reported || Boolean(reported.policeReference?.trim() || reported.officer?.trim());
  for (const field of SHOWN_FIELDS) {
    if ((field === 'policeReference' || field === 'officer') && !policeDetails && !omitted.has('reported')) continue;
    const group = OMITTED_WITH[field];
    w.field(ctx.t(`report:fields.${field}`), group !== null && omitted.has(group) ? [leftOut(ctx)] : fieldValue(ctx, incident, field));
  }
}
