// Test helper (not a test file): a stand-in for the verify-chain module worker, which Node does not
// have. Stubbed as the global Worker (vi.stubGlobal('Worker', VerifyChainWorkerStub)), it serves
// the real verifyChainTask on the other end of a MessageChannel, so every message is
// structured-cloned as between a page and a worker, and keeps what each side sent.

import type { ChainVerification } from '../../../src/core/evidence/chain';
import {
  verifyChainTask,
  type VerifyChainAnswer,
  type VerifyChainAsk,
  type VerifyChainInput,
  type VerifyChainSlice,
} from '../../../src/core/evidence/verifyChainTask';
import type { FromWorker, TaskFunction, ToWorker } from '../../../src/core/workers/protocol';
import { serveTaskOn, type TaskEndpoint } from '../../../src/core/workers/serveTask';

export type ToVerifyWorker = ToWorker<VerifyChainInput, VerifyChainAnswer>;
export type FromVerifyWorker = FromWorker<ChainVerification, never, VerifyChainAsk>;

export class VerifyChainWorkerStub {
  /** Every worker started since the last reset(), in order. */
  static spawned: VerifyChainWorkerStub[] = [];
  /** Called with each message the page posts, once it is sent. */
  static onPost: ((worker: VerifyChainWorkerStub, message: ToVerifyWorker) => void) | null = null;
  /** A task to serve in place of the real one: a worker that misbehaves. */
  static task: TaskFunction<VerifyChainInput, ChainVerification, never, VerifyChainAsk, VerifyChainAnswer> | null = null;

  static reset(): void {
    VerifyChainWorkerStub.spawned = [];
    VerifyChainWorkerStub.onPost = null;
    VerifyChainWorkerStub.task = null;
  }

  readonly url: string;
  readonly name: string | undefined;
  /** What the page posted to the worker. */
  readonly posted: ToVerifyWorker[] = [];
  /** What the worker posted to the page. */
  readonly received: FromVerifyWorker[] = [];
  terminated = false;
  private readonly port: MessagePort;

  constructor(url: URL | string, options?: WorkerOptions) {
    this.url = String(url);
    this.name = options?.name;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    port1.addEventListener('message', (event) => this.received.push(event.data as FromVerifyWorker));
    port1.start();
    port2.start();
    serveTaskOn(
      port2 as unknown as TaskEndpoint,
      (VerifyChainWorkerStub.task ?? verifyChainTask) as TaskFunction<never, unknown, unknown, unknown, unknown>,
    );
    VerifyChainWorkerStub.spawned.push(this);
  }

  postMessage(message: ToVerifyWorker, transfer: Transferable[]): void {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.posted.push(message);
    this.port.postMessage(message, transfer);
    VerifyChainWorkerStub.onPost?.(this, message);
  }

  addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void {
    if (type !== 'error') this.port.addEventListener(type, listener);
  }

  /** As a worker's: nothing more reaches the page (the task on the other end is left waiting). */
  terminate(): void {
    this.terminated = true;
    this.port.close();
  }

  /** The slices the page sent, in order (not its answers to whether to go on). */
  answers(): VerifyChainSlice[] {
    return this.posted.flatMap((m) => (m.type === 'answer' && m.ok && m.value !== null ? [m.value] : []));
  }

  /** Every answer the page sent, in order: a slice, or null to a question whether to go on. */
  allAnswers(): VerifyChainAnswer[] {
    return this.posted.flatMap((m) => (m.type === 'answer' && m.ok ? [m.value] : []));
  }
}
