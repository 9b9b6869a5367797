// Worker entry for breach summaries: pdf-lib, fontkit, HarfBuzz and the fonts load only here.

import { serveTask } from '../../../core/workers/serveTask';
import { renderBreachPdfTask } from './breachPdfTask';

serveTask(renderBreachPdfTask, { transfer: (pdf) => [pdf.buffer as ArrayBuffer] });
