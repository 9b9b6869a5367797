// Worker entry for opening an evidence package or JSON export. See core/workers.

import { serveTask } from '../workers/serveTask';
import { openPackageTask } from './openPackageTask';

serveTask(openPackageTask);
