// Worker entry for checking a backup: loads only the task and what it imports. See core/workers.

import { serveTask } from '../workers/serveTask';
import { checkBackupTask } from './checkBackupTask';

serveTask(checkBackupTask);
