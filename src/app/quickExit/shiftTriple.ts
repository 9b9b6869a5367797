/**
 * Recognises Shift pressed three times in a row, each press within `windowMs` of the last.
 * Any other key resets the count (so typing capitals never triggers it). Pure and clock-injected
 * so it can be tested without timers.
 */
export interface KeyPress {
  key: string;
  repeat: boolean;
}

export const SHIFT_WINDOW_MS = 5000;
const PRESSES_NEEDED = 3;

export function createShiftTripleDetector(now: () => number = () => Date.now(), windowMs = SHIFT_WINDOW_MS) {
  let count = 0;
  let last = 0;
  return function onKeyDown(press: KeyPress): boolean {
    if (press.key !== 'Shift') {
      count = 0;
      return false;
    }
    if (press.repeat) return false; // holding Shift down is one press
    const time = now();
    count = count > 0 && time - last <= windowMs ? count + 1 : 1;
    last = time;
    if (count >= PRESSES_NEEDED) {
      count = 0;
      return true;
    }
    return false;
  };
}
