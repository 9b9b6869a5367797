// Worker entry for PDF reports: pdf-lib, fontkit, the fonts and the report's code load only here.

import { serveTask } from '../../core/workers/serveTask';
import { renderPdfTask } from './pdfTask';

serveTask(renderPdfTask, { transfer: (pdf) => [pdf.buffer as ArrayBuffer] });
