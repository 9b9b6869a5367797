// Worker entry for PDF reports and breach summaries: pdf-lib, fontkit, the fonts and the report's
// code load only here.

import { serveTask } from '../../core/workers/serveTask';
import { renderPdfJob } from './pdfJobs';

serveTask(renderPdfJob, { transfer: (pdf) => [pdf.buffer as ArrayBuffer] });
