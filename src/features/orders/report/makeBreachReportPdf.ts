// Makes the breach summary's PDF file: the summary is picked from the order and the incident
// here, then translated and drawn in its own worker, so the page (Quick exit above all) stays
// responsive. Loaded only when the person opens "Report a breach".

import type { i18n as I18n, Resource, ResourceLanguage } from 'i18next';
import { buildBreachSummary } from '../../../core/export/breachReport/breachSummary';
import { BREACH_REPORT_NAMESPACES } from '../../../core/export/breachReport/namespaces';
import type { Incident } from '../../../core/model/incident';
import type { CourtOrder } from '../../../core/model/order';
import { runTask, type WorkerTask } from '../../../core/workers/runTask';
import { MIME_TYPES } from '../../../shared/files/fileNames';
import type { BreachPdfTaskInput } from './breachPdfTask';
import { breachReportFileName } from './fileName';

export interface BreachReportRequest {
  orderId: string;
  order: CourtOrder;
  incident: Incident;
  conditionIds: readonly string[];
}

/** Makes the file; `signal` stops the worker at once. */
export type MakeBreachReportPdf = (request: BreachReportRequest, i18n: I18n, signal?: AbortSignal) => Promise<File>;

const breachPdfTask: WorkerTask<BreachPdfTaskInput, Uint8Array> = {
  name: 'breach-pdf',
  spawn: () => new Worker(new URL('./breachPdf.worker.ts', import.meta.url), { type: 'module', name: 'breach-pdf' }),
  inProcess: async () => (await import('./breachPdfTask')).renderBreachPdfTask,
};

/** The strings of the summary's namespaces in every language i18next would look in, as plain data. */
function summaryResources(i18n: I18n): { languages: string[]; resources: Resource } {
  const languages = [...i18n.languages];
  const resources: Resource = {};
  for (const lng of languages) {
    const bundles: Record<string, ResourceLanguage[string]> = {};
    for (const ns of ['common', ...BREACH_REPORT_NAMESPACES]) {
      const bundle = i18n.getResourceBundle(lng, ns) as ResourceLanguage[string] | undefined;
      if (bundle) bundles[ns] = bundle;
    }
    resources[lng] = bundles;
  }
  return { languages, resources };
}

export const makeBreachReportPdf: MakeBreachReportPdf = async (request, i18n, signal) => {
  const now = new Date();
  await i18n.loadNamespaces([...BREACH_REPORT_NAMESPACES]);
  const summary = buildBreachSummary({ ...request, now });
  const bytes = await runTask(breachPdfTask, { summary, language: i18n.language, ...summaryResources(i18n) }, { signal });
  return new File([bytes as Uint8Array<ArrayBuffer>], breachReportFileName(now), { type: MIME_TYPES.pdf });
};
