// Whether this tab is recording, for the app's frame, without loading the recorder: the bar that
// shows a recording on every screen (the lock screen too) loads only while one runs, and quick
// exit stops it through here. Kept tiny: the first screen imports it.

type Listener = () => void;

let stopper: (() => void) | null = null;
const listeners = new Set<Listener>();

/** Whether a recording or a camera is running in this tab. */
export function isCapturing(): boolean {
  return stopper !== null;
}

/** Tells `listener` whenever isCapturing() may have changed. */
export function subscribeCapturing(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The recorder says it runs (with how to stop it), or that it ended (null). */
export function setCapturing(stop: (() => void) | null): void {
  stopper = stop;
  for (const listener of listeners) listener();
}

/** Stops what runs, keeping what was recorded (quick exit). */
export function stopCapturing(): void {
  stopper?.();
}

let screens = 0;

/** Whether the Record screen is shown (it has its own controls: the bar then stays out of the way). */
export function isCaptureScreenShown(): boolean {
  return screens > 0;
}

/** The Record screen says it is shown; the function returned says it is gone. */
export function claimCaptureScreen(): () => void {
  screens++;
  for (const listener of listeners) listener();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    screens--;
    for (const listener of listeners) listener();
  };
}
