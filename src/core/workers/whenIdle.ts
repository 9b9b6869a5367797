/**
 * Resolves at the page's next idle moment (requestIdleCallback), or after `timeoutMs` if none
 * comes; where there are no idle callbacks (WebKit), at the next task.
 */
export function whenIdle(timeoutMs = 1_000): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 0);
  });
}

/** How long each step waits for an idle moment at most: on a busy page each still starts soon. */
const IDLE_TURN_DEADLINE_MS = 50;

/**
 * Runs each step at its own idle moment, one after another. Resolves once what every step
 * returned has resolved; rejects with the first step to fail (the first in time), once every
 * step has started. For work a keystroke starts, such as fetching code ahead of time: together
 * in the key's handler they held the page's thread for over 100 ms at CPU 4x, long enough to
 * delay a Quick exit pressed then.
 */
export async function inIdleTurns(steps: ReadonlyArray<() => unknown>): Promise<void> {
  const started: Promise<unknown>[] = [];
  for (const step of steps) {
    await whenIdle(IDLE_TURN_DEADLINE_MS);
    const result = (async () => step())();
    // Handled here so a failure does not go unhandled while later steps wait; Promise.all reports it.
    result.catch(() => undefined);
    started.push(result);
  }
  await Promise.all(started);
}

/** How long after a tap or a key background work keeps waiting: the screen it opens renders first. */
export const QUIET_AFTER_INPUT_MS = 300;

let lastInputAt = Number.NEGATIVE_INFINITY;
let listening = false;

/** Taps and keys (pointerdown, keydown) count as input; scrolling with a wheel does not. */
function listenForInput(): void {
  if (listening || typeof addEventListener !== 'function') return;
  listening = true;
  const note = () => (lastInputAt = performance.now());
  for (const type of ['pointerdown', 'keydown'] as const) addEventListener(type, note, { capture: true, passive: true });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface QuietOptions {
  /** Rejects with the signal's reason once it aborts (checked after each wait). */
  signal?: AbortSignal;
  /** A performance.now() time after which only an idle moment is waited for, input or not. */
  until?: number;
}

/**
 * Resolves at an idle moment at least QUIET_AFTER_INPUT_MS after the last tap or key (after
 * `until`, at an idle moment whatever the person does, so a long spell of typing cannot stop
 * the work). Background work that waits for it before each step (the chain check's copies)
 * gives way to what a tap opens: its rendering, its reads, its paint.
 */
export async function whenQuiet({ signal, until = Number.POSITIVE_INFINITY }: QuietOptions = {}): Promise<void> {
  listenForInput();
  for (;;) {
    signal?.throwIfAborted();
    await whenIdle();
    signal?.throwIfAborted();
    const now = performance.now();
    const sinceInput = now - lastInputAt;
    if (sinceInput >= QUIET_AFTER_INPUT_MS || now >= until) return;
    await sleep(Math.min(QUIET_AFTER_INPUT_MS - sinceInput, until - now));
  }
}
