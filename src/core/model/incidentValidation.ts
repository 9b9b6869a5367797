// The validation every write to the diary goes through: an incident is stored only if
// parseIncident accepts it, and then as parseIncident returns it (canonical behaviour order, no
// empty optional fields), so what is read back is exactly what was saved.

import { wireContent, type RevisionContent } from '../evidence';
import type { EntryBody } from './entryBody';
import { withLaterFields, type Incident } from './incident';
import { parseIncident } from './incidentParse';
import type { CourtOrder } from './order';
import { parseOrder } from './orderParse';
import { InvalidIncidentError } from './invalidIncident';
import { readRevisionContent } from './revisionContentParse';

/** The incident as it will be stored; throws InvalidIncidentError for anything parseIncident refuses. */
export function validIncident(incident: Incident): Incident {
  // Every new revision holds the later fields, even empty (see Incident).
  const parsed = parseIncident(withLaterFields(incident));
  if (!parsed.ok) throw new InvalidIncidentError(parsed.issues);
  return parsed.value;
}

/** The order as it will be stored; throws InvalidIncidentError for anything parseOrder refuses. */
export function validOrder(order: CourtOrder): CourtOrder {
  const parsed = parseOrder(order);
  if (!parsed.ok) throw new InvalidIncidentError(parsed.issues);
  return parsed.value;
}

/**
 * A revision's content from elsewhere (a backup, another diary), version 1 or 2: it keeps its
 * salt (or per-field salts) and hash, so it cannot be tidied up and must already be exactly what a
 * reader accepts. Throws InvalidIncidentError otherwise.
 */
export function validRevisionContent(content: RevisionContent<EntryBody>, entryId?: string): RevisionContent<EntryBody> {
  // Read as stored: content a diary loaded holds its salts packed (evidence/packedSalts.ts).
  const read = readRevisionContent(wireContent(content));
  if (!read.ok) throw new InvalidIncidentError(read.issues, entryId === undefined ? {} : { entryId });
  return read.content;
}
