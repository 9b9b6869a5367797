import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';

/** How often progress reaches the screen: often enough to look alive, rarely enough to cost nothing. */
const REPAINT_MS = 250;

/** A running task's latest progress, read by the one component that shows it (useProgress). */
export interface ProgressSource<Progress> {
  subscribe: (listener: () => void) => () => void;
  current: () => Progress | null;
}

export interface TaskRunner<Progress> {
  /** True while a task started here runs. */
  running: boolean;
  /** Its progress: pass to a small component that calls useProgress, so only that one redraws. */
  source: ProgressSource<Progress>;
  /**
   * Runs `work` with a fresh AbortSignal and a progress callback. Cancels any task still running
   * from here first. Rejects as `work` does (TaskCancelledError after `cancel`).
   */
  start: <T>(work: (signal: AbortSignal, onProgress: (value: Progress) => void) => Promise<T>) => Promise<T>;
  /** Aborts the running task (its worker is terminated at once). */
  cancel: () => void;
}

/** Progress held outside React state: a screen with a long list does not redraw at every step. */
function progressStore<Progress>() {
  let value: Progress | null = null;
  let pending: { value: Progress | null } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const listeners = new Set<() => void>();
  const publish = (next: Progress | null) => {
    value = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    source: {
      subscribe: (listener: () => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      current: () => value,
    } satisfies ProgressSource<Progress>,
    /** At most one update per REPAINT_MS; the latest value wins. */
    set(next: Progress | null) {
      pending = { value: next };
      timer ??= setTimeout(() => {
        timer = null;
        if (pending) publish(pending.value);
        pending = null;
      }, REPAINT_MS);
    },
    reset() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
      publish(null);
    },
  };
}

/**
 * One cancellable long task (a PDF, reading a backup) and its progress. Leaving the screen
 * cancels it, so no worker outlives the screen that started it.
 */
export function useTaskRunner<Progress>(): TaskRunner<Progress> {
  const [running, setRunning] = useState(false);
  const store = useMemo(() => progressStore<Progress>(), []);
  const controller = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      controller.current?.abort();
      store.reset();
    },
    [store],
  );

  const start = useCallback(
    async <T>(work: (signal: AbortSignal, onProgress: (value: Progress) => void) => Promise<T>): Promise<T> => {
      controller.current?.abort();
      const own = new AbortController();
      controller.current = own;
      store.reset();
      setRunning(true);
      try {
        return await work(own.signal, (value) => {
          if (!own.signal.aborted) store.set(value);
        });
      } finally {
        if (controller.current === own) {
          controller.current = null;
          store.reset();
          setRunning(false);
        }
      }
    },
    [store],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  return { running, source: store.source, start, cancel };
}

/** The latest progress of a task (see useTaskRunner), redrawing only the component that reads it. */
export function useProgress<Progress>(source: ProgressSource<Progress>): Progress | null {
  return useSyncExternalStore(source.subscribe, source.current, source.current);
}

export interface TaskProgressState<Progress> {
  running: boolean;
  /** The latest progress (at most one update per REPAINT_MS), or null before any. */
  progress: Progress | null;
  start: TaskRunner<Progress>['start'];
  cancel: () => void;
}

/**
 * useTaskRunner with its progress read here: simpler, but the calling component redraws with
 * each update (up to four times a second). A screen with long lists uses useTaskRunner and
 * reads the progress in a small child with useProgress instead.
 */
export function useTaskProgress<Progress>(): TaskProgressState<Progress> {
  const { running, source, start, cancel } = useTaskRunner<Progress>();
  const progress = useProgress(source);
  return { running, progress, start, cancel };
}
