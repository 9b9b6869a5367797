// The one PDF worker's jobs: the main report and the breach summary. One worker, so pdf-lib,
// fontkit and the report's layout code are in the app (and its precache) once, not twice.

import type { TaskFunction } from '../../core/workers/protocol';
import type { WorkerTask } from '../../core/workers/runTask';
import type { BreachPdfTaskInput } from './breachPdfTask';
import type { PdfAnswer, PdfProgress, PdfQuestion, PdfTaskInput } from './pdfTask';

export type PdfJob = { job: 'report'; input: PdfTaskInput } | { job: 'breach'; input: BreachPdfTaskInput };

/** Runs either job; only the report asks for pictures and the source's parts, and reports progress. */
export const renderPdfJob: TaskFunction<PdfJob, Uint8Array, PdfProgress, PdfQuestion, PdfAnswer> = async (job, context) => {
  if (job.job === 'report') return (await import('./pdfTask')).renderPdfTask(job.input, context);
  return (await import('./breachPdfTask')).renderBreachPdfTask(job.input, context);
};

/** The PDF worker, which alone loads pdf-lib, fontkit and the fonts (in-process under Vitest). */
export const pdfWorkerTask: WorkerTask<PdfJob, Uint8Array, PdfProgress, PdfQuestion, PdfAnswer> = {
  name: 'pdf',
  spawn: () => new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module', name: 'pdf' }),
  inProcess: async () => renderPdfJob,
};
