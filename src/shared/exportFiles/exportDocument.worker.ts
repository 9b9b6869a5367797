// Worker entry for building export documents: the evidence code only, no pdf-lib.

import { serveTask } from '../../core/workers/serveTask';
import { buildExportDocumentTask } from './exportDocumentTask';

serveTask(buildExportDocumentTask);
