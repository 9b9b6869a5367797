// The worker side of a task: waits for one `run` message, runs the task function, and posts its
// progress, questions, result or error back. Each worker runs one task and is then terminated.

import { reviveError, serializeError } from './errorTransfer';
import type { FromWorker, TaskContext, TaskFunction, ToWorker } from './protocol';

/** The few members of a worker's global scope (or a MessagePort, in tests) that serving needs. */
export interface TaskEndpoint {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** At most one progress message per this many milliseconds; the latest value wins. */
const PROGRESS_INTERVAL_MS = 100;

export interface ServeOptions<Out> {
  /** Buffers in the result to move rather than copy (a rendered PDF, a derived key). */
  transfer?: (output: Out) => Transferable[];
}

export function serveTaskOn<In, Out, Progress, Ask, Answer>(
  endpoint: TaskEndpoint,
  task: TaskFunction<In, Out, Progress, Ask, Answer>,
  options: ServeOptions<Out> = {},
): void {
  const post = (message: FromWorker<Out, Progress, Ask>, transfer: Transferable[] = []) => endpoint.postMessage(message, transfer);
  const waiting = new Map<number, { resolve: (value: Answer) => void; reject: (error: unknown) => void }>();
  let nextQuestion = 0;
  let started = false;
  let pendingProgress: { value: Progress } | null = null;
  let progressTimer: ReturnType<typeof setTimeout> | null = null;
  let lastProgress = 0;
  const stopProgress = () => {
    if (progressTimer !== null) clearTimeout(progressTimer);
    progressTimer = null;
    pendingProgress = null;
  };
  // Nobody aborts this: cancelling terminates the whole worker.
  const signal = new AbortController().signal;
  const context: TaskContext<Progress, Ask, Answer> = {
    signal,
    progress: (value) => {
      // Coalesced: every message is a task on the page's thread, which must stay free.
      pendingProgress = { value };
      if (progressTimer !== null) return;
      const wait = Math.max(0, lastProgress + PROGRESS_INTERVAL_MS - Date.now());
      progressTimer = setTimeout(() => {
        progressTimer = null;
        lastProgress = Date.now();
        if (pendingProgress) post({ type: 'progress', value: pendingProgress.value });
        pendingProgress = null;
      }, wait);
    },
    ask: (question, transfer = []) =>
      new Promise<Answer>((resolve, reject) => {
        const id = nextQuestion++;
        waiting.set(id, { resolve, reject });
        try {
          post({ type: 'ask', id, question }, transfer);
        } catch (error) {
          // A question that cannot be cloned or moved is never asked.
          waiting.delete(id);
          reject(error);
        }
      }),
  };

  endpoint.addEventListener('message', (event) => {
    const message = event.data as ToWorker<In, Answer>;
    if (message.type === 'answer') {
      const pending = waiting.get(message.id);
      waiting.delete(message.id);
      if (!pending) return;
      if (message.ok) pending.resolve(message.value);
      else pending.reject(reviveError(message.error));
      return;
    }
    if (message.type !== 'run' || started) return;
    started = true;
    void (async () => {
      try {
        const output = await task(message.input, context);
        stopProgress();
        post({ type: 'done', output }, options.transfer?.(output) ?? []);
      } catch (error) {
        stopProgress();
        post({ type: 'failed', error: serializeError(error) });
      }
    })();
  });
  post({ type: 'ready' });
}

/** Serves `task` from this worker. Call once, at the top level of a `*.worker.ts` entry. */
export function serveTask<In, Out, Progress, Ask, Answer>(
  task: TaskFunction<In, Out, Progress, Ask, Answer>,
  options: ServeOptions<Out> = {},
): void {
  serveTaskOn(globalThis as unknown as TaskEndpoint, task, options);
}
