import { createShiftTripleDetector } from './shiftTriple';
import { quickExit } from './quickExit';

let armed = false;

/**
 * Listens for Shift pressed three times anywhere in the page and exits. Armed once, by
 * main.tsx before the language loads and the first screen renders, so the shortcut works from
 * the moment the app's first script runs, before any screen's code has arrived.
 */
export function armShiftTripleExit(win: Window = window): void {
  if (armed) return;
  armed = true;
  const detect = createShiftTripleDetector();
  win.addEventListener(
    'keydown',
    (event: KeyboardEvent) => {
      if (detect({ key: event.key, repeat: event.repeat })) quickExit();
    },
    { capture: true },
  );
}
