// All the person's own words in an incident, for full-text search.

import type { Incident } from './incident';
import { fieldText, INCIDENT_FIELDS, type IncidentField } from './incidentFields';

/** The words of one field; behaviour ids and the reported flag are codes, not words. */
function wordsOf(incident: Incident, field: IncidentField): string[] {
  switch (field) {
    case 'when':
      return incident.when.kind === 'approximate' ? [incident.when.description] : [];
    case 'behaviours':
    case 'reported':
      return [];
    case 'witnesses':
      return incident.witnesses.flatMap((w) => [w.name, w.contact]);
    case 'attachments':
      return incident.attachments.map((a) => a.name);
    // Breaches are ids; the order's words are found through the order itself.
    case 'breaches':
      return [];
    // Who was told and the private notes are searched too: search runs on the person's own
    // device, over their own diary, and shows nothing to anyone else.
    case 'told':
      return (incident.told ?? []).map((item) => item.who);
    default:
      return [fieldText(incident, field)];
  }
}

/** Every text field joined by newlines in display order (empty ones skipped); screens filter on behaviours instead. */
export function searchableText(incident: Incident): string {
  return INCIDENT_FIELDS.flatMap((field) => wordsOf(incident, field))
    .filter((part) => part !== '')
    .join('\n');
}
