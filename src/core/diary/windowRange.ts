// Arithmetic for the windowed timeline: where each row starts, and which rows a viewport
// (plus some overscan) touches. Kept pure so it is tested without layout.

/** offsets[i] is where row i starts; offsets[n] is the total block size. */
export function rowOffsets(sizes: readonly number[]): number[] {
  const offsets = new Array<number>(sizes.length + 1);
  offsets[0] = 0;
  let total = 0;
  sizes.forEach((size, i) => {
    total += Number.isFinite(size) && size > 0 ? size : 0;
    offsets[i + 1] = total;
  });
  return offsets;
}

/** The first index whose offset passes `value` (offsets are non-decreasing): > or, with orEqual, >=. */
function firstPast(offsets: readonly number[], value: number, orEqual: boolean): number {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const offset = offsets[mid] ?? Infinity;
    if (offset > value || (orEqual && offset === value)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Rows [start, end) that overlap the span [from, to), measured from the top of the list.
 * Always at least one row when there are rows, so focus and headings never vanish entirely.
 */
export function visibleRange(offsets: readonly number[], from: number, to: number): { start: number; end: number } {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  // Row i covers [offsets[i], offsets[i + 1]): it overlaps when it ends after `from` and starts before `to`.
  const start = Math.min(Math.max(firstPast(offsets, from, false) - 1, 0), count - 1);
  const end = Math.max(Math.min(firstPast(offsets, to, true), count), start + 1);
  return { start, end };
}
