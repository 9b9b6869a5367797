// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startAutoLock } from '../../../src/core/vault/autoLock';

let visibility: DocumentVisibilityState = 'visible';
beforeEach(() => {
  vi.useFakeTimers();
  visibility = 'visible';
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
});
afterEach(() => vi.useRealTimers());

function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('auto-lock', () => {
  it('locks after the chosen inactivity, and activity postpones it', () => {
    const lock = vi.fn();
    const stop = startAutoLock({ inactivityMs: 5 * 60_000, hiddenMs: 60_000, lock });
    vi.advanceTimersByTime(4 * 60_000);
    window.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(4 * 60_000);
    expect(lock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000 + 10);
    expect(lock).toHaveBeenCalledOnce();
    stop();
  });

  it('locks when hidden for longer than the chosen time, not for a short switch', () => {
    const lock = vi.fn();
    const stop = startAutoLock({ inactivityMs: 30 * 60_000, hiddenMs: 60_000, lock });
    setVisibility('hidden');
    vi.advanceTimersByTime(30_000);
    setVisibility('visible');
    expect(lock).not.toHaveBeenCalled();
    setVisibility('hidden');
    vi.advanceTimersByTime(60_000);
    expect(lock).toHaveBeenCalled();
    stop();
  });

  it('locks at once when hidden if the choice is zero', () => {
    const lock = vi.fn();
    const stop = startAutoLock({ inactivityMs: 30 * 60_000, hiddenMs: 0, lock });
    setVisibility('hidden');
    expect(lock).toHaveBeenCalledOnce();
    stop();
  });

  it('checks elapsed time on return, because background timers may not fire', () => {
    const lock = vi.fn();
    let now = 0;
    const stop = startAutoLock({ inactivityMs: 30 * 60_000, hiddenMs: 60_000, lock, now: () => now });
    setVisibility('hidden');
    vi.clearAllTimers(); // the browser throttled the timer away
    now += 10 * 60_000;
    setVisibility('visible');
    expect(lock).toHaveBeenCalled();
    stop();
  });

  it('stops cleanly', () => {
    const lock = vi.fn();
    startAutoLock({ inactivityMs: 1000, hiddenMs: 1000, lock })();
    vi.advanceTimersByTime(10_000);
    expect(lock).not.toHaveBeenCalled();
  });
});
