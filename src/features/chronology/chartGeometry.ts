// Where each week's bar goes on screen. Pure, so the chart and its tests agree on it.

/** Pixels per week: wide bars for a short diary, narrow ones (scrolled sideways) for years of it. */
export function slotWidth(weeks: number): number {
  if (weeks <= 26) return 20;
  if (weeks <= 104) return 12;
  return 8;
}

/** The rectangles of one row as a single path (hundreds of weeks stay one element). */
export function barsPath(
  counts: readonly number[],
  options: { slot: number; height: number; scale: number; rtl: boolean; width: number },
): string {
  const { slot, height, scale, rtl, width } = options;
  const bar = Math.max(2, slot - 2);
  let d = '';
  counts.forEach((count, index) => {
    if (count <= 0) return;
    const h = Math.max(1, (count / scale) * height);
    const start = index * slot + (slot - bar) / 2;
    const x = rtl ? width - start - bar : start;
    d += `M${x} ${height - h}h${bar}v${h}h${-bar}z`;
  });
  return d;
}

/** The centre of a week's slot, mirrored in a right-to-left layout. */
export function slotCentre(index: number, slot: number, width: number, rtl: boolean): number {
  const centre = index * slot + slot / 2;
  return rtl ? width - centre : centre;
}

/**
 * A tick at the start of each month (`starts`: indexes of weeks), labelled only where the last
 * label is far enough back that the two cannot overlap; labels near an end are moved inside.
 */
export function axisTicks(
  starts: readonly number[],
  options: { slot: number; width: number; rtl: boolean; spacing: number; half: number },
): { index: number; x: number; textX: number; labelled: boolean }[] {
  const { slot, width, rtl, spacing, half } = options;
  let lastLabelled = -Infinity;
  return starts.map((index) => {
    // The boundary before the week: its start edge in the reading direction.
    const x = slotCentre(index, slot, width, rtl) + (rtl ? slot / 2 : -slot / 2);
    const labelled = index * slot - lastLabelled >= spacing;
    if (labelled) lastLabelled = index * slot;
    return { index, x, textX: Math.min(Math.max(x, half), width - half), labelled };
  });
}
