// The breach summary's PDF task: translates and draws it with pdf-lib in the PDF worker
// (in-process under Vitest), as the main report's task does (pdfTask.ts); see pdfJobs.ts.
// Everything comes in as plain data: the summary and the strings of the namespaces it uses.

import type { Resource } from 'i18next';
import type { BreachSummary } from '../../core/export/breachReport/breachSummary';
import { renderBreachSummaryPdf } from '../../core/export/breachReport/renderBreachSummary';
import { familiesFor, stringsIn } from '../../core/export/pdf/fontFamilies';
import type { TaskFunction } from '../../core/workers/protocol';
import { reportTranslate, type PdfAnswer, type PdfProgress, type PdfQuestion } from './pdfTask';
import { loadReportFonts } from './reportFonts';

export interface BreachPdfTaskInput {
  summary: BreachSummary;
  /** The language to write in (the app's) and the fallbacks i18next would use, in order. */
  language: string;
  languages: readonly string[];
  /** The summary's namespaces' strings in those languages, as the page's i18next holds them. */
  resources: Resource;
}

// Typed as the PDF worker's tasks are (pdfJobs.ts); it asks nothing and reports no progress.
export const renderBreachPdfTask: TaskFunction<BreachPdfTaskInput, Uint8Array, PdfProgress, PdfQuestion, PdfAnswer> = async (
  input,
  context,
) => {
  // Fonts for the scripts of the summary and of its own words, and no others.
  const [t, fonts] = await Promise.all([
    reportTranslate(input),
    loadReportFonts(familiesFor([...stringsIn(input.summary), ...stringsIn(input.resources)])),
  ]);
  context.signal.throwIfAborted();
  return renderBreachSummaryPdf({ summary: input.summary, fonts, t, locale: input.language });
};
