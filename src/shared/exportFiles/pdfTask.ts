// The PDF report task: checks the export and draws it with pdf-lib in the PDF worker (in-process
// under Vitest). Everything comes in as plain data: the document, the strings of the namespaces
// the report uses, and each picture asked of the page, which alone can decrypt attachments.

import { createInstance, type Resource } from 'i18next';
import { renderPdfReport, type ReportTranslate } from '../../core/export/pdf/index';
import { familiesFor, stringsIn } from '../../core/export/pdf/fontFamilies';
import { verifyExportDocument, type RedrawnFile } from '../../core/export/verifyExport';
import type { ExportDocument } from '../../core/export/exportDocument';
import type { AttachmentRef } from '../../core/model/incident';
import type { CountProgress, TaskFunction } from '../../core/workers/protocol';
import { buildDocumentFromParts, type ExportDocumentTaskInput, type SourcePartQuestion } from './exportDocumentTask';
import type { ExportSourcePart } from './exportSourceData';
import { pdfImageFromBlob } from './pdfImage';
import { loadReportFonts } from './reportFonts';

export interface PdfTaskInput {
  /** The document, or what to build it from here (a large diary's commitments take a while). */
  document: ExportDocument | ExportDocumentTaskInput;
  /** The language to write in (i18n.language) and the fallbacks i18next would use, in order. */
  language: string;
  languages: readonly string[];
  /** The report namespaces' strings in those languages, as the page's i18next holds them. */
  resources: Resource;
  /** Whether pictures are drawn: each is then asked of the page by its ref. */
  withPictures: boolean;
  /**
   * From an opened evidence package: the pictures it carries as redrawn copies and those it left
   * out, so the cover says so and each copy is not shown under the original's SHA-256.
   */
  packageFiles?: { redrawn: readonly RedrawnFile[]; withheld: readonly AttachmentRef[] };
  /** Initials to number the files as exhibits (core/export/exhibits.ts); absent: no numbers. */
  exhibitInitials?: string;
}

/** What the report asks of the page: a picture (by its ref), or a part of the source to build the document from. */
export type PdfQuestion = { picture: AttachmentRef } | SourcePartQuestion;

/** The page's answers: the picture's bytes, or the part. */
export type PdfAnswer = Blob | ExportSourcePart;

/** 'building' the document, 'checking' it against its chain, then 'drawing' incident by incident. */
export type PdfProgress = CountProgress<'building' | 'checking' | 'drawing'>;

/** A fixed t over the given strings, set up as the app's i18next is (src/i18n/index.ts). */
export async function reportTranslate(input: Pick<PdfTaskInput, 'language' | 'languages' | 'resources'>): Promise<ReportTranslate> {
  const i18n = createInstance();
  await i18n.init({
    lng: input.language,
    fallbackLng: input.languages.filter((lng) => lng !== input.language),
    resources: input.resources,
    ns: Object.keys(input.resources[input.language] ?? {}),
    defaultNS: 'common',
    fallbackNS: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n.getFixedT(input.language) as unknown as ReportTranslate;
}

/** A picture's bytes as the page answered: anything else is the page's bug, not a picture. */
function pictureFrom(answer: PdfAnswer): Blob {
  if (!(answer instanceof Blob)) throw new TypeError('the page answered a picture with something else');
  return answer;
}

function isDocument(value: PdfTaskInput['document']): value is ExportDocument {
  return 'format' in value;
}

export const renderPdfTask: TaskFunction<PdfTaskInput, Uint8Array, PdfProgress, PdfQuestion, PdfAnswer> = async (input, context) => {
  const translate = reportTranslate(input);
  // Failures surface when awaited below; this only starts early.
  translate.catch(() => undefined);
  let document: ExportDocument;
  if (isDocument(input.document)) {
    document = input.document;
  } else {
    context.progress({ phase: 'building', done: 0, total: input.document.source.entryCount });
    document = await buildDocumentFromParts(input.document, (question) => context.ask(question), context.signal);
  }
  // Fonts for the scripts of the text and of the report's own words, and no others.
  const fontsLoaded = loadReportFonts(familiesFor([...stringsIn(document.entries), ...stringsIn(input.resources)]));
  fontsLoaded.catch(() => undefined);
  const total = document.entries.length;
  context.progress({ phase: 'checking', done: 0, total });
  const [t, fonts, verification] = await Promise.all([
    translate,
    fontsLoaded,
    verifyExportDocument(document, input.packageFiles ? { files: input.packageFiles } : {}),
  ]);
  context.signal.throwIfAborted();
  context.progress({ phase: 'drawing', done: 0, total });
  return renderPdfReport({
    document,
    verification,
    fonts,
    t,
    locale: input.language,
    ...(input.exhibitInitials ? { exhibitInitials: input.exhibitInitials } : {}),
    loadImage: input.withPictures ? async (ref) => pdfImageFromBlob(pictureFrom(await context.ask({ picture: ref }))) : undefined,
    onIncidentDrawn: (done) => {
      context.signal.throwIfAborted();
      context.progress({ phase: 'drawing', done, total });
    },
  });
};
