// Long jobs in Web Workers: see /docs or runTask.ts. Task definitions live next to their code
// (core/crypto/kdf.ts, shared/exportFiles/pdfTask.ts...), each with a `*.worker.ts` entry.

export { reviveError, serializeError } from './errorTransfer';
export type { ErrorReviver, ErrorRevivers, SerializedError } from './errorTransfer';
export type { CountProgress, TaskContext, TaskFunction } from './protocol';
export { isTaskCancelled, prewarmTask, runTask, TaskCancelledError, TaskFailedError } from './runTask';
export type { RunTaskOptions, TaskWorker, WorkerTask } from './runTask';
