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

function exportEntry(id: string, history: readonly RevisionRecord[], omit: readonly OmittableField[]): ExportEntry {
  const revisions: ExportRevision[] = [];
  for (const { link, content } of history) {
    if (link.kind !== 'revision' || content === null) continue;
    const { revision, recordedAt } = link;
    revisions.push(
      omit.length === 0
        ? { revision, recordedAt, kind: 'complete', content }
        : { revision, recordedAt, kind: 'partial', incident: withoutFields(content.body, omit), omittedFields: [...omit] },
    );
  }
  return { id, revisions };
}

export function buildExportDocument(source: ExportSource, selection: ExportSelection, now: Date = new Date()): ExportDocument {
  const omit = [...new Set(selection.omitFields)];
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
    entries: source.entries.map((entry) => exportEntry(entry.id, source.history(entry.id), omit)).filter((e) => e.revisions.length > 0),
    checklists: selection.includeChecklists ? [...source.checklists] : [],
  };
}
