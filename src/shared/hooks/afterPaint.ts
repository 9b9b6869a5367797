import { startTransition, useEffect, useState } from 'react';

/** A page opened hidden (a tab restored in the background) gets no frames: how long to wait for one. */
const FRAME_DEADLINE_MS = 1_000;

/**
 * Resolves after the browser has painted the next frame, or after `limitMs` at most: a tab hidden
 * meanwhile gets no animation frames, and nothing waiting on this may wait for ever. The limit is
 * well above a slow phone's frame (rendering the first rows can take a few hundred milliseconds).
 */
export function nextPaint(limitMs = 1000): Promise<void> {
  return new Promise((resolve) => {
    const limit = setTimeout(resolve, limitMs);
    const done = () => {
      clearTimeout(limit);
      resolve();
    };
    if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') {
      requestAnimationFrame(() => setTimeout(done, 0));
    } else {
      setTimeout(done, 0); // hidden tabs get no animation frames
    }
  });
}

/**
 * Calls `then` in a task after the next frame has been painted, or after FRAME_DEADLINE_MS if
 * no frame comes. Unlike nextPaint, it can be cancelled: it returns the function that does so.
 */
export function afterFramePainted(then: () => void): () => void {
  let cancelled = false;
  // What is pending, for the callbacks and the cancel to clear.
  const waits: { frame?: number; noFrame?: ReturnType<typeof setTimeout>; afterPaint?: ReturnType<typeof setTimeout> } = {};
  const painted = () => {
    if (waits.afterPaint !== undefined || cancelled) return;
    if (waits.frame !== undefined) cancelAnimationFrame(waits.frame);
    clearTimeout(waits.noFrame);
    // A task queued from the frame's callbacks runs after that frame's paint.
    waits.afterPaint = setTimeout(() => {
      if (!cancelled) then();
    }, 0);
  };
  waits.frame = requestAnimationFrame(painted);
  waits.noFrame = setTimeout(painted, FRAME_DEADLINE_MS);
  return () => {
    cancelled = true;
    if (waits.frame !== undefined) cancelAnimationFrame(waits.frame);
    clearTimeout(waits.noFrame);
    clearTimeout(waits.afterPaint);
  };
}

/**
 * False until a task after the frame that painted this component's first commit (or 1 s without
 * a frame). For what a screen shows below its first view: the part a tap opened paints first.
 * (useDeferredValue would not do: React may render its second pass before the browser paints.)
 * The second pass is a transition, so a tap on Quick exit or Back does not wait for all of it.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => afterFramePainted(() => startTransition(() => setPainted(true))), []);
  return painted;
}
