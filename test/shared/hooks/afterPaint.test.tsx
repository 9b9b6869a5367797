// @vitest-environment jsdom
// useAfterFirstPaint: what a screen shows below its first view renders in the frame after it,
// so a tapped incident's fields are painted before its history is built.

import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAfterFirstPaint } from '../../../src/shared/hooks/afterPaint';

function Probe() {
  return <p>{useAfterFirstPaint() ? 'after' : 'first'}</p>;
}

/** Holds animation frames until the test runs them. */
function holdFrames(): FrameRequestCallback[] {
  const frames: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (run: FrameRequestCallback) => frames.push(run));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => {
    frames[id - 1] = () => undefined;
  });
  return frames;
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useAfterFirstPaint', () => {
  it('is false through the first commit and its task, and true in the task after the next frame', async () => {
    const frames = holdFrames();
    render(<Probe />);
    expect(screen.getByText('first')).toBeTruthy();
    await act(nextTask);
    await act(nextTask);
    // No frame has come: still the first view.
    expect(screen.getByText('first')).toBeTruthy();
    expect(frames).toHaveLength(1);
    act(() => frames[0]?.(performance.now()));
    // The frame's own callbacks run before its paint: the change waits for the task after it.
    expect(screen.getByText('first')).toBeTruthy();
    await act(nextTask);
    expect(screen.getByText('after')).toBeTruthy();
  });

  it('goes on after 1 s without a frame (a page opened hidden), once', async () => {
    vi.useFakeTimers();
    const frames = holdFrames();
    render(<Probe />);
    await act(() => vi.advanceTimersByTimeAsync(999));
    expect(screen.getByText('first')).toBeTruthy();
    await act(() => vi.advanceTimersByTimeAsync(2));
    expect(screen.getByText('after')).toBeTruthy();
    // The frame that comes later changes nothing more.
    act(() => frames[0]?.(performance.now()));
    await act(() => vi.advanceTimersByTimeAsync(10));
    expect(screen.getByText('after')).toBeTruthy();
  });

  it('asks for nothing more once unmounted before the frame', async () => {
    const frames = holdFrames();
    const cancelFrame = vi.fn();
    vi.stubGlobal('cancelAnimationFrame', cancelFrame);
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const { unmount } = render(<Probe />);
    unmount();
    // The frame asked for is given back...
    expect(cancelFrame).toHaveBeenCalledWith(1);
    // ...and one that comes anyway queues nothing (only the no-frame deadline was set).
    frames[0]?.(performance.now());
    expect(setTimeoutSpy.mock.calls.filter(([, ms]) => ms === 0)).toHaveLength(0);
    setTimeoutSpy.mockRestore();
  });
});
