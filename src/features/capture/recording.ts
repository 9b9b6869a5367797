import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CaptureRecorder, RecorderState } from '../../core/capture/recorder';

/** Elapsed time as the recorder's own clock: "01:23", or "1:02:03" past an hour. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** The recorder's state, and its elapsed time, updated every half second while it records. */
export function useRecorder(recorder: CaptureRecorder): { state: RecorderState; elapsedMs: number } {
  const state = useSyncExternalStore(recorder.subscribe, recorder.getState);
  const [, tick] = useState(0);
  const running = state.status === 'recording';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(timer);
  }, [running]);
  return { state, elapsedMs: recorder.elapsedMs() };
}
