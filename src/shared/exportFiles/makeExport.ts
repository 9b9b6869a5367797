// Makes one export file from what the person chose. The code for each format is loaded here,
// when a file is made, never with the app; a PDF is checked and drawn in its own worker.

import { pdfWorkerTask } from './pdfJobs';
import type { i18n as I18n, Resource, ResourceLanguage } from 'i18next';
import type { ExportSource } from '../../core/export/buildExportDocument';
import type { ExportDocument, ExportSelection } from '../../core/export/exportDocument';
import type { PackageProgress } from '../../core/export/evidencePackage/createPackage';
import { selectEntries } from '../../core/export/selection';
import { isExhibitInitials } from '../../core/export/exhibits';
import type { LaterFieldsTranslate } from '../../core/export/breachWords';
import type { AttachmentRef } from '../../core/model/incident';
import type { AttachmentStore } from '../../core/store/attachmentStore';
import type { ChecklistStore } from '../../core/store/checklistStore';
import type { DiaryEntry } from '../../core/store/diaryRepository';
import type { DiaryContextValue } from '../diary/diaryContext';
import { asFile } from '../files/fileNames';
import { describeWhen, WHEN_NAMESPACE } from '../../core/model/describeWhen';
import { formatCalendarDate } from '../format/formatWhen';
import { runTask, TaskCancelledError, type WorkerTask } from '../../core/workers/runTask';
import type { PdfAnswer, PdfProgress, PdfQuestion, PdfTaskInput } from './pdfTask';
import type { ExportDocumentTaskInput, SourcePartQuestion } from './exportDocumentTask';
import { exportSourceData, sourceParts, type ExportSourcePart } from './exportSourceData';

export type { PdfProgress } from './pdfTask';
export type { PackageProgress } from '../../core/export/evidencePackage/createPackage';

/** How far an export has got: a PDF's phases, or a package's records and files. */
export type ExportProgress = PdfProgress | PackageProgress;

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

/** Building the document: its own worker, with the evidence code only. */
const exportDocumentTask: WorkerTask<ExportDocumentTaskInput, ExportDocument, never, SourcePartQuestion, ExportSourcePart> = {
  name: 'export-document',
  spawn: () => new Worker(new URL('./exportDocument.worker.ts', import.meta.url), { type: 'module', name: 'export-document' }),
  inProcess: async () => (await import('./exportDocumentTask')).buildExportDocumentTask,
};

/** The export document, built in a worker: a large diary's commitments take seconds on a slow phone. */
export async function exportDocumentFor(
  inputs: ExportInputs,
  selection: ExportSelection,
  now: Date,
  signal?: AbortSignal,
): Promise<ExportDocument> {
  const { head, part } = sourceParts(exportSourceData(await exportSourceFor(inputs, selection)));
  return runTask(exportDocumentTask, { source: head, selection, now }, { signal, answer: async ({ sourcePart }) => part(sourcePart) });
}

/** Namespaces a report or spreadsheet is written with. */
const REPORT_NAMESPACES = ['report', 'incident', 'checklist', 'diary', 'attachments', 'chronology', 'advocate', 'exhibits'];

/** How a long task reports on itself, and how it is stopped. */
interface TaskOptions<Progress> {
  /** Aborting stops the task at once (TaskCancelledError); nothing is saved either way. */
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/** An export's: a PDF reports its phases, a package its records and files, CSV and JSON nothing. */
export type ExportTaskOptions = TaskOptions<ExportProgress>;

/** How an export is made, beyond what goes in it. */
export interface ExportOptions extends ExportTaskOptions {
  /**
   * Initials (checked: core/export/exhibits.ts) to number the files that go out as exhibits
   * (AB/1, AB/2, …) in a PDF report and a package. Absent: no numbers.
   */
  exhibitInitials?: string;
}

/** The strings of `namespaces` (the report's unless given) in every language i18next would look in, as plain data. */
export function reportResources(
  i18n: I18n,
  namespaces: readonly string[] = REPORT_NAMESPACES,
): { languages: string[]; resources: Resource } {
  const languages = [...i18n.languages];
  const resources: Resource = {};
  for (const lng of languages) {
    const bundles: Record<string, ResourceLanguage[string]> = {};
    for (const ns of ['common', ...namespaces]) {
      const bundle = i18n.getResourceBundle(lng, ns) as ResourceLanguage[string] | undefined;
      if (bundle) bundles[ns] = bundle;
    }
    resources[lng] = bundles;
  }
  return { languages, resources };
}

/**
 * Checks and draws the PDF report in its own worker, so the page (Quick exit above all) stays
 * responsive. Pictures are decrypted here, one at a time as the worker asks for them.
 */
export function renderReport(
  document: ExportDocument,
  i18n: I18n,
  loadFile: ((ref: AttachmentRef) => Promise<Blob>) | null,
  options: ReportOptions = {},
): Promise<Uint8Array> {
  return renderPdf(document, i18n, loadFile, options);
}

export interface ReportOptions extends TaskOptions<PdfProgress> {
  /** An opened package's redrawn and withheld pictures (OpenedPackage.verification.coverage). */
  packageFiles?: PdfTaskInput['packageFiles'];
  /** Initials the files are numbered with as exhibits (checked: core/export/exhibits.ts). */
  exhibitInitials?: string;
}

/**
 * The report from a document, or from what to build it from (built in the same worker then: the
 * source's parts, `part`, are answered as the worker asks for them).
 */
async function renderPdf(
  document: PdfTaskInput['document'],
  i18n: I18n,
  loadFile: ((ref: AttachmentRef) => Promise<Blob>) | null,
  options: ReportOptions,
  part?: (index: number) => ExportSourcePart,
): Promise<Uint8Array> {
  await i18n.loadNamespaces(REPORT_NAMESPACES);
  // Plain arrays of plain records: they cross to the worker by structured clone.
  const packageFiles = options.packageFiles
    ? { redrawn: [...options.packageFiles.redrawn], withheld: [...options.packageFiles.withheld] }
    : undefined;
  return runTask(
    pdfWorkerTask,
    {
      job: 'report',
      input: {
        document,
        language: i18n.language,
        ...reportResources(i18n),
        withPictures: loadFile !== null,
        ...(packageFiles ? { packageFiles } : {}),
        // Numbered in the worker, once the document is built (see exhibitsOf).
        ...(isExhibitInitials(options.exhibitInitials) ? { exhibitInitials: options.exhibitInitials } : {}),
      },
    },
    {
      signal: options.signal,
      onProgress: options.onProgress,
      answer: async (question: PdfQuestion): Promise<PdfAnswer> => {
        if ('sourcePart' in question) {
          if (!part) throw new Error('This report is not built from parts');
          return part(question.sourcePart);
        }
        if (!loadFile) throw new Error('No pictures in this report');
        return loadFile(question.picture);
      },
    },
  );
}

function stopIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TaskCancelledError();
}

/** Rejects with TaskCancelledError as soon as `signal` aborts; `work` is then left to finish unseen. */
async function untilCancelled<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  signal.throwIfAborted();
  let stop: () => void = () => undefined;
  const cancelled = new Promise<never>((_, reject) => {
    stop = () => reject(new TaskCancelledError());
    signal.addEventListener('abort', stop, { once: true });
  });
  try {
    return await Promise.race([work, cancelled]);
  } catch (error) {
    if (signal.aborted) throw new TaskCancelledError();
    throw error;
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

export async function makeExport(
  inputs: ExportInputs,
  selection: ExportSelection,
  format: ExportFormat,
  i18n: I18n,
  passphrase: string,
  now: Date = new Date(),
  options: ExportOptions = {},
): Promise<MadeExport> {
  // A PDF and the document stop in their workers, a package between records and chunks; this
  // answers at once even so, while a package finishes the one chunk it is encrypting.
  return untilCancelled(makeExportFile(inputs, selection, format, i18n, passphrase, now, options), options.signal);
}

async function makeExportFile(
  inputs: ExportInputs,
  selection: ExportSelection,
  format: ExportFormat,
  i18n: I18n,
  passphrase: string,
  now: Date,
  options: ExportOptions,
): Promise<MadeExport> {
  if (format === 'pdf') {
    // The document is built in the PDF's own worker: its data crosses to a worker only once.
    const { head, part } = sourceParts(exportSourceData(await exportSourceFor(inputs, selection)));
    const loadFile = selection.includeAttachments ? (ref: AttachmentRef) => inputs.attachments.open(ref) : null;
    const pdf = await renderPdf({ source: head, selection, now }, i18n, loadFile, options, part);
    return { file: asFile(pdf, 'pdf', now), damagedFiles: [] };
  }
  const document = await exportDocumentFor(inputs, selection, now, options.signal);
  switch (format) {
    case 'csv': {
      const { buildIncidentsCsv, laterFieldLabels } = await import('../../core/export/csv');
      await i18n.loadNamespaces(REPORT_NAMESPACES);
      // Writing the rows is quick and cannot be stopped half-way: stop before it starts.
      stopIfCancelled(options.signal);
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
        received: (file) => tReport(`attachments.received.${file.receivedVia ?? 'any'}`, { moment: file.receivedAt }),
        // The report's words for a breach (order and condition) and for someone told.
        ...laterFieldLabels(i18n.getFixedT(i18n.language) as unknown as LaterFieldsTranslate, (date) =>
          formatCalendarDate(date, i18n.language),
        ),
      });
      return { file: asFile(csv, 'csv', now), damagedFiles: [] };
    }
    case 'json': {
      const { serializeExportDocument } = await import('../../core/export/exportJson');
      stopIfCancelled(options.signal);
      return { file: asFile(serializeExportDocument(document), 'json', now), damagedFiles: [] };
    }
    case 'package': {
      const { createEvidencePackage } = await import('../../core/export/evidencePackage/index');
      const made = await createEvidencePackage(document, inputs.attachments, passphrase, {
        includeOriginals: selection.includeOriginals === true,
        ...(isExhibitInitials(options.exhibitInitials) ? { exhibitInitials: options.exhibitInitials } : {}),
        signal: options.signal,
        onProgress: options.onProgress,
      });
      return { file: asFile(made.file, 'package', now), damagedFiles: made.damagedFiles };
    }
  }
}
