// @vitest-environment jsdom
// whenIdle, whenQuiet: background work (the chain check's copies) waits for the page's idle moments.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { inIdleTurns, QUIET_AFTER_INPUT_MS, whenIdle, whenQuiet } from '../../../src/core/workers/whenIdle';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('whenIdle', () => {
  it('waits for an idle callback, with a deadline, where the browser has them', async () => {
    const pending: { run: () => void; timeout: number | undefined }[] = [];
    vi.stubGlobal('requestIdleCallback', (run: () => void, options?: { timeout?: number }) => {
      pending.push({ run, timeout: options?.timeout });
      return pending.length;
    });
    let idle = false;
    const waiting = whenIdle(500).then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(idle).toBe(false);
    expect(pending.map((p) => p.timeout)).toEqual([500]);
    pending[0]?.run();
    await waiting;
    expect(idle).toBe(true);
  });

  it('without idle callbacks (WebKit), resolves at the next task', async () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    await expect(whenIdle()).resolves.toBeUndefined();
  });

  it('whenQuiet waits until a moment after the last tap or key, so what the tap opens renders first', async () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    // No input yet: at once.
    await whenQuiet();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    const tappedAt = performance.now();
    window.dispatchEvent(new Event('pointerdown'));
    await whenQuiet();
    expect(performance.now() - tappedAt).toBeGreaterThanOrEqual(QUIET_AFTER_INPUT_MS - 1);
  });

  it('whenQuiet waits only for an idle moment once past its deadline, and stops at an abort', async () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    window.dispatchEvent(new Event('pointerdown'));
    const startedAt = performance.now();
    await whenQuiet({ until: startedAt });
    expect(performance.now() - startedAt).toBeLessThan(QUIET_AFTER_INPUT_MS);
    const stop = new AbortController();
    window.dispatchEvent(new Event('pointerdown'));
    const waiting = whenQuiet({ signal: stop.signal });
    stop.abort(new Error('locked'));
    await expect(waiting).rejects.toThrow('locked');
  });
});

describe('inIdleTurns', () => {
  /** Idle callbacks the test runs by hand, one at a time. */
  function manualIdle() {
    const pending: (() => void)[] = [];
    const deadlines: (number | undefined)[] = [];
    vi.stubGlobal('requestIdleCallback', (run: () => void, options?: { timeout?: number }) => {
      deadlines.push(options?.timeout);
      return pending.push(run);
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    return {
      pending,
      deadlines,
      async runNext() {
        pending.shift()?.();
        await settle();
      },
      settle,
    };
  }

  it('starts one step per idle moment, in order, never two in the same one', async () => {
    const idle = manualIdle();
    const ran: string[] = [];
    let done = false;
    const turns = inIdleTurns(['a', 'b', 'c'].map((name) => () => ran.push(name))).then(() => (done = true));
    await idle.settle();
    // Nothing runs in the caller's own task (a key's handler): only once the page is idle.
    expect(ran).toEqual([]);
    await idle.runNext();
    expect(ran).toEqual(['a']);
    await idle.runNext();
    expect(ran).toEqual(['a', 'b']);
    expect(done).toBe(false);
    await idle.runNext();
    await turns;
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(idle.pending).toEqual([]);
    // Each waits for idle for at most 50 ms: on a busy page each step still starts within a few frames.
    expect(idle.deadlines).toEqual([50, 50, 50]);
  });

  it('a step that fails does not stop the later ones from starting, and nothing is left unhandled', async () => {
    const idle = manualIdle();
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      let laterStarted = false;
      const turns = inIdleTurns([
        () => Promise.reject(new Error('offline')),
        () => {
          laterStarted = true;
        },
      ]);
      turns.catch(() => undefined);
      await idle.runNext();
      // The failure is known, the later step not yet started: a rejection left unhandled
      // meanwhile would be reported now.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(laterStarted).toBe(false);
      await idle.runNext();
      expect(laterStarted).toBe(true);
      await expect(turns).rejects.toThrow('offline');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', note);
    }
  });

  it('waits for what each step started, and rejects with a failure once every step has started', async () => {
    const idle = manualIdle();
    let finishFirst: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (finishFirst = resolve));
    let secondStarted = false;
    let outcome = 'pending';
    const turns = inIdleTurns([
      () => first,
      () => {
        secondStarted = true;
        return Promise.reject(new Error('offline'));
      },
    ]);
    turns.then(
      () => (outcome = 'resolved'),
      () => (outcome = 'rejected'),
    );
    await idle.runNext();
    // The first step's promise is still pending: so is the whole.
    expect(outcome).toBe('pending');
    await idle.runNext();
    expect(secondStarted).toBe(true);
    await expect(turns).rejects.toThrow('offline');
    finishFirst();
  });

  it('resolves once what every step started has finished', async () => {
    const idle = manualIdle();
    let finish: () => void = () => undefined;
    let outcome = 'pending';
    inIdleTurns([() => new Promise<void>((resolve) => (finish = resolve))]).then(() => (outcome = 'resolved'));
    await idle.runNext();
    expect(outcome).toBe('pending');
    finish();
    await idle.settle();
    expect(outcome).toBe('resolved');
  });
});
