import { useCallback, useEffect, useRef, useState } from 'react';

export interface RunOptions {
  /** Leave the last error on screen while this runs; by default it is cleared as the action starts. */
  keepError?: boolean;
  /** Stay busy once it has succeeded: for an action that ends by leaving the screen (erase, delete, save). */
  busyAfterSuccess?: boolean;
}

export interface AsyncAction<E> {
  /** True while an action runs: disable its buttons meanwhile. */
  busy: boolean;
  /** What the last failure turned into (or what was set by hand, such as a form check); null when none. */
  error: E | null;
  setError: (error: E | null) => void;
  /** Runs fn: busy meanwhile, the error cleared first, a thrown error turned into `error`. Never rejects. */
  run: (fn: () => Promise<unknown>, options?: RunOptions) => Promise<void>;
}

/**
 * Busy and error state for one thing a screen does asynchronously (save, unlock, export…).
 * `toError` turns whatever was thrown into what the screen shows: a translated sentence from
 * useVaultErrorMessage() or useFileErrorMessage(), or simply `true` for "it failed".
 * Nothing is set once the component has gone.
 */
export function useAsyncAction<E = string>(toError: (caught: unknown) => E): AsyncAction<E> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<E | null>(null);
  const mounted = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (fn: () => Promise<unknown>, options: RunOptions = {}) => {
      setBusy(true);
      if (!options.keepError) setError(null);
      try {
        await fn();
        if (!options.busyAfterSuccess && mounted.current) setBusy(false);
      } catch (caught) {
        if (mounted.current) {
          setError(toError(caught));
          setBusy(false);
        }
      }
    },
    [toError],
  );

  return { busy, error, setError, run };
}
