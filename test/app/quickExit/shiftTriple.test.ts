import { describe, expect, it } from 'vitest';
import { createShiftTripleDetector, SHIFT_WINDOW_MS } from '../../../src/app/quickExit/shiftTriple';

function detectorAt(times: number[]) {
  let i = 0;
  return createShiftTripleDetector(() => times[i++] ?? 0);
}

const shift = { key: 'Shift', repeat: false };

describe('Shift pressed three times', () => {
  it('fires on the third press within the window', () => {
    const detect = detectorAt([0, 1000, 2000]);
    expect([detect(shift), detect(shift), detect(shift)]).toEqual([false, false, true]);
  });

  it('allows up to 5 s between presses, not more', () => {
    const ok = detectorAt([0, SHIFT_WINDOW_MS, 2 * SHIFT_WINDOW_MS]);
    expect([ok(shift), ok(shift), ok(shift)]).toEqual([false, false, true]);
    const slow = detectorAt([0, 1000, 1001 + SHIFT_WINDOW_MS, 1002 + SHIFT_WINDOW_MS]);
    expect([slow(shift), slow(shift), slow(shift), slow(shift)]).toEqual([false, false, false, false]);
  });

  it('any other key resets the count', () => {
    const detect = detectorAt([0, 10, 20, 30, 40]);
    expect(detect(shift)).toBe(false);
    expect(detect(shift)).toBe(false);
    expect(detect({ key: 'a', repeat: false })).toBe(false);
    expect(detect(shift)).toBe(false);
    expect(detect(shift)).toBe(false);
  });

  it('holding Shift down (key repeat) counts once', () => {
    const detect = detectorAt([0, 10, 20]);
    expect(detect(shift)).toBe(false);
    expect(detect({ key: 'Shift', repeat: true })).toBe(false);
    expect(detect({ key: 'Shift', repeat: true })).toBe(false);
    expect(detect(shift)).toBe(false);
  });

  it('starts counting again after firing', () => {
    const detect = detectorAt([0, 1, 2, 3, 4, 5]);
    const fired = Array.from({ length: 6 }, () => detect(shift));
    expect(fired).toEqual([false, false, true, false, false, true]);
  });
});
