import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowOffsets, visibleRange } from '../../../src/core/diary/windowRange';

describe('rowOffsets', () => {
  it('adds sizes up, ignoring nonsense sizes', () => {
    expect(rowOffsets([])).toEqual([0]);
    expect(rowOffsets([10, 20, 5])).toEqual([0, 10, 30, 35]);
    expect(rowOffsets([10, Number.NaN, -3, 5])).toEqual([0, 10, 10, 10, 15]);
  });
});

describe('visibleRange', () => {
  const offsets = rowOffsets([100, 100, 100, 100, 100]);

  it('returns the rows overlapping the span', () => {
    expect(visibleRange(offsets, 0, 250)).toEqual({ start: 0, end: 3 });
    expect(visibleRange(offsets, 100, 200)).toEqual({ start: 1, end: 2 });
    expect(visibleRange(offsets, 150, 1000)).toEqual({ start: 1, end: 5 });
    expect(visibleRange(offsets, -500, 50)).toEqual({ start: 0, end: 1 });
  });

  it('keeps at least one row, and none for an empty list', () => {
    expect(visibleRange(offsets, 2000, 3000)).toEqual({ start: 4, end: 5 });
    expect(visibleRange([0], 0, 100)).toEqual({ start: 0, end: 0 });
  });

  it('of 5,000 rows renders only the few on screen', () => {
    const many = rowOffsets(Array.from({ length: 5000 }, (_, i) => (i % 10 === 0 ? 48 : 140)));
    const { start, end } = visibleRange(many, 300_000, 300_000 + 844 * 3);
    expect(end - start).toBeLessThan(30);
    expect(many[start]).toBeLessThanOrEqual(300_000);
    expect(many[end]).toBeGreaterThanOrEqual(300_000 + 844 * 3);
  });

  it('matches a linear scan for any sizes and span', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 300 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: -500, max: 20_000 }),
        fc.nat({ max: 5000 }),
        (sizes, from, length) => {
          const offs = rowOffsets(sizes);
          const to = from + length;
          const { start, end } = visibleRange(offs, from, to);
          const overlapping = sizes.flatMap((_, i) => ((offs[i] ?? 0) < to && (offs[i + 1] ?? 0) > from ? [i] : []));
          expect(start).toBeLessThan(end);
          expect(end).toBeLessThanOrEqual(sizes.length);
          for (const i of overlapping) expect(i >= start && i < end, `row ${i}`).toBe(true);
          // Nothing beyond one extra row either side of what overlaps.
          if (overlapping.length > 0) {
            expect(start).toBeGreaterThanOrEqual((overlapping[0] ?? 0) - 0);
            expect(end).toBeLessThanOrEqual((overlapping.at(-1) ?? 0) + 1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
