// The timeline as one flat list of rows (month headings and entries), which is what the
// windowed list renders a slice of.

import type { TimelineItem } from './timelineIndex';

export type TimelineRow =
  { kind: 'month'; key: string; month: string; count: number } | { kind: 'entry'; key: string; month: string; item: TimelineItem };

/** Groups items (already newest first) by month, each month headed by its count. */
export function timelineRows(items: readonly TimelineItem[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  // Typed by assertion so TypeScript does not narrow it to null for the whole loop.
  let heading = null as Extract<TimelineRow, { kind: 'month' }> | null;
  for (const item of items) {
    const month = item.date.slice(0, 7);
    if (heading?.month !== month) {
      heading = { kind: 'month', key: `month-${month}`, month, count: 0 };
      rows.push(heading);
    }
    heading.count += 1;
    // The heading's string, not a new one per row: there is a row for every incident.
    rows.push({ kind: 'entry', key: item.entry.id, month: heading.month, item });
  }
  return rows;
}
