// @vitest-environment jsdom
// whenIdle, whenQuiet: background work (the chain check's copies) waits for the page's idle moments.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { QUIET_AFTER_INPUT_MS, whenIdle, whenQuiet } from '../../../src/core/workers/whenIdle';

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
