import { deriveKdfBytes, type KdfTaskInput } from '../../src/core/crypto/kdfTask';
import type { TaskWorker } from '../../src/core/workers/runTask';

/**
 * Stands in for the browser's KDF worker (install with vi.stubGlobal('Worker', ControlledKdfWorker)):
 * it loads at once, takes the run, and answers only when the test says so, so a test can stop an
 * unlock while Argon2id "runs", or just after it has finished, with no timing involved.
 */
export class ControlledKdfWorker implements TaskWorker {
  private static waiting: ((worker: ControlledKdfWorker) => void)[] = [];
  private readonly listeners: ((event: Event) => void)[] = [];
  input: KdfTaskInput | null = null;
  terminated = false;

  /** The next worker to be given a run. */
  static nextRun(): Promise<ControlledKdfWorker> {
    return new Promise((resolve) => ControlledKdfWorker.waiting.push(resolve));
  }

  constructor() {
    // After runTask has added its listeners (it does so as soon as the worker is made).
    queueMicrotask(() => this.emit({ type: 'ready' }));
  }

  addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void {
    if (type === 'message') this.listeners.push(listener);
  }

  postMessage(message: unknown): void {
    const data = message as { type: string; input?: KdfTaskInput };
    if (data.type !== 'run' || !data.input) return;
    // A copy, as a real worker's would be: the page zeroes its own passphrase bytes.
    this.input = structuredClone(data.input);
    for (const resolve of ControlledKdfWorker.waiting.splice(0)) resolve(this);
  }

  /**
   * Runs the real Argon2id and hands back its answer; `then` runs straight after the answer is
   * delivered, before the page has done anything with it.
   */
  async answer(then?: () => void): Promise<void> {
    if (!this.input) throw new Error('No run yet');
    const output = await deriveKdfBytes(this.input, {
      signal: new AbortController().signal,
      progress: () => undefined,
      ask: () => Promise.reject(new Error('no questions')),
    });
    this.emit({ type: 'done', output });
    then?.();
  }

  terminate(): void {
    this.terminated = true;
  }

  private emit(data: unknown): void {
    if (this.terminated) return;
    for (const listener of [...this.listeners]) listener(new MessageEvent('message', { data }));
  }
}
