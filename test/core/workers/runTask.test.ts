import { afterEach, describe, expect, it, vi } from 'vitest';
import { KdfUnavailableError, WrongPassphraseError } from '../../../src/core/crypto/errors';
import { reviveError, serializeError } from '../../../src/core/workers/errorTransfer';
import type { CountProgress, TaskFunction } from '../../../src/core/workers/protocol';
import {
  prewarmTask,
  setPrewarmedAside,
  runTask,
  TaskCancelledError,
  TaskFailedError,
  WORKER_READY_TIMEOUT_MS,
  type TaskWorker,
  type WorkerTask,
} from '../../../src/core/workers/runTask';
import { serveTaskOn, type TaskEndpoint } from '../../../src/core/workers/serveTask';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A stand-in for a module worker: the task is served on the other end of a MessageChannel. */
class ChannelWorker implements TaskWorker {
  readonly port: MessagePort;
  terminated = false;
  constructor(task: TaskFunction<never, unknown, unknown, unknown, unknown>) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    port1.start();
    port2.start();
    serveTaskOn(port2 as unknown as TaskEndpoint, task);
  }
  postMessage(message: unknown, transfer: Transferable[]): void {
    this.port.postMessage(message, transfer);
  }
  addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void {
    if (type !== 'error') this.port.addEventListener(type, listener);
  }
  terminate(): void {
    this.terminated = true;
    this.port.close();
  }
}

/** Counts to `total`, reporting each step, asking the page for a word at step 2. */
const countTo: TaskFunction<{ total: number; fail?: 'wrong-passphrase' | 'kdf' | 'range' }, string, CountProgress, string, string> = async (
  input,
  context,
) => {
  let word = '';
  for (let done = 1; done <= input.total; done++) {
    context.signal.throwIfAborted();
    if (done === 2) word = await context.ask('word?');
    context.progress({ done, total: input.total });
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  if (input.fail === 'wrong-passphrase') throw new WrongPassphraseError();
  if (input.fail === 'kdf') throw new KdfUnavailableError('refused', { cause: new WrongPassphraseError() });
  if (input.fail === 'range') throw new RangeError('too big');
  return `${word}:${input.total}`;
};

const spawned: ChannelWorker[] = [];
const task: WorkerTask<{ total: number; fail?: 'wrong-passphrase' | 'kdf' | 'range' }, string, CountProgress, string, string> = {
  name: 'count',
  spawn: () => {
    const worker = new ChannelWorker(countTo as TaskFunction<never, unknown, unknown, unknown, unknown>);
    spawned.push(worker);
    return worker;
  },
  inProcess: async () => countTo,
  errors: {
    WrongPassphraseError: (_, cause) => new WrongPassphraseError({ cause }),
    KdfUnavailableError: (error, cause) => new KdfUnavailableError(error.message, { cause }),
  },
};

describe.each(['in-process', 'worker'] as const)('runTask (%s)', (mode) => {
  const useWorkers = () => {
    // Node has no Worker: any value makes runTask take the worker path, with the stand-in above.
    if (mode === 'worker') vi.stubGlobal('Worker', function Worker() {});
  };

  it('returns the result, reports every step and answers questions', async () => {
    useWorkers();
    const progress: CountProgress[] = [];
    const result = await runTask(task, { total: 4 }, { onProgress: (p) => progress.push(p), answer: async (q) => `answer to ${q}` });
    expect(result).toBe('answer to word?:4');
    const done = progress.map((p) => p.done);
    if (mode === 'in-process') expect(done).toEqual([1, 2, 3, 4]);
    // A worker coalesces its progress (one message per 100 ms at most): what arrives is in order.
    else expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it('rebuilds the errors the task lists as instances of their classes, causes included', async () => {
    useWorkers();
    const answer = async () => 'x';
    await expect(runTask(task, { total: 2, fail: 'wrong-passphrase' }, { answer })).rejects.toBeInstanceOf(WrongPassphraseError);
    const kdf = await runTask(task, { total: 2, fail: 'kdf' }, { answer }).catch((error: unknown) => error);
    expect(kdf).toBeInstanceOf(KdfUnavailableError);
    expect((kdf as KdfUnavailableError).code).toBe('crypto/kdf-unavailable');
    expect((kdf as Error).cause).toBeInstanceOf(WrongPassphraseError);
    await expect(runTask(task, { total: 2, fail: 'range' }, { answer })).rejects.toBeInstanceOf(RangeError);
  });

  it('stops on abort with a TaskCancelledError and reports nothing after', async () => {
    useWorkers();
    const controller = new AbortController();
    const progress: number[] = [];
    const run = runTask(
      task,
      { total: 1000 },
      {
        signal: controller.signal,
        answer: async () => 'x',
        onProgress: (p) => {
          progress.push(p.done);
          if (p.done >= 3) controller.abort();
        },
      },
    );
    await expect(run).rejects.toBeInstanceOf(TaskCancelledError);
    const seen = progress.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(progress.length).toBe(seen);
    if (mode === 'worker') expect(spawned.at(-1)?.terminated).toBe(true);
  });

  it('refuses at once when already aborted', async () => {
    useWorkers();
    await expect(runTask(task, { total: 1 }, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(TaskCancelledError);
  });
});

describe('a worker that does not start', () => {
  /** A worker whose code neither loads nor fails: no message, no error, ever. */
  class SilentWorker implements TaskWorker {
    terminated = false;
    posted = 0;
    private readonly errorListeners: ((event: Event) => void)[] = [];
    postMessage(): void {
      this.posted += 1;
    }
    addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void {
      if (type === 'error') this.errorListeners.push(listener);
    }
    terminate(): void {
      this.terminated = true;
    }
    /** Its code failed to load, as a worker's `error` event says. */
    fail(): void {
      for (const listener of this.errorListeners) listener(new Event('error'));
    }
  }

  it('is given up after the ready timeout and replaced once; if the second is silent too, the task runs in-process', async () => {
    vi.useFakeTimers();
    try {
      vi.stubGlobal('Worker', function Worker() {});
      const silent = [new SilentWorker(), new SilentWorker()];
      let spawns = 0;
      const result = runTask(
        { ...task, name: 'silent', spawn: () => silent[spawns++] ?? new SilentWorker() },
        { total: 3 },
        { answer: async () => 'here' },
      );
      await vi.advanceTimersByTimeAsync(WORKER_READY_TIMEOUT_MS - 1);
      expect([spawns, silent[0]?.terminated]).toEqual([1, false]);
      await vi.advanceTimersByTimeAsync(1);
      expect([spawns, silent[0]?.terminated]).toEqual([2, true]);
      await vi.advanceTimersByTimeAsync(WORKER_READY_TIMEOUT_MS);
      expect(silent[1]?.terminated).toBe(true);
      // The input never went to a worker that did not start.
      expect(silent.map((worker) => worker.posted)).toEqual([0, 0]);
      await vi.runAllTimersAsync();
      await expect(result).resolves.toBe('here:3');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a worker that failed to load is replaced by a fresh one, which runs the task', async () => {
    vi.stubGlobal('Worker', function Worker() {});
    let spawns = 0;
    const failing = new SilentWorker();
    const result = runTask(
      {
        ...task,
        name: 'fails-first',
        spawn: () => {
          spawns += 1;
          if (spawns > 1) return task.spawn();
          queueMicrotask(() => failing.fail());
          return failing;
        },
      },
      { total: 2 },
      { answer: async () => 'fresh' },
    );
    await expect(result).resolves.toBe('fresh:2');
    expect(spawns).toBe(2);
    expect(failing.terminated).toBe(true);
  });

  it('a Stop while the worker loads rejects with TaskCancelledError and runs nothing', async () => {
    vi.stubGlobal('Worker', function Worker() {});
    const silent = new SilentWorker();
    const controller = new AbortController();
    const result = runTask({ ...task, name: 'stopped-loading', spawn: () => silent }, { total: 2 }, { signal: controller.signal });
    controller.abort();
    await expect(result).rejects.toBeInstanceOf(TaskCancelledError);
    expect([silent.terminated, silent.posted]).toEqual([true, 0]);
  });
});

describe('a worker started ahead of need', () => {
  /** The task under `name`, with Workers stubbed and every worker it starts kept in `started`. */
  const countingSpawns = (name: string) => {
    vi.stubGlobal('Worker', function Worker() {});
    const started: ChannelWorker[] = [];
    const spawn = () => {
      const worker = task.spawn() as ChannelWorker;
      started.push(worker);
      return worker;
    };
    return { started, counted: { ...task, name, spawn } };
  };

  it('is the one the next run uses', async () => {
    const { started, counted } = countingSpawns('prewarmed-used');
    prewarmTask(counted);
    expect(started).toHaveLength(1);
    await expect(runTask(counted, { total: 2 }, { answer: async () => 'warm' })).resolves.toBe('warm:2');
    expect(started).toHaveLength(1);
  });

  it('set aside, is used by no run and ended when asked; the next run starts a fresh one', async () => {
    const { started, counted } = countingSpawns('prewarmed-set-aside');
    prewarmTask(counted);
    const end = setPrewarmedAside(counted);
    expect(started.map((worker) => worker.terminated)).toEqual([false]);
    // With none waiting, nothing is set aside: ending that ends nothing.
    setPrewarmedAside(counted)();
    await expect(runTask(counted, { total: 2 }, { answer: async () => 'fresh' })).resolves.toBe('fresh:2');
    expect(started.map((worker) => worker.terminated)).toEqual([false, true]);
    end();
    expect(started.map((worker) => worker.terminated)).toEqual([true, true]);
  });

  it('set aside, is not the one a later prewarm leaves for the next run', async () => {
    const { started, counted } = countingSpawns('prewarmed-replaced');
    prewarmTask(counted);
    const end = setPrewarmedAside(counted);
    prewarmTask(counted);
    expect(started).toHaveLength(2);
    end();
    expect(started.map((worker) => worker.terminated)).toEqual([true, false]);
    await expect(runTask(counted, { total: 2 }, { answer: async () => 'next' })).resolves.toBe('next:2');
    expect(started).toHaveLength(2);
  });

  it('is not taken from a run that has already started with it', async () => {
    const { started, counted } = countingSpawns('prewarmed-running');
    prewarmTask(counted);
    const result = runTask(counted, { total: 3 }, { answer: async () => 'kept' });
    setPrewarmedAside(counted)();
    expect(started.map((worker) => worker.terminated)).toEqual([false]);
    await expect(result).resolves.toBe('kept:3');
  });
});

describe('errors across the boundary', () => {
  it('keeps an unknown error as a plain Error with its name, message and fields', () => {
    const original = Object.assign(new Error('gone'), { name: 'OperationError', code: 7, detail: { nested: true } });
    const revived = reviveError(structuredClone(serializeError(original)));
    expect(revived).toBeInstanceOf(Error);
    expect(revived).toMatchObject({ name: 'OperationError', message: 'gone', code: 7 });
    expect('detail' in revived).toBe(false);
  });

  it('serialises anything thrown, even a string or a cause loop', () => {
    expect(serializeError('boom')).toEqual({ name: 'Error', message: 'boom', fields: {} });
    const loop: Error & { cause?: unknown } = new Error('loop');
    loop.cause = loop;
    expect(() => structuredClone(serializeError(loop))).not.toThrow();
  });
});

describe('runTask (worker) and an answer that cannot be sent', () => {
  it('fails the task and ends its worker, rather than leaving the task waiting for it', async () => {
    vi.stubGlobal('Worker', function Worker() {});
    // A function cannot be structured-cloned: posting the answer throws DataCloneError.
    const answer = async () => ({ word: 'x', later: () => undefined }) as unknown as string;
    await expect(runTask(task, { total: 3 }, { answer })).rejects.toBeInstanceOf(TaskFailedError);
    expect(spawned.at(-1)?.terminated).toBe(true);
  });
});
