// Worker entry for re-encrypting under a new data key: loads only the task. See core/workers.

import { serveTask } from '../workers/serveTask';
import { rekeyTask } from './rekeyTask';

serveTask(rekeyTask);
