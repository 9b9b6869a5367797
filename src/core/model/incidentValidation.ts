// The validation every write to the diary goes through: an incident is stored only if
// parseIncident accepts it, and then as parseIncident returns it (canonical behaviour order, no
// empty optional fields), so what is read back is exactly what was saved.

import type { RevisionContent } from '../evidence';
import type { Incident } from './incident';
import { parseIncident } from './incidentParse';
import { InvalidIncidentError } from './invalidIncident';
import { readRevisionContent } from './revisionContentParse';

/** The incident as it will be stored; throws InvalidIncidentError for anything parseIncident refuses. */
export function validIncident(incident: Incident): Incident {
  const parsed = parseIncident(incident);
  if (!parsed.ok) throw new InvalidIncidentError(parsed.issues);
  return parsed.value;
}

/**
 * A revision's content from elsewhere (a backup, another diary), version 1 or 2: it keeps its
 * salt (or per-field salts) and hash, so it cannot be tidied up and must already be exactly what a
 * reader accepts. Throws InvalidIncidentError otherwise.
 */
export function validRevisionContent(content: RevisionContent<Incident>, entryId?: string): RevisionContent<Incident> {
  const read = readRevisionContent(content);
  if (!read.ok) throw new InvalidIncidentError(read.issues, entryId === undefined ? {} : { entryId });
  return read.content;
}
