// The page side of a task: runs it in its own module worker where the browser has workers, and
// in-process where it has none (Vitest under Node), with the same progress, cancelling and
// typed errors either way. Long jobs run in workers so Quick exit and Shift x3 stay instant.

import { reviveError, serializeError, type ErrorRevivers } from './errorTransfer';
import type { FromWorker, TaskFunction, ToWorker } from './protocol';

/** The caller cancelled: the worker was terminated and nothing more will come of the task. */
export class TaskCancelledError extends Error {
  override readonly name = 'TaskCancelledError';
  readonly code = 'task/cancelled';
  constructor() {
    super('The task was cancelled');
  }
}

/** The worker died without an answer (out of memory, say) or its messages could not be read. */
export class TaskFailedError extends Error {
  override readonly name = 'TaskFailedError';
  readonly code = 'task/failed';
  constructor(detail: string, options?: ErrorOptions) {
    super(`The task failed: ${detail}`, options);
  }
}

export function isTaskCancelled(error: unknown): error is TaskCancelledError {
  return error instanceof TaskCancelledError;
}

/** What runTask needs of a Worker (a test can hand it a MessagePort-backed stand-in). */
export interface TaskWorker {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

export interface WorkerTask<In, Out, Progress = never, Ask = never, Answer = never> {
  /** For messages and tests only. */
  name: string;
  /**
   * Starts this task's own worker. Written out where the task is defined, as
   * `() => new Worker(new URL('./name.worker.ts', import.meta.url), { type: 'module' })`,
   * so the bundler finds it and gives the worker its own chunk (and only the code it imports).
   */
  spawn: () => TaskWorker;
  /** The same task function, loaded in-process where there are no workers. */
  inProcess: () => Promise<TaskFunction<In, Out, Progress, Ask, Answer>>;
  /** The errors the task function may throw, rebuilt by name as instances of their classes. */
  errors?: ErrorRevivers;
  /** Buffers in the input to move rather than copy (a passphrase's bytes: gone from the page). */
  transfer?: (input: In) => Transferable[];
}

export interface RunTaskOptions<Progress, Ask, Answer> {
  /** Aborting terminates the worker and rejects with TaskCancelledError. */
  signal?: AbortSignal;
  onProgress?: (value: Progress) => void;
  /** Answers the task's questions (for a task that asks any). */
  answer?: (question: Ask) => Promise<Answer>;
  /**
   * Called just before the input is handed over (once a worker has loaded, which may take a
   * while): what it throws is what the task rejects with, and the input is never sent. For input
   * that may have stopped being the task's to have meanwhile (keys, once the vault has locked).
   */
  beforeRun?: () => void;
}

/** Whether tasks run in workers here: every browser Daybook supports has module workers. */
function workersAvailable(): boolean {
  return typeof Worker !== 'undefined';
}

interface Started {
  worker: TaskWorker;
  /** True once the worker's module has loaded; false if it failed to load. */
  ready: Promise<boolean>;
  /** Hands every later message (and any that came early) to the run. */
  take: (handler: (event: MessageEvent) => void) => void;
}

/**
 * How long, from the moment a task is run, its worker may take to load its code. Loading takes
 * well under a second even on a slow phone; a worker that neither loads nor fails (an engine
 * that never answers) must not leave the person waiting at the lock screen for ever. It is
 * replaced once; if the second does no better, the task runs in-process.
 */
export const WORKER_READY_TIMEOUT_MS = 15_000;

function start(task: WorkerTask<never, unknown, unknown, unknown, unknown>): Started {
  const worker = task.spawn();
  const early: MessageEvent[] = [];
  let handler: ((event: MessageEvent) => void) | null = null;
  const ready = new Promise<boolean>((resolve) => {
    worker.addEventListener('message', (event) => {
      const message = event as MessageEvent<FromWorker<unknown, unknown, unknown>>;
      if (message.data.type === 'ready') resolve(true);
      else if (handler) handler(message);
      else early.push(message);
    });
    worker.addEventListener('error', () => resolve(false));
  });
  const take = (next: (event: MessageEvent) => void) => {
    handler = next;
    for (const event of early.splice(0)) next(event);
  };
  return { worker, ready, take };
}

/** One worker per task name started ahead of need (see prewarmTask). */
const warm = new Map<string, Started>();

/**
 * Starts the task's worker now, so its code is fetched and compiled before it is needed (while
 * a passphrase is typed, say). The next runTask of the same task uses it.
 */
export function prewarmTask<In, Out, Progress, Ask, Answer>(task: WorkerTask<In, Out, Progress, Ask, Answer>): void {
  if (!workersAvailable() || warm.has(task.name)) return;
  try {
    warm.set(task.name, start(task as unknown as WorkerTask<never, unknown, unknown, unknown, unknown>));
  } catch {
    // runTask will try again, and fall back to running in-process.
  }
}

/**
 * Takes the task's worker started ahead of need, if one is waiting, out of use (the work turned
 * out to be done here instead): no run will use it, and the next prewarmTask starts a fresh one.
 * Returns what ends it, to call when ending it costs the page less (it holds no task's input).
 */
export function setPrewarmedAside<In, Out, Progress, Ask, Answer>(task: WorkerTask<In, Out, Progress, Ask, Answer>): () => void {
  const started = warm.get(task.name);
  warm.delete(task.name);
  return () => started?.worker.terminate();
}

/** `promise`, or TaskCancelledError as soon as `signal` aborts (its listener removed once settled). */
export function unlessCancelled<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new TaskCancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new TaskCancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

async function runInProcess<In, Out, Progress, Ask, Answer>(
  task: WorkerTask<In, Out, Progress, Ask, Answer>,
  input: In,
  options: RunTaskOptions<Progress, Ask, Answer>,
): Promise<Out> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const fn = await task.inProcess();
    options.signal?.throwIfAborted();
    options.beforeRun?.();
    const run = fn(input, {
      signal: controller.signal,
      progress: (value) => options.onProgress?.(value),
      ask: (question) =>
        options.answer ? options.answer(question) : Promise.reject(new Error(`${task.name} asked a question nobody answers`)),
    });
    // A cancel wins the race at once; the function sees its signal aborted at its next check.
    return await unlessCancelled(run, options.signal);
  } catch (error) {
    if (options.signal?.aborted) throw new TaskCancelledError();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Whether the worker has loaded its code within WORKER_READY_TIMEOUT_MS from now (false: it
 * failed to load or did not answer in time). Resolves at once when `signal` aborts.
 */
function loadedInTime(started: Started, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), WORKER_READY_TIMEOUT_MS);
    const onAbort = () => resolve(false);
    signal?.addEventListener('abort', onAbort, { once: true });
    void started.ready.then((ready) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(ready);
    });
  });
}

async function runInWorker<In, Out, Progress, Ask, Answer>(
  task: WorkerTask<In, Out, Progress, Ask, Answer>,
  input: In,
  options: RunTaskOptions<Progress, Ask, Answer>,
): Promise<Out> {
  const spawn = () => start(task as unknown as WorkerTask<never, unknown, unknown, unknown, unknown>);
  let started = warm.get(task.name) ?? spawn();
  warm.delete(task.name);
  if (!(await loadedInTime(started, options.signal))) {
    started.worker.terminate();
    if (options.signal?.aborted) throw new TaskCancelledError();
    // A worker that failed to load, or never answered: one fresh try (a prewarmed one may have
    // failed while the passphrase was typed), then the task runs here rather than not at all.
    started = spawn();
    if (!(await loadedInTime(started, options.signal))) {
      started.worker.terminate();
      if (options.signal?.aborted) throw new TaskCancelledError();
      return runInProcess(task, input, options);
    }
  }
  const { worker } = started;
  const { signal } = options;
  let settled = false;
  try {
    return await new Promise<Out>((resolve, reject) => {
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        worker.terminate();
        outcome();
      };
      const onAbort = () => finish(() => reject(new TaskCancelledError()));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });

      const handle = (event: MessageEvent) => {
        const message = event.data as FromWorker<Out, Progress, Ask>;
        switch (message.type) {
          case 'progress':
            if (!settled) options.onProgress?.(message.value);
            return;
          case 'ask':
            // A question still on its way when the task ended is not answered.
            if (!settled) void answer(message.id, message.question);
            return;
          case 'done':
            return finish(() => resolve(message.output));
          case 'failed':
            return finish(() => reject(reviveError(message.error, task.errors)));
        }
      };
      const answer = async (id: number, question: Ask) => {
        let reply: ToWorker<In, Answer>;
        try {
          if (!options.answer) throw new Error(`${task.name} asked a question nobody answers`);
          reply = { type: 'answer', id, ok: true, value: await options.answer(question) };
        } catch (error) {
          reply = { type: 'answer', id, ok: false, error: serializeError(error) };
        }
        if (settled) return;
        try {
          worker.postMessage(reply, []);
        } catch {
          // An answer that cannot be structured-cloned (DataCloneError): the worker would wait
          // for it for ever, so the task fails instead.
          finish(() => reject(new TaskFailedError('an answer could not be sent to the worker')));
        }
      };

      started.take(handle);
      worker.addEventListener('messageerror', () => finish(() => reject(new TaskFailedError('a message could not be read'))));
      worker.addEventListener('error', (event) =>
        finish(() => reject(new TaskFailedError((event as ErrorEvent).message ?? 'the worker stopped'))),
      );
      try {
        options.beforeRun?.();
      } catch (error) {
        return finish(() => reject(error));
      }
      const run: ToWorker<In, Answer> = { type: 'run', input };
      worker.postMessage(run, task.transfer?.(input) ?? []);
    });
  } finally {
    if (!settled) worker.terminate();
  }
}

/**
 * Runs `task` on `input`: in its own worker in the browser, in-process elsewhere. Progress goes
 * to `onProgress`; aborting `signal` stops it and rejects with TaskCancelledError; an error the
 * task throws is rebuilt here as an instance of its class (see WorkerTask.errors).
 */
export function runTask<In, Out, Progress = never, Ask = never, Answer = never>(
  task: WorkerTask<In, Out, Progress, Ask, Answer>,
  input: In,
  options: RunTaskOptions<Progress, Ask, Answer> = {},
): Promise<Out> {
  if (options.signal?.aborted) return Promise.reject(new TaskCancelledError());
  if (!workersAvailable()) return runInProcess(task, input, options);
  return runInWorker(task, input, options);
}
