import { useEffect, useState } from 'react';
import { whenIdle } from '../core/workers/whenIdle';

/** How long to wait for an idle moment after the first paint, at most. */
const IDLE_DEADLINE_MS = 2_000;
/** A page opened hidden (a tab restored in the background) gets no frames: how long to wait for one. */
const FRAME_DEADLINE_MS = 1_000;

/**
 * False until the screen this component first rendered has been painted and the page has had an
 * idle moment (or the deadlines above have passed). For what every start needs soon but not
 * first, such as registering the service worker: on a slow phone and network its code, its
 * requests and its work would otherwise come before the lock screen, not after it.
 */
export function useAfterFirstScreen(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelled = false;
    // What is pending, for the callbacks and the clean-up to cancel.
    const waits: { frame?: number; noFrame?: ReturnType<typeof setTimeout>; afterPaint?: ReturnType<typeof setTimeout> } = {};
    const painted = () => {
      if (waits.afterPaint !== undefined || cancelled) return;
      if (waits.frame !== undefined) cancelAnimationFrame(waits.frame);
      clearTimeout(waits.noFrame);
      // Runs after the frame's paint (or FRAME_DEADLINE_MS without a frame).
      waits.afterPaint = setTimeout(() => {
        void whenIdle(IDLE_DEADLINE_MS).then(() => {
          if (!cancelled) setReady(true);
        });
      }, 0);
    };
    // The frame after this commit is the one that paints it.
    waits.frame = requestAnimationFrame(painted);
    waits.noFrame = setTimeout(painted, FRAME_DEADLINE_MS);
    return () => {
      cancelled = true;
      if (waits.frame !== undefined) cancelAnimationFrame(waits.frame);
      clearTimeout(waits.noFrame);
      clearTimeout(waits.afterPaint);
    };
  }, []);
  return ready;
}
