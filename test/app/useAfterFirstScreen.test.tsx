// @vitest-environment jsdom
// useAfterFirstScreen: the service worker's registration and the share notice wait until the
// first screen has been painted and the page has had an idle moment.

import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAfterFirstScreen } from '../../src/app/useAfterFirstScreen';

function Probe() {
  return <p>{useAfterFirstScreen() ? 'after' : 'first'}</p>;
}

interface Held {
  frames: FrameRequestCallback[];
  idle: { run: () => void; timeout: number | undefined }[];
}

/** Holds animation frames and idle callbacks until the test runs them. */
function holdFramesAndIdle(): Held {
  const held: Held = { frames: [], idle: [] };
  vi.stubGlobal('requestAnimationFrame', (run: FrameRequestCallback) => held.frames.push(run));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => {
    held.frames[id - 1] = () => undefined;
  });
  vi.stubGlobal('requestIdleCallback', (run: () => void, options?: { timeout?: number }) => {
    held.idle.push({ run, timeout: options?.timeout });
    return held.idle.length;
  });
  return held;
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('useAfterFirstScreen', () => {
  it('is false until the next frame has been painted and an idle moment has come', async () => {
    const held = holdFramesAndIdle();
    render(<Probe />);
    expect(screen.getByText('first')).toBeTruthy();
    // No frame yet: nothing asked of the idle queue.
    await act(nextTask);
    expect(held.idle).toHaveLength(0);
    expect(held.frames).toHaveLength(1);
    // The frame that paints the first screen, then the task after it.
    await act(async () => {
      held.frames[0]?.(performance.now());
      await nextTask();
    });
    expect(screen.getByText('first')).toBeTruthy();
    expect(held.idle.map((entry) => entry.timeout)).toEqual([2_000]);
    await act(async () => {
      held.idle[0]?.run();
      await nextTask();
    });
    expect(screen.getByText('after')).toBeTruthy();
  });

  it('stays false once unmounted, and asks for no idle moment when unmounted before the frame', async () => {
    const held = holdFramesAndIdle();
    const { unmount } = render(<Probe />);
    await act(nextTask);
    unmount();
    held.frames[0]?.(performance.now());
    await nextTask();
    expect(held.idle).toHaveLength(0);
  });

  it('where there are no idle callbacks (WebKit), turns true a task or two after the frame', async () => {
    const held = holdFramesAndIdle();
    vi.stubGlobal('requestIdleCallback', undefined);
    render(<Probe />);
    await act(nextTask);
    expect(screen.getByText('first')).toBeTruthy();
    await act(async () => {
      held.frames[0]?.(performance.now());
      await nextTask();
      await nextTask();
    });
    expect(screen.getByText('after')).toBeTruthy();
  });

  it('unmounted between the frame and the task after it, asks for no idle moment', async () => {
    const held = holdFramesAndIdle();
    const { unmount } = render(<Probe />);
    await act(nextTask);
    held.frames[0]?.(performance.now());
    unmount();
    await nextTask();
    await nextTask();
    expect(held.idle).toHaveLength(0);
  });

  it('a page opened hidden gets no frame: it goes on after a second without one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const held = holdFramesAndIdle();
      render(<Probe />);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(999);
      });
      expect(held.idle).toHaveLength(0);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1);
        await vi.runOnlyPendingTimersAsync();
      });
      expect(held.idle.map((entry) => entry.timeout)).toEqual([2_000]);
      await act(async () => {
        held.idle[0]?.run();
        await vi.advanceTimersByTimeAsync(0);
      });
      expect(screen.getByText('after')).toBeTruthy();
      // The frame that comes later (the tab shown) asks for nothing more.
      held.frames[0]?.(performance.now());
      await act(async () => {
        await vi.advanceTimersByTimeAsync(10);
      });
      expect(held.idle).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
