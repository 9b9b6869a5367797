/**
 * Locks after a period without interaction, and when the app has been in the background for
 * longer than a chosen time (timers are throttled in background tabs, so elapsed time is also
 * checked when the app comes back).
 */
export interface AutoLockOptions {
  inactivityMs: number;
  /** 0 locks as soon as the app is hidden. */
  hiddenMs: number;
  lock: () => void;
  now?: () => number;
  target?: Window;
}

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

export function startAutoLock({ inactivityMs, hiddenMs, lock, now = () => Date.now(), target = window }: AutoLockOptions): () => void {
  const doc = target.document;
  let lastActivity = now();
  let hiddenAt: number | null = null;
  let inactivityTimer: ReturnType<typeof setTimeout> | undefined;
  let hiddenTimer: ReturnType<typeof setTimeout> | undefined;

  const armInactivity = () => {
    clearTimeout(inactivityTimer);
    inactivityTimer = setTimeout(
      () => {
        if (now() - lastActivity >= inactivityMs) lock();
        else armInactivity();
      },
      Math.max(0, lastActivity + inactivityMs - now()),
    );
  };

  const onActivity = () => {
    // Returning from a long absence (e.g. a sleeping laptop) must still lock.
    if (now() - lastActivity >= inactivityMs) {
      lock();
      return;
    }
    lastActivity = now();
    armInactivity();
  };

  const onVisibility = () => {
    if (doc.visibilityState === 'hidden') {
      hiddenAt = now();
      if (hiddenMs === 0) lock();
      else hiddenTimer = setTimeout(lock, hiddenMs);
    } else {
      clearTimeout(hiddenTimer);
      if (hiddenAt !== null && now() - hiddenAt >= hiddenMs) lock();
      hiddenAt = null;
      onActivity();
    }
  };

  for (const type of ACTIVITY_EVENTS) target.addEventListener(type, onActivity, { passive: true, capture: true });
  doc.addEventListener('visibilitychange', onVisibility);
  armInactivity();

  return () => {
    clearTimeout(inactivityTimer);
    clearTimeout(hiddenTimer);
    for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, onActivity, { capture: true });
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
