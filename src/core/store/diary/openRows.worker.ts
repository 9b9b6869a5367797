// Worker entry for opening the diary's rows at a load: loads only the task. See core/workers.

import { serveTask } from '../../workers/serveTask';
import { openRowsTask } from './openRowsTask';

serveTask(openRowsTask);
