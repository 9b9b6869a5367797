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

/** How long after a tap or a key background work keeps waiting: the screen it opens renders first. */
export const QUIET_AFTER_INPUT_MS = 300;
/** Background work waits at most this long for quiet, so a long spell of typing cannot stop it. */
const MOST_WAIT_MS = 5_000;

let lastInputAt = Number.NEGATIVE_INFINITY;
let listening = false;

function listenForInput(): void {
  if (listening || typeof addEventListener !== 'function') return;
  listening = true;
  const note = () => (lastInputAt = performance.now());
  for (const type of ['pointerdown', 'keydown'] as const) addEventListener(type, note, { capture: true, passive: true });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Resolves at an idle moment at least QUIET_AFTER_INPUT_MS after the last tap or key (or after
 * 5 s of waiting, whatever the person does). Background work that waits for it before each step
 * (the chain check's copies) gives way to what a tap opens: its rendering, its reads, its paint.
 */
export async function whenQuiet(): Promise<void> {
  listenForInput();
  const started = performance.now();
  for (;;) {
    await whenIdle();
    const sinceInput = performance.now() - lastInputAt;
    const waited = performance.now() - started;
    if (sinceInput >= QUIET_AFTER_INPUT_MS || waited >= MOST_WAIT_MS) return;
    await sleep(Math.min(QUIET_AFTER_INPUT_MS - sinceInput, MOST_WAIT_MS - waited));
  }
}
