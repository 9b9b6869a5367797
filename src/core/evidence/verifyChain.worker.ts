// Worker entry for verifying a chain: loads only the evidence code it needs. See core/workers.

import { serveTask } from '../workers/serveTask';
import { verifyChainTask } from './verifyChainTask';

serveTask(verifyChainTask);
