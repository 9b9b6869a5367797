// The breach summary's PDF task: translates and draws it with pdf-lib in its own worker
// (in-process under Vitest), as the main report's task does (shared/exportFiles/pdfTask.ts).
// Everything comes in as plain data: the summary and the strings of the namespaces it uses.

import { createInstance, type Resource } from 'i18next';
import type { BreachSummary } from '../../../core/export/breachReport/breachSummary';
import { renderBreachSummaryPdf } from '../../../core/export/breachReport/renderBreachSummary';
import { familiesFor, stringsIn } from '../../../core/export/pdf/fontFamilies';
import type { ReportTranslate } from '../../../core/export/pdf/types';
import type { TaskFunction } from '../../../core/workers/protocol';
import { loadReportFonts } from '../../../shared/exportFiles/reportFonts';

export interface BreachPdfTaskInput {
  summary: BreachSummary;
  /** The language to write in (the app's) and the fallbacks i18next would use, in order. */
  language: string;
  languages: readonly string[];
  /** The summary's namespaces' strings in those languages, as the page's i18next holds them. */
  resources: Resource;
}

/** A fixed t over the given strings, set up as the app's i18next is (src/i18n/index.ts). */
async function summaryTranslate(input: BreachPdfTaskInput): Promise<ReportTranslate> {
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

export const renderBreachPdfTask: TaskFunction<BreachPdfTaskInput, Uint8Array> = async (input, context) => {
  // Fonts for the scripts of the summary and of its own words, and no others.
  const [t, fonts] = await Promise.all([
    summaryTranslate(input),
    loadReportFonts(familiesFor([...stringsIn(input.summary), ...stringsIn(input.resources)])),
  ]);
  context.signal.throwIfAborted();
  return renderBreachSummaryPdf({ summary: input.summary, fonts, t, locale: input.language });
};
