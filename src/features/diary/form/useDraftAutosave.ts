import { useCallback, useEffect, useRef, useState } from 'react';
import type { Incident } from '../../../core/model/incident';
import type { DraftStore } from '../../../core/store/draftStore';
import { sameIncident } from './formRules';

/** How long typing may pause before the draft is kept: often enough, without a write per key. */
export const DRAFT_DEBOUNCE_MS = 500;

interface AutosaveOptions {
  store: DraftStore;
  draftId: string;
  value: Incident;
  /** What is already saved (or a blank form): a draft equal to it is not worth keeping. */
  baseline: Incident;
  baseRevision?: number;
}

export interface Autosave {
  /** When the draft was kept, ISO timestamp, if what is on screen now is kept; else null. */
  savedAt: string | null;
  /** Why the last attempt to keep the draft failed; null once one succeeds. */
  error: unknown;
  /** Keeps the draft now if anything is waiting (on blur). */
  flush: () => void;
  /**
   * Stops keeping drafts, keeping what is waiting first: leaving the form. Given `last`, that
   * is kept instead of what is on screen (what is on screen with something added on leaving).
   */
  stop: (last?: Incident) => void;
  /** Stops keeping drafts and throws the draft away: after a save to the diary, or on request. */
  finish: () => Promise<void>;
}

/**
 * Keeps the form's draft encrypted as the person types: after a short pause, and at once on
 * blur, when the page is hidden or closed, on any press (so pressing Lock or Quick exit
 * keeps what was just typed) and when the form goes away. Each save takes the data key as it
 * starts, so a save started by the press of Lock completes although the lock follows at once.
 */
export function useDraftAutosave({ store, draftId, value, baseline, baseRevision }: AutosaveOptions): Autosave {
  const [kept, setKept] = useState<{ value: Incident; at: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef({ value, baseline, baseRevision });
  const previousValue = useRef(value);
  const pending = useRef(false);
  const stopped = useRef(false);
  const mounted = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const persist = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    if (!pending.current || stopped.current) return;
    pending.current = false;
    const { value: incident, baseline: saved, baseRevision: base } = latest.current;
    // Typed back to what is saved: nothing left worth keeping.
    const write = sameIncident(incident, saved)
      ? store.discard(draftId).then(() => null)
      : (() => {
          const at = new Date().toISOString();
          return store
            .save(draftId, { incident, savedAt: at, ...(base === undefined ? {} : { baseRevision: base }) })
            .then(() => ({ value: incident, at }));
        })();
    write.then(
      (done) => {
        if (!mounted.current) return;
        setKept(done);
        setError(null);
      },
      (caught: unknown) => {
        // Still waiting to be kept: the next change, blur or press tries again.
        pending.current = true;
        if (mounted.current) setError(caught);
      },
    );
  }, [store, draftId]);

  useEffect(() => {
    latest.current = { value, baseline, baseRevision };
    if (previousValue.current === value) return;
    previousValue.current = value;
    pending.current = true;
    clearTimeout(timer.current);
    timer.current = setTimeout(persist, DRAFT_DEBOUNCE_MS);
  }, [value, baseline, baseRevision, persist]);

  useEffect(() => {
    mounted.current = true;
    const onHidden = () => {
      if (document.visibilityState === 'hidden') persist();
    };
    const onKey = (event: KeyboardEvent) => {
      // Shift pressed three times is quick exit, which locks at once.
      if (event.key === 'Shift') persist();
    };
    // Capture on window runs before listeners on document, such as auto-lock when hidden.
    window.addEventListener('visibilitychange', onHidden, { capture: true });
    window.addEventListener('pagehide', persist, { capture: true });
    window.addEventListener('pointerdown', persist, { capture: true });
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      window.removeEventListener('visibilitychange', onHidden, { capture: true });
      window.removeEventListener('pagehide', persist, { capture: true });
      window.removeEventListener('pointerdown', persist, { capture: true });
      window.removeEventListener('keydown', onKey, { capture: true });
      mounted.current = false;
      // The form is going away (navigation, or a lock after the key was dropped, which this
      // save then cannot use: the saves above have normally kept everything by then).
      persist();
    };
  }, [persist]);

  const stop = useCallback(
    (last?: Incident) => {
      if (last !== undefined && last !== latest.current.value) {
        latest.current = { ...latest.current, value: last };
        pending.current = true;
      }
      persist();
      stopped.current = true;
    },
    [persist],
  );

  const finish = useCallback(async () => {
    stopped.current = true;
    pending.current = false;
    clearTimeout(timer.current);
    try {
      await store.discard(draftId);
    } catch (caught) {
      // Still on the form: carry on keeping what is typed next.
      stopped.current = false;
      throw caught;
    }
  }, [store, draftId]);

  // Only claims "kept" for exactly what is on screen: while typing, nothing is claimed.
  return { savedAt: kept?.value === value ? kept.at : null, error, flush: persist, stop, finish };
}
