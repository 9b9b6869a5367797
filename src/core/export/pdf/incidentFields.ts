// An incident's fields as label/value rows, in the order the app shows them. A field the person
// left out shows a marker instead of its content; private notes left out show nothing.

import { orderedBehaviours } from '../../model/behaviours';
import { describeWhen } from '../../model/describeWhen';
import type { BreachRef, Incident, ToldSomeone, Witness } from '../../model/incident';
import { fieldText, incidentFieldsExcept, type IncidentField } from '../../model/incidentFields';
import { breachLine, breachWordsIn, hasLaterFields, toldLine } from '../breachWords';
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

// One look-up per document: its orders are read once, however many breaches name them.
const lookups = new WeakMap<ReportContext['document'], ReturnType<typeof breachWordsIn>>();

/** A breach in words: the order and the condition's text when the export carries the order. */
export function breachText(ctx: ReportContext, breach: BreachRef): string {
  let lookup = lookups.get(ctx.document);
  if (!lookup) lookups.set(ctx.document, (lookup = breachWordsIn(ctx.document)));
  return breachLine(ctx.t, lookup(breach));
}

/** Someone told: who, how and (if given) when. */
export function toldText(ctx: ReportContext, item: ToldSomeone): string {
  return toldLine(ctx.t, ctx.formats.date, item);
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
    // Each line holds the person's words (a condition, a name) in the report's: set in their own direction.
    case 'breaches': {
      const breaches = (incident.breaches ?? []).map((b): Segment => ({ text: breachText(ctx, b), style: { dir: 'auto' } }));
      return breaches.length ? breaches : [notRecorded(ctx)];
    }
    case 'told': {
      const told = (incident.told ?? []).map((item): Segment => ({ text: toldText(ctx, item), style: { dir: 'auto' } }));
      return told.length ? told : [notRecorded(ctx)];
    }
    default:
      return textValue(ctx, fieldText(incident, field));
  }
}

/** Every field of `incident` except attachments, marking those in `omitted` as left out. */
export function drawIncidentFields(w: ReportWriter, ctx: ReportContext, incident: Incident, omitted: ReadonlySet<OmittableField>): void {
  const { reported } = incident;
  // A police reference or officer only means something once it has been reported.
  const policeDetails = reported.reported || Boolean(reported.policeReference?.trim() || reported.officer?.trim());
  // A version from before issue 16 has none of the later fields: it prints exactly as it did.
  const later = hasLaterFields(incident);
  for (const field of SHOWN_FIELDS) {
    if ((field === 'policeReference' || field === 'officer') && !policeDetails && !omitted.has('reported')) continue;
    if ((field === 'breaches' || field === 'told' || field === 'privateNotes') && !later) continue;
    // Most incidents breach no order: no line for that, rather than "not recorded" on every one.
    if (field === 'breaches' && (incident.breaches ?? []).length === 0) continue;
    const group = OMITTED_WITH[field];
    // Private notes are left out unless ticked in (Daybook's default, not the person's choice):
    // no line at all, so nothing hints at whether there are any.
    if (field === 'privateNotes' && group !== null && omitted.has(group)) continue;
    w.field(ctx.t(`report:fields.${field}`), group !== null && omitted.has(group) ? [leftOut(ctx)] : fieldValue(ctx, incident, field));
  }
}
