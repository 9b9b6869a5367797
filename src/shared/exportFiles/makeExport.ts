// Makes one export file from what the person chose. The code for each format (pdf-lib and
// its fonts above all) is loaded here, when a file is made, never with the app.

import type { i18n as I18n } from 'i18next';
import { buildExportDocument, type ExportSource } from '../../core/export/buildExportDocument';
import type { ExportDocument, ExportSelection } from '../../core/export/exportDocument';
import { selectEntries } from '../../core/export/selection';
import type { AttachmentRef } from '../../core/model/incident';
import type { AttachmentStore } from '../../core/store/attachmentStore';
import type { ChecklistStore } from '../../core/store/checklistStore';
import type { DiaryEntry } from '../../core/store/diaryRepository';
import type { DiaryContextValue } from '../diary/diaryContext';
import { asFile } from '../files/fileNames';
import { describeWhen, WHEN_NAMESPACE } from '../../core/model/describeWhen';
import { formatCalendarDate } from '../format/formatWhen';

export type ExportFormat = 'pdf' | 'csv' | 'json' | 'package';

export const UNENCRYPTED_FORMATS: ReadonlySet<ExportFormat> = new Set(['pdf', 'csv', 'json']);

export interface ExportInputs {
  /**
   * The diary's records and histories, and the fingerprints the person has shared (the diary
   * context offers all three): an export proves it extends each one.
   */
  diary: Pick<DiaryContextValue, 'records' | 'history'> & { stores: Pick<DiaryContextValue['stores'], 'fingerprints'> };
  entries: readonly DiaryEntry[];
  attachments: AttachmentStore;
  checklists: ChecklistStore;
}

export interface MadeExport {
  file: File;
  /** Files that could not be read on this device, so they are listed but missing. */
  damagedFiles: AttachmentRef[];
}

/**
 * What an export is built from: the chosen entries, every link, the checklist results if chosen
 * and the fingerprints shared. Also what the export screen gives recipientLearns (core/export).
 */
export async function exportSourceFor(inputs: ExportInputs, selection: ExportSelection): Promise<ExportSource> {
  const [checklists, fingerprints] = await Promise.all([
    selection.includeChecklists ? inputs.checklists.list() : [],
    inputs.diary.stores.fingerprints.list(),
  ]);
  return {
    links: inputs.diary.records().map((r) => r.link),
    entries: selectEntries(inputs.entries, selection),
    history: (id) => inputs.diary.history(id),
    checklists,
    fingerprints,
  };
}

export async function exportDocumentFor(inputs: ExportInputs, selection: ExportSelection, now: Date): Promise<ExportDocument> {
  return buildExportDocument(await exportSourceFor(inputs, selection), selection, now);
}

/** Namespaces a report or spreadsheet is written with. */
const REPORT_NAMESPACES = ['report', 'incident', 'checklist', 'diary', 'attachments'];

export async function renderReport(
  document: ExportDocument,
  i18n: I18n,
  loadFile: ((ref: AttachmentRef) => Promise<Blob>) | null,
): Promise<Uint8Array> {
  const [{ renderPdfReport }, { verifyExportDocument }, { loadReportFonts }, { pdfImageFromBlob }] = await Promise.all([
    import('../../core/export/pdf/index'),
    import('../../core/export/verifyExport'),
    import('./reportFonts'),
    import('./pdfImage'),
    i18n.loadNamespaces(REPORT_NAMESPACES),
  ]);
  const [fonts, verification] = await Promise.all([loadReportFonts(), verifyExportDocument(document)]);
  return renderPdfReport({
    document,
    verification,
    fonts,
    t: i18n.getFixedT(i18n.language) as unknown as (key: string, options?: Record<string, unknown>) => string,
    locale: i18n.language,
    loadImage: loadFile ? async (ref) => pdfImageFromBlob(await loadFile(ref)) : undefined,
  });
}

export async function makeExport(
  inputs: ExportInputs,
  selection: ExportSelection,
  format: ExportFormat,
  i18n: I18n,
  passphrase: string,
  now: Date = new Date(),
): Promise<MadeExport> {
  const document = await exportDocumentFor(inputs, selection, now);
  switch (format) {
    case 'pdf': {
      const loadFile = selection.includeAttachments ? (ref: AttachmentRef) => inputs.attachments.open(ref) : null;
      return { file: asFile(await renderReport(document, i18n, loadFile), 'pdf', now), damagedFiles: [] };
    }
    case 'csv': {
      const { buildIncidentsCsv } = await import('../../core/export/csv');
      await i18n.loadNamespaces(REPORT_NAMESPACES);
      const tReport = i18n.getFixedT(i18n.language, 'report');
      const tDiary = i18n.getFixedT(i18n.language, 'diary');
      const tAttachments = i18n.getFixedT(i18n.language, 'attachments');
      const csv = buildIncidentsCsv(document, {
        column: (column) => tReport(`csv.columns.${column}`),
        behaviour: (behaviour) => tDiary(`behaviours.${behaviour}`),
        when: (when) =>
          describeWhen(when, i18n.getFixedT(i18n.language, [WHEN_NAMESPACE]), (date) => formatCalendarDate(date, i18n.language)),
        yes: tReport('csv.yes'),
        no: tReport('csv.no'),
        size: (bytes) => tAttachments('size.bytes', { count: bytes }),
      });
      return { file: asFile(csv, 'csv', now), damagedFiles: [] };
    }
    case 'json': {
      const { serializeExportDocument } = await import('../../core/export/exportJson');
      return { file: asFile(serializeExportDocument(document), 'json', now), damagedFiles: [] };
    }
    case 'package': {
      const { createEvidencePackage } = await import('../../core/export/evidencePackage/index');
      const made = await createEvidencePackage(document, inputs.attachments, passphrase, {
        includeOriginals: selection.includeOriginals === true,
      });
      return { file: asFile(made.file, 'package', now), damagedFiles: made.damagedFiles };
    }
  }
}
