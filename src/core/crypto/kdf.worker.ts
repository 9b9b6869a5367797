// Worker entry for Argon2id: loads only hash-wasm and the task. See core/workers.

import { serveTask } from '../workers/serveTask';
import { deriveKdfBytes } from './kdfTask';

serveTask(deriveKdfBytes, { transfer: (bytes) => [bytes.buffer as ArrayBuffer] });
