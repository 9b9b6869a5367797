import { useCallback, useRef, useState } from 'react';
import type { RestoreProgress } from '../../core/backup/restoreBackup';
import { useTaskProgress } from '../../shared/ui/useTaskProgress';

/** What a restore is given to be stopped and followed (RestoreOptions' signal and onProgress). */
export interface RestoreTaskOptions {
  signal: AbortSignal;
  onProgress: (progress: RestoreProgress) => void;
}

export interface RestoreTask {
  /** True while a restore started here runs. */
  running: boolean;
  /** Its latest progress (a few times a second), or null before any. */
  progress: RestoreProgress | null;
  /**
   * True from the moment the diary's records began to be written: it cannot be stopped now, so
   * there is no Stop. Set at once, not at the next repaint of the progress.
   */
  finishing: boolean;
  /** True once Stop was pressed, until the restore has stopped. */
  stopping: boolean;
  /** Runs a restore with a fresh signal and progress. Rejects as it does (TaskCancelledError after a stop). */
  run: <T>(restore: (options: RestoreTaskOptions) => Promise<T>) => Promise<T>;
  /** Stops the restore, unless its records are being written (then it does nothing). */
  stop: () => void;
}

/**
 * One restore, stoppable only while stopping leaves nothing behind. restoreBackup tells of the
 * records phase in the same step as it last looks at the signal, so a stop pressed before this
 * hook has heard of that phase is always heard by the restore, and one pressed after is never sent.
 */
export function useRestoreTask(): RestoreTask {
  const { running, progress, start, cancel } = useTaskProgress<RestoreProgress>();
  const [finishing, setFinishing] = useState(false);
  const [stopping, setStopping] = useState(false);
  const committed = useRef(false);

  const run = useCallback(
    async <T>(restore: (options: RestoreTaskOptions) => Promise<T>): Promise<T> => {
      committed.current = false;
      setFinishing(false);
      setStopping(false);
      try {
        return await start((signal, onProgress) =>
          restore({
            signal,
            onProgress: (value) => {
              if (value.phase === 'records' && !committed.current) {
                committed.current = true;
                setFinishing(true);
              }
              onProgress(value);
            },
          }),
        );
      } finally {
        setFinishing(false);
        setStopping(false);
      }
    },
    [start],
  );

  const stop = useCallback(() => {
    if (committed.current) return;
    setStopping(true);
    cancel();
  }, [cancel]);

  return { running, progress, finishing, stopping, run, stop };
}
