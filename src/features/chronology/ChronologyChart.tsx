import { useTranslation } from 'react-i18next';
import { monthStarts, type ChartGroup, type Chronology } from '../../core/diary/chronology';
import { axisTicks, barsPath, slotCentre, slotWidth } from './chartGeometry';

/** One colour per row, each at least 4.5:1 on white; every row is also labelled in words, so colour is never needed. */
const ROW_COLOURS: Record<RowKey, string> = {
  all: '#3d5a6c',
  breach: '#1d2528',
  presence: '#8a4b08',
  contact: '#1f5fa8',
  watching: '#6b3fa0',
  harm: '#a4231c',
  other: '#2f6b3a',
  none: '#5b6166',
};

const ROW_HEIGHT = 40;
const MARK_HEIGHT = 14;
const AXIS_HEIGHT = 34;
/** Month labels at least this far apart, so they never overlap. */
const LABEL_SPACING = 64;
const MIN_WIDTH = 240;
/** Half a label's room: labels near the ends are moved in rather than cut off. */
const LABEL_HALF = 26;

/** 'breach': the incidents marked as breaching an order, as a row of their own under all incidents. */
type RowKey = ChartGroup | 'all' | 'breach';

interface Row {
  key: RowKey;
  label: string;
  counts: number[];
}

/**
 * The weekly chart: a row of all incidents with police reports marked above it, then a row per
 * behaviour group, all to the same scale, weeks running in the reading direction. It scrolls
 * sideways when there are many weeks; each row's label stays in view. Screen readers get the
 * summary as its name, and the same figures in the table.
 */
export function ChronologyChart({
  chronology,
  groups,
  summary,
  rtl,
  language,
}: {
  chronology: Chronology;
  groups: readonly ChartGroup[];
  summary: string;
  rtl: boolean;
  language: string;
}) {
  const { t } = useTranslation('chronology');
  const { weeks, busiestWeek } = chronology;
  const slot = slotWidth(weeks.length);
  // Never narrower than a few month labels, so a diary of one week still has room for its date.
  const width = Math.max(weeks.length * slot, MIN_WIDTH);
  const scale = Math.max(1, busiestWeek);
  const rows: Row[] = [
    { key: 'all', label: t('allIncidents'), counts: weeks.map((w) => w.incidents) },
    // Only when some incident is marked: a row of nothing would read as "no breaches".
    ...(chronology.totals.markers.breach > 0
      ? [{ key: 'breach' as const, label: t('breachRow'), counts: weeks.map((w) => w.markers.breach) }]
      : []),
    ...groups.map((group) => ({ key: group, label: t(`groups.${group}`), counts: weeks.map((w) => w.groups[group]) })),
  ];
  const bars = (row: Row) => barsPath(row.counts, { slot, height: ROW_HEIGHT, scale, rtl, width });
  const monthLabel = new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' });
  const yearLabel = new Intl.DateTimeFormat(language, { year: 'numeric', timeZone: 'UTC' });
  const ticks = axisTicks(monthStarts(weeks), { slot, width, rtl, spacing: LABEL_SPACING, half: LABEL_HALF }).map((tick) => {
    const [year, month] = (weeks[tick.index]?.start ?? '1970-01').split('-').map(Number);
    const first = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1));
    const januaryOrFirst = month === 1 || tick.index === 0;
    return { ...tick, month: monthLabel.format(first), year: januaryOrFirst ? yearLabel.format(first) : '' };
  });
  return (
    <div className="chrono-scroll" role="img" aria-label={summary} tabIndex={0}>
      <div className="chrono-canvas" style={{ inlineSize: `${width}px` }}>
        {rows.map((row, rowIndex) => (
          <div className="chrono-row" key={row.key}>
            <span className="chrono-row-label" aria-hidden="true">
              <span className="chrono-swatch" style={{ backgroundColor: ROW_COLOURS[row.key] }} />
              {row.label}
            </span>
            <svg
              aria-hidden="true"
              focusable="false"
              width={width}
              height={ROW_HEIGHT + (rowIndex === 0 ? MARK_HEIGHT : 0)}
              className="chrono-svg"
            >
              {rowIndex === 0 && (
                <g className="chrono-police" fill="#1d2528">
                  {weeks.map((week, index) =>
                    week.markers['police-report'] > 0 ? (
                      <path key={week.start} d={triangle(slotCentre(index, slot, width, rtl), Math.min(10, slot))} />
                    ) : null,
                  )}
                </g>
              )}
              <g transform={rowIndex === 0 ? `translate(0 ${MARK_HEIGHT})` : undefined}>
                <line x1={0} x2={width} y1={ROW_HEIGHT - 0.5} y2={ROW_HEIGHT - 0.5} stroke="#8a8f94" strokeWidth={1} />
                <path d={bars(row)} fill={ROW_COLOURS[row.key]} />
              </g>
            </svg>
          </div>
        ))}
        <svg aria-hidden="true" focusable="false" width={width} height={AXIS_HEIGHT} className="chrono-svg chrono-axis">
          {ticks.map((tick) => (
            <g key={tick.index}>
              <line x1={tick.x} x2={tick.x} y1={0} y2={tick.labelled ? 6 : 3} stroke="#4a5559" strokeWidth={1} />
              {tick.labelled && (
                <text x={tick.textX} y={18} textAnchor="middle" fontSize={11} fill="#1d2528">
                  {tick.month}
                </text>
              )}
              {tick.labelled && tick.year && (
                <text x={tick.textX} y={31} textAnchor="middle" fontSize={11} fontWeight={600} fill="#1d2528">
                  {tick.year}
                </text>
              )}
            </g>
          ))}
        </svg>
      </div>
    </div>
  );
}

/** A small downward triangle centred on x, sitting on the bars below it. */
function triangle(x: number, size: number): string {
  const half = size / 2;
  return `M${x - half} 2h${size}l${-half} ${MARK_HEIGHT - 4}z`;
}
