import { useCallback, useEffect, useRef, useState } from 'react';
import type { AsyncAction } from './useAsyncAction';

export interface Stoppable {
  /**
   * Runs `work` inside the screen's `run` (busy meanwhile, a failure shown as its error) with a
   * signal that Stop aborts. A stop is not a failure: no error is shown and `stopped` turns true.
   * `onFailure` sees every other failure before it is shown (to look up a wait, say).
   * Resolves with whether the work was stopped.
   */
  start: (work: (signal: AbortSignal) => Promise<void>, onFailure?: (caught: unknown) => Promise<void>) => Promise<boolean>;
  /** Stops the work under way, if any. */
  stop: () => void;
  /** The last work was stopped (until the next start). */
  stopped: boolean;
  setStopped: (stopped: boolean) => void;
}

/**
 * Long work that Stop can end (Argon2id at unlock, set-up, recovery, passphrase and key changes).
 * Leaving the screen stops it too, so no worker outlives the form that started it.
 */
export function useStoppable(run: AsyncAction<unknown>['run']): Stoppable {
  const current = useRef<AbortController | null>(null);
  const [stopped, setStopped] = useState(false);
  useEffect(() => () => current.current?.abort(), []);

  const start = useCallback(
    async (work: (signal: AbortSignal) => Promise<void>, onFailure?: (caught: unknown) => Promise<void>) => {
      setStopped(false);
      const controller = new AbortController();
      current.current = controller;
      let wasStopped = false;
      await run(async () => {
        try {
          await work(controller.signal);
        } catch (caught) {
          // The task runner is loaded by now (the work loaded it): the first screen stays as small.
          if (controller.signal.aborted && (await import('../../core/workers/runTask')).isTaskCancelled(caught)) {
            wasStopped = true;
            return;
          }
          await onFailure?.(caught);
          throw caught;
        } finally {
          if (current.current === controller) current.current = null;
        }
      });
      if (wasStopped) setStopped(true);
      return wasStopped;
    },
    [run],
  );
  const stop = useCallback(() => current.current?.abort(), []);
  return { start, stop, stopped, setStopped };
}
