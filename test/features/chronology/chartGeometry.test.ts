import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { axisTicks, barsPath, slotCentre, slotWidth } from '../../../src/features/chronology/chartGeometry';

describe('chronology chart geometry', () => {
  it('gives narrower weeks to longer diaries', () => {
    expect(slotWidth(4)).toBe(20);
    expect(slotWidth(80)).toBe(12);
    expect(slotWidth(520)).toBe(8);
  });

  it('draws one rectangle per week with incidents, to scale, mirrored right to left', () => {
    const options = { slot: 10, height: 40, scale: 4, width: 50 };
    expect(barsPath([0, 4, 0, 1, 0], { ...options, rtl: false })).toBe('M11 0h8v40h-8zM31 30h8v10h-8z');
    // Mirrored: the second week's bar is the second from the right.
    expect(barsPath([0, 4, 0, 1, 0], { ...options, rtl: true })).toBe('M31 0h8v40h-8zM11 30h8v10h-8z');
    expect(slotCentre(0, 10, 50, true)).toBe(45);
  });

  it('labels month starts only where labels cannot overlap, and keeps them inside the chart', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(600), { maxLength: 60 }), fc.boolean(), (starts, rtl) => {
        const sorted = [...starts].sort((a, b) => a - b);
        const width = 601 * 8;
        const ticks = axisTicks(sorted, { slot: 8, width, rtl, spacing: 64, half: 26 });
        const labelled = ticks.filter((tick) => tick.labelled).map((tick) => tick.index * 8);
        labelled.slice(1).forEach((at, i) => expect(at - (labelled[i] ?? -Infinity)).toBeGreaterThanOrEqual(64));
        for (const tick of ticks) {
          expect(tick.textX).toBeGreaterThanOrEqual(26);
          expect(tick.textX).toBeLessThanOrEqual(width - 26);
        }
      }),
    );
  });
});
