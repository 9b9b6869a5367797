// Worker entry for decrypting the diary's rows: loads only the crypto it needs. See openRowsTask.ts.

import { serveTask } from '../../workers/serveTask';
import { openRowsTask } from './openRowsTask';

serveTask(openRowsTask);
