// The content of a Daybook export: the JSON export itself, and the plaintext inside an
// evidence package. Versioned and documented in docs/export-format.md; readers refuse a
// version they do not know rather than guess.

import type { SavedChecklistResult } from '../checklist/result';
import type { ChainLink, RevisionContent } from '../evidence';
import type { Behaviour } from '../model/behaviours';
import { distinctAttachments, type AttachmentRef, type Incident, type IsoDate } from '../model/incident';
import type { IncidentField } from '../model/incidentFields';

export const EXPORT_FORMAT = 'daybook-export';
export const EXPORT_VERSION = 1;

/**
 * Incident fields a person may leave out of an export (for example to protect a witness).
 * What happened, when and the behaviours always go out: without them there is no log.
 */
export const OMITTABLE_FIELDS = ['where', 'whoDidIt', 'witnesses', 'evidenceElsewhere', 'reported', 'effect'] as const;
export type OmittableField = (typeof OMITTABLE_FIELDS)[number];

/** Which group of fields, if any, leaving out covers each field (the PDF and CSV both follow it). */
export const OMITTED_WITH: Readonly<Record<IncidentField, OmittableField | null>> = {
  when: null,
  where: 'where',
  whatHappened: null,
  behaviours: null,
  whoDidIt: 'whoDidIt',
  witnesses: 'witnesses',
  evidenceElsewhere: 'evidenceElsewhere',
  attachments: null,
  reported: 'reported',
  policeReference: 'reported',
  officer: 'reported',
  howItFelt: 'effect',
  whatItChanged: 'effect',
};

/** What the person chose to export. Empty lists mean "no restriction". */
export interface ExportSelection {
  /** First and last day it happened, inclusive ('' or absent: open). */
  from?: IsoDate;
  to?: IsoDate;
  /** Incidents involving any of these behaviours; empty: every incident. */
  behaviours: Behaviour[];
  /** Only these incidents (entry ids); empty: every incident that matches the rest. */
  entryIds: string[];
  /** Files go out with the export (embedded in the PDF, carried in a package). */
  includeAttachments: boolean;
  omitFields: OmittableField[];
  includeChecklists: boolean;
}

/**
 * One saved version of an incident. 'complete' carries the exact salted content that the
 * chain link's contentHash covers, so anyone can check it. 'partial' had fields left out by
 * the sender (blanked in `incident`), so it cannot be matched to its hash.
 */
export type ExportRevision =
  | { revision: number; recordedAt: string; kind: 'complete'; content: RevisionContent<Incident> }
  | { revision: number; recordedAt: string; kind: 'partial'; incident: Incident; omittedFields: OmittableField[] };

/** An incident in the export: every version still held, oldest first. */
export interface ExportEntry {
  id: string;
  revisions: ExportRevision[];
}

export interface ExportScope {
  from?: IsoDate;
  to?: IsoDate;
  behaviours: Behaviour[];
  /** True when the person picked single incidents rather than everything matching. */
  pickedIncidents: boolean;
  omittedFields: OmittableField[];
  attachmentsIncluded: boolean;
  checklistsIncluded: boolean;
}

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** When the export was made (toISOString form). */
  generatedAt: string;
  scope: ExportScope;
  /**
   * Every link of the diary's chain, including entries left out and deleted entries: the
   * chain verifies from its first link to `head` whatever was chosen.
   */
  chain: { links: ChainLink[]; head: string };
  /** The chosen incidents, in the order they happened. */
  entries: ExportEntry[];
  /** Saved checklist results, newest first; empty unless chosen. */
  checklists: SavedChecklistResult[];
}

/** The latest version of an entry as it can be shown (complete or with fields left out). */
export function latestIncident(entry: ExportEntry): Incident {
  const last = entry.revisions.at(-1);
  if (!last) throw new Error('An export entry has at least one revision');
  return last.kind === 'complete' ? last.content.body : last.incident;
}

/** The incident a revision shows. */
export function revisionIncident(revision: ExportRevision): Incident {
  return revision.kind === 'complete' ? revision.content.body : revision.incident;
}

/** Fields left out of a revision (none for a complete one). */
export function omittedFieldsOf(revision: ExportRevision): readonly OmittableField[] {
  return revision.kind === 'complete' ? [] : revision.omittedFields;
}

/** Every file the document's revisions list, once each. */
export function documentFiles(document: ExportDocument): AttachmentRef[] {
  return distinctAttachments(document.entries.flatMap((entry) => entry.revisions.map(revisionIncident)));
}
