import type { TimelineRow } from '../../../core/diary/timelineRows';
import { EntryItem, estimateRowRem, MonthHeading } from './TimelineRows';
import { WindowedList } from './WindowedList';

type EntryRow = Extract<TimelineRow, { kind: 'entry' }>;
type Segment = { kind: 'month'; row: Extract<TimelineRow, { kind: 'month' }> } | { kind: 'entries'; month: string; rows: EntryRow[] };

/** Splits the rows on screen into month headings and runs of entries, each run one list. */
function segments(rows: readonly TimelineRow[]): Segment[] {
  const out: Segment[] = [];
  for (const row of rows) {
    const last = out.at(-1);
    if (row.kind === 'month') out.push({ kind: 'month', row });
    else if (last?.kind === 'entries' && last.month === row.month) last.rows.push(row);
    else out.push({ kind: 'entries', month: row.month, rows: [row] });
  }
  return out;
}

function renderSlice(rows: readonly TimelineRow[]) {
  return segments(rows).map((segment) =>
    segment.kind === 'month' ? (
      <MonthHeading key={segment.row.key} row={segment.row} />
    ) : (
      // Keyed by month, so scrolling within a month keeps the same list element.
      <ol key={`entries-${segment.month}`} className="entries">
        {segment.rows.map((row) => (
          <EntryItem key={row.key} row={row} />
        ))}
      </ol>
    ),
  );
}

/** The timeline's rows, only those near the viewport rendered. */
export function TimelineList({ rows }: { rows: readonly TimelineRow[] }) {
  return (
    <WindowedList rows={rows} estimateRem={estimateRowRem} className="timeline-window">
      {renderSlice}
    </WindowedList>
  );
}
