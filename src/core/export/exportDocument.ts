// The content of a Daybook export: the JSON export itself, and the plaintext inside an
// evidence package. Versioned and documented in docs/export-format.md; readers refuse a
// version they do not know rather than guess.
//
// Version 1 carried every link of the diary. Version 2 (docs/evidence-v2-design.md, section 6)
// carries only the links of the exported versions, each with a Merkle inclusion proof against
// the whole diary's tree head, and each version's fields as salted commitments, so a field left
// out still lets the rest be checked.

import type { SavedChecklistResult } from '../checklist/result';
import type { ChainLink, CommittedContent, RevisionContentV1, RevisionOrigin } from '../evidence';
import type { Behaviour } from '../model/behaviours';
import { distinctAttachments, LATER_INCIDENT_KEYS, type AttachmentRef, type Incident, type IsoDate } from '../model/incident';
import type { IncidentField } from '../model/incidentFields';
import type { CourtOrder } from '../model/order';

export const EXPORT_FORMAT = 'daybook-export';
/** The version written now; readers take every version up to it. */
export const EXPORT_VERSION = 2;
export type ExportVersion = 1 | 2;

/**
 * The top-level fields every incident has: the fields a version 2 revision commits to one by one.
 * Revisions written since issue 16 also have LATER_INCIDENT_KEYS (all three or none).
 */
export const CORE_INCIDENT_KEYS = [
  'when',
  'where',
  'whatHappened',
  'behaviours',
  'whoDidIt',
  'witnesses',
  'evidenceElsewhere',
  'attachments',
  'reported',
  'effect',
] as const satisfies readonly (keyof Incident)[];

/** Every top-level field an incident may have, in the order they are listed. */
export const INCIDENT_KEYS = [...CORE_INCIDENT_KEYS, ...LATER_INCIDENT_KEYS] as const;
export type IncidentKey = (typeof INCIDENT_KEYS)[number];

/** The fields a version holds: the core ones, and the later ones too when it has any of them. */
export function keysOfVersion(fields: Iterable<string>): readonly IncidentKey[] {
  const keys = new Set(fields);
  return LATER_INCIDENT_KEYS.some((key) => keys.has(key)) ? INCIDENT_KEYS : CORE_INCIDENT_KEYS;
}

/** Fields every exported version shows: without them there is no log. */
export const ALWAYS_SHOWN: readonly IncidentKey[] = ['when', 'whatHappened', 'behaviours'];

/**
 * Incident fields a person may leave out of an export (for example to protect a witness).
 * What happened, when and the behaviours always go out: without them there is no log. Private
 * notes are left out of every export unless the person ticks them in (see effectiveOmit).
 */
export const OMITTABLE_FIELDS = [
  'where',
  'whoDidIt',
  'witnesses',
  'evidenceElsewhere',
  'reported',
  'effect',
  'told',
  'privateNotes',
] as const;
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
  breaches: null,
  told: 'told',
  privateNotes: 'privateNotes',
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
  /**
   * A package carries pictures exactly as attached, metadata (location, camera) included; without
   * it (the default) each goes out redrawn without its metadata. PDF reports always redraw.
   */
  includeOriginals?: boolean;
  omitFields: OmittableField[];
  includeChecklists: boolean;
  /**
   * Private notes go out only when this is true: absent or false, they are left out whatever
   * omitFields says (a report may be seen by the other side).
   */
  includePrivateNotes?: boolean;
  /**
   * Every live order goes out when true. Absent or false, only the orders a chosen incident names
   * in `breaches` (in any version that goes out) do.
   */
  includeOrders?: boolean;
}

/** The fields an export leaves out: the person's choice, and private notes unless ticked in. */
export function effectiveOmit(selection: Pick<ExportSelection, 'omitFields' | 'includePrivateNotes'>): OmittableField[] {
  const omit = new Set(selection.omitFields);
  if (selection.includePrivateNotes === true) omit.delete('privateNotes');
  else omit.add('privateNotes');
  return OMITTABLE_FIELDS.filter((field) => omit.has(field));
}

/** Of the fields an export leaves out, those a version holds (one written before issue 16 has no later fields). */
export function omitFromVersion(omit: readonly OmittableField[], body: object): OmittableField[] {
  return omit.filter((field) => Object.hasOwn(body, field));
}

/**
 * One saved version of an incident.
 * - 'committed' (version 2 files, version 2 content): each field shown with its salt, each field
 *   left out as its commitment only; anyone can recompute the hash its link carries.
 * - 'complete' (version 1 content): the exact salted content its link's contentHash covers.
 * - 'partial' (version 1 content with fields left out, blanked in `incident`): it cannot be
 *   matched to its hash, so its text is not checked.
 */
export type ExportRevision =
  | { revision: number; recordedAt: string; kind: 'committed'; content: CommittedContent }
  | { revision: number; recordedAt: string; kind: 'complete'; content: RevisionContentV1<Incident> }
  | { revision: number; recordedAt: string; kind: 'partial'; incident: Incident; omittedFields: OmittableField[] };

/** An incident in the export: every version still held, oldest first. */
export interface ExportEntry {
  id: string;
  revisions: ExportRevision[];
}

/**
 * One saved version of a court order. Orders are never redacted: every field is shown (with its
 * salt) and `withheld` is empty, so the version's hash can be recomputed and matched to its link.
 */
export interface ExportOrderRevision {
  revision: number;
  recordedAt: string;
  kind: 'committed';
  content: CommittedContent;
}

/** A court order in the export: every version, oldest first. */
export interface ExportOrder {
  id: string;
  revisions: ExportOrderRevision[];
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

interface ExportDocumentBase {
  format: typeof EXPORT_FORMAT;
  /** When the export was made (toISOString form). */
  generatedAt: string;
  scope: ExportScope;
  /** The chosen incidents, in the order they happened. */
  entries: ExportEntry[];
  /** Saved checklist results, newest first; empty unless chosen. */
  checklists: SavedChecklistResult[];
}

/** Version 1: the whole chain travels with the export. */
export interface ExportDocumentV1 extends ExportDocumentBase {
  version: 1;
  /**
   * Every link of the diary's chain, including entries left out and deleted entries: the
   * chain verifies from its first link to `head` whatever was chosen.
   */
  chain: { links: ChainLink[]; head: string };
}

/** A link of an exported version, with its RFC 9162 inclusion proof against the chain's tree head. */
export type ExportedLink = ChainLink & { proof: string[] };

/** A fingerprint the person shared earlier, with the proof that this diary extends it. */
export interface EarlierFingerprint {
  size: number;
  root: string;
  /** When it was shared (toISOString form), as the diary recorded it. */
  sharedAt: string;
  /** RFC 9162 consistency proof from { size, root } to the chain's { size, root }. */
  proof: string[];
}

export interface ExportChainV2 {
  /** The whole diary's tree head when exported: its number of links and Merkle root. */
  size: number;
  root: string;
  /** The links of every exported version (held or not), in chain order, each with its proof. */
  links: ExportedLink[];
  /** Earlier fingerprints the person shared, each proven a prefix of this tree; oldest first. */
  earlier: EarlierFingerprint[];
}

/** Version 2: only the exported versions' links, proven members of the diary's Merkle tree. */
export interface ExportDocumentV2 extends ExportDocumentBase {
  version: 2;
  chain: ExportChainV2;
  /**
   * The court orders that go out with the incidents (see ExportSelection.includeOrders), in the
   * order they were first written; their links are in `chain.links`. Absent in files from before
   * orders, and when there are none.
   */
  orders?: ExportOrder[];
}

export type ExportDocument = ExportDocumentV1 | ExportDocumentV2;

/** A fingerprint as the diary keeps it once shared (what an export needs of the fingerprint store). */
export interface SharedFingerprint {
  size: number;
  root: string;
  sharedAt: string;
}

/** The incident with the chosen fields blanked; the report marks them as left out. */
export function withoutFields(incident: Incident, omit: readonly OmittableField[]): Incident {
  const copy: Incident = { ...incident };
  for (const field of omit) {
    switch (field) {
      case 'where':
      case 'whoDidIt':
      case 'evidenceElsewhere':
        copy[field] = '';
        break;
      case 'witnesses':
        copy.witnesses = [];
        break;
      case 'reported':
        copy.reported = { reported: false };
        break;
      case 'effect':
        copy.effect = { howItFelt: '', whatItChanged: '' };
        break;
      // Blanked only where the version has them: one from before issue 16 stays as it was.
      case 'told':
        if (copy.told !== undefined) copy.told = [];
        break;
      case 'privateNotes':
        if (copy.privateNotes !== undefined) copy.privateNotes = '';
        break;
    }
  }
  return copy;
}

const OMITTABLE_SET: ReadonlySet<string> = new Set(OMITTABLE_FIELDS);

export function isOmittableField(value: unknown): value is OmittableField {
  return typeof value === 'string' && OMITTABLE_SET.has(value);
}

/**
 * The incident a committed version shows: its disclosed values, with the fields left out
 * blanked. The reader has checked that these values make an incident (parseIncident, exactly);
 * the builder took them from one.
 */
export function committedIncident(content: CommittedContent): Incident {
  const shown: Record<string, unknown> = {};
  for (const [field, { value }] of Object.entries(content.fields)) shown[field] = value;
  return withoutFields(shown as unknown as Incident, Object.keys(content.withheld).filter(isOmittableField));
}

/** The incident a revision shows (fields left out blanked). */
export function revisionIncident(revision: ExportRevision): Incident {
  switch (revision.kind) {
    case 'committed':
      return committedIncident(revision.content);
    case 'complete':
      return revision.content.body;
    case 'partial':
      return revision.incident;
  }
}

/** The latest version of an entry as it can be shown (complete or with fields left out). */
export function latestIncident(entry: ExportEntry): Incident {
  const last = entry.revisions.at(-1);
  if (!last) throw new Error('An export entry has at least one revision');
  return revisionIncident(last);
}

/** Fields left out of a revision (none for a complete one). */
export function omittedFieldsOf(revision: ExportRevision): readonly OmittableField[] {
  switch (revision.kind) {
    case 'committed':
      return OMITTABLE_FIELDS.filter((field) => Object.hasOwn(revision.content.withheld, field));
    case 'complete':
      return [];
    case 'partial':
      return revision.omittedFields;
  }
}

/** Where and when a revision brought in from another diary's backup was first written, if it was. */
export function revisionOrigin(revision: ExportRevision): RevisionOrigin | undefined {
  return revision.kind === 'partial' ? undefined : revision.content.origin;
}

/** The order a version shows: every field of it (the reader has checked they make an order, exactly). */
export function committedOrder(content: CommittedContent): CourtOrder {
  const shown: Record<string, unknown> = {};
  for (const [field, { value }] of Object.entries(content.fields)) shown[field] = value;
  return shown as unknown as CourtOrder;
}

/** The latest version of an exported order. */
export function latestOrder(order: ExportOrder): CourtOrder {
  const last = order.revisions.at(-1);
  if (!last) throw new Error('An exported order has at least one revision');
  return committedOrder(last.content);
}

/** The orders a document carries (none for version 1, or a version 2 file from before orders). */
export function documentOrders(document: ExportDocument): readonly ExportOrder[] {
  return document.version === 2 ? (document.orders ?? []) : [];
}

/**
 * Every file the document's versions list, once each: the incidents', then the orders' (a copy of
 * the order itself).
 */
export function documentFiles(document: ExportDocument): AttachmentRef[] {
  return distinctAttachments([
    ...document.entries.flatMap((entry) => entry.revisions.map(revisionIncident)),
    ...documentOrders(document).flatMap((order) => order.revisions.map((revision) => committedOrder(revision.content))),
  ]);
}
