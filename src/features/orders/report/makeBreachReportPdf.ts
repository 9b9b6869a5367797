// Makes the breach summary's PDF file: the summary is picked from the order and the incident
// here, then translated and drawn in the app's PDF worker, so the page (Quick exit above all) stays
// responsive. Loaded only when the person opens "Report a breach".

import type { i18n as I18n } from 'i18next';
import { buildBreachSummary, type FormerConditionText } from '../../../core/export/breachReport/breachSummary';
import { BREACH_REPORT_NAMESPACES } from '../../../core/export/breachReport/namespaces';
import type { Incident } from '../../../core/model/incident';
import type { CourtOrder } from '../../../core/model/order';
import { runTask } from '../../../core/workers/runTask';
import { MIME_TYPES } from '../../../shared/files/fileNames';
import { reportResources } from '../../../shared/exportFiles/makeExport';
import { pdfWorkerTask } from '../../../shared/exportFiles/pdfJobs';
import { breachReportFileName } from './fileName';

export interface BreachReportRequest {
  orderId: string;
  order: CourtOrder;
  incident: Incident;
  conditionIds: readonly string[];
  /** Conditions no longer on the order, with their last known wording. */
  formerConditions?: readonly FormerConditionText[];
}

/** Makes the file; `signal` stops the worker at once. */
export type MakeBreachReportPdf = (request: BreachReportRequest, i18n: I18n, signal?: AbortSignal) => Promise<File>;

export const makeBreachReportPdf: MakeBreachReportPdf = async (request, i18n, signal) => {
  const now = new Date();
  await i18n.loadNamespaces([...BREACH_REPORT_NAMESPACES]);
  const summary = buildBreachSummary({ ...request, now });
  // The app's one PDF worker draws it (shared/exportFiles/pdfJobs.ts).
  const input = { summary, language: i18n.language, ...reportResources(i18n, BREACH_REPORT_NAMESPACES) };
  const bytes = await runTask(pdfWorkerTask, { job: 'breach', input }, { signal });
  return new File([bytes as Uint8Array<ArrayBuffer>], breachReportFileName(now), { type: MIME_TYPES.pdf });
};
