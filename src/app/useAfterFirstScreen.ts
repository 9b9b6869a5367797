import { useEffect, useState } from 'react';
import { whenIdle } from '../core/workers/whenIdle';
import { afterFramePainted } from '../shared/hooks/afterPaint';

/** How long to wait for an idle moment after the first paint, at most. */
const IDLE_DEADLINE_MS = 2_000;

/**
 * False until the screen this component first rendered has been painted and the page has had an
 * idle moment (or the deadline above has passed; a page opened hidden goes on after 1 s without
 * a frame). For what every start needs soon but not first, such as registering the service
 * worker: on a slow phone and network its code, its requests and its work would otherwise come
 * before the lock screen, not after it.
 */
export function useAfterFirstScreen(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelled = false;
    // The frame after this commit is the one that paints it.
    const cancelWait = afterFramePainted(() => {
      void whenIdle(IDLE_DEADLINE_MS).then(() => {
        if (!cancelled) setReady(true);
      });
    });
    return () => {
      cancelled = true;
      cancelWait();
    };
  }, []);
  return ready;
}
