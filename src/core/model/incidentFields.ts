// The fields of an incident as people see them, in one list for everything that walks them in
// order: the revision diff, the PDF, the CSV and the screens. The parts of `reported` and
// `effect` are fields of their own here, because each is shown (and can change) on its own.

import type { Incident } from './incident';

/** Every field, in the order the app shows them. */
export const INCIDENT_FIELDS = [
  'when',
  'where',
  'whatHappened',
  'behaviours',
  'whoDidIt',
  'witnesses',
  'evidenceElsewhere',
  'attachments',
  'reported',
  'policeReference',
  'officer',
  'howItFelt',
  'whatItChanged',
  // Issue 16: absent from revisions written before it (read as empty).
  'breaches',
  'told',
  'privateNotes',
] as const;
export type IncidentField = (typeof INCIDENT_FIELDS)[number];

/** Fields whose value is a single piece of the person's own text. */
export type TextField = Exclude<IncidentField, 'when' | 'behaviours' | 'witnesses' | 'attachments' | 'reported' | 'breaches' | 'told'>;

/** The list without `left`, order kept (a typed filter, so callers keep the narrower type). */
export function incidentFieldsExcept<const Left extends IncidentField>(...left: Left[]): Exclude<IncidentField, Left>[] {
  const out = new Set<IncidentField>(left);
  return INCIDENT_FIELDS.filter((field): field is Exclude<IncidentField, Left> => !out.has(field));
}

/** The text of a text field; an absent police reference or officer reads as ''. */
export function fieldText(incident: Incident, field: TextField): string {
  switch (field) {
    case 'policeReference':
      return incident.reported.policeReference ?? '';
    case 'officer':
      return incident.reported.officer ?? '';
    case 'howItFelt':
      return incident.effect.howItFelt;
    case 'whatItChanged':
      return incident.effect.whatItChanged;
    case 'privateNotes':
      return incident.privateNotes ?? '';
    default:
      return incident[field];
  }
}
