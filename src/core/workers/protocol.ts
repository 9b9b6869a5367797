// The messages between a page and a task worker, and what a task function is given. No DOM, no
// React: the same task function runs in a worker in the browser and in-process under Vitest.

import type { SerializedError } from './errorTransfer';

/** What a task function is given besides its input. */
export interface TaskContext<Progress = never, Ask = never, Answer = never> {
  /** Aborted when the caller cancels (in-process runs; a worker is simply terminated). */
  readonly signal: AbortSignal;
  /** Tells the caller how far the task has got. Cheap: call it as often as is useful. */
  progress(value: Progress): void;
  /**
   * Asks the calling side for something only it has (a decrypted file, say) and waits. `transfer`
   * moves those buffers to the page rather than copying them (from a worker; in-process, nothing
   * is moved): the task must not use them again.
   */
  ask(question: Ask, transfer?: Transferable[]): Promise<Answer>;
}

/** A long job: plain data in, plain data out (both structured-cloneable). */
export type TaskFunction<In, Out, Progress = never, Ask = never, Answer = never> = (
  input: In,
  context: TaskContext<Progress, Ask, Answer>,
) => Promise<Out>;

/** Progress counted in steps (incidents drawn, records checked), with an optional phase. */
export interface CountProgress<Phase extends string = string> {
  phase?: Phase;
  done: number;
  total: number;
}

/** Page -> worker. */
export type ToWorker<In, Answer> =
  | { type: 'run'; input: In }
  | { type: 'answer'; id: number; ok: true; value: Answer }
  | { type: 'answer'; id: number; ok: false; error: SerializedError };

/** Worker -> page. */
export type FromWorker<Out, Progress, Ask> =
  | { type: 'ready' }
  | { type: 'progress'; value: Progress }
  | { type: 'ask'; id: number; question: Ask }
  | { type: 'done'; output: Out }
  | { type: 'failed'; error: SerializedError };
