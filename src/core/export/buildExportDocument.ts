// Builds the export document (JSON export, PDF input, evidence package content) from the diary.

import type { SavedChecklistResult } from '../checklist/result';
import type { ChainLink } from '../evidence';
import { chainHead } from '../evidence';
import type { Incident } from '../model/incident';
import type { DiaryEntry, RevisionRecord } from '../store/diaryRepository';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportDocument,
  type ExportEntry,
  type ExportRevision,
  type ExportSelection,
  type OmittableField,
} from './exportDocument';
import type { NotHeldPart, VersionNotHeld } from './setAside';

export interface ExportSource {
  /** Every link of the diary, in order. */
  links: readonly ChainLink[];
  /** The chosen entries, in the order the export lists them (see selectEntries). */
  entries: readonly DiaryEntry[];
  history: (entryId: string) => readonly RevisionRecord[];
  checklists: readonly SavedChecklistResult[];
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
    }
  }
  return copy;
}

function exportEntry(
  id: string,
  history: readonly RevisionRecord[],
  omit: readonly OmittableField[],
  notHeld: VersionNotHeld[],
): ExportEntry {
  const revisions: ExportRevision[] = [];
  for (const { link, content } of history) {
    if (link.kind !== 'revision') continue;
    const { revision, recordedAt } = link;
    // A version of a current incident with no content: set aside when a backup was restored (a
    // deleted incident's versions are never exported). Its place goes out, so the export verifies.
    if (content === null) {
      notHeld.push({ entryId: id, revision, recordedAt });
      continue;
    }
    revisions.push(
      omit.length === 0
        ? { revision, recordedAt, kind: 'complete', content }
        : { revision, recordedAt, kind: 'partial', incident: withoutFields(content.body, omit), omittedFields: [...omit] },
    );
  }
  return { id, revisions };
}

/**
 * The export document. Versions of the chosen incidents whose content the diary does not hold go
 * in `versionsNotHeld` (only when there are any), beside the fields of ExportDocument.
 */
export function buildExportDocument(
  source: ExportSource,
  selection: ExportSelection,
  now: Date = new Date(),
): ExportDocument & NotHeldPart {
  const omit = [...new Set(selection.omitFields)];
  const notHeld: VersionNotHeld[] = [];
  const entries = source.entries
    .map((entry) => exportEntry(entry.id, source.history(entry.id), omit, notHeld))
    .filter((e) => e.revisions.length > 0);
  const shown = new Set(entries.map((e) => e.id));
  const versionsNotHeld = notHeld.filter((version) => shown.has(version.entryId));
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    generatedAt: now.toISOString(),
    scope: {
      ...(selection.from ? { from: selection.from } : {}),
      ...(selection.to ? { to: selection.to } : {}),
      behaviours: [...selection.behaviours],
      pickedIncidents: selection.entryIds.length > 0,
      omittedFields: omit,
      attachmentsIncluded: selection.includeAttachments,
      checklistsIncluded: selection.includeChecklists,
    },
    chain: { links: [...source.links], head: chainHead(source.links) },
    entries,
    checklists: selection.includeChecklists ? [...source.checklists] : [],
    ...(versionsNotHeld.length > 0 ? { versionsNotHeld } : {}),
  };
}
