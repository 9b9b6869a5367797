import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { rowOffsets, visibleRange } from '../../../core/diary/windowRange';

interface Props<Row extends { key: string }> {
  rows: readonly Row[];
  /** A first guess at a row's block size in rem, until it has been measured. */
  estimateRem: (row: Row) => number;
  /** Renders the rows on screen; each row's outermost element must carry data-row-key={row.key}. */
  children: (visible: readonly Row[]) => ReactNode;
  className?: string;
}

/** How far beyond the viewport rows are rendered, in screens, so scrolling never shows a gap. */
const OVERSCAN = 1;
/** Rows rendered before the first layout has been seen. */
const INITIAL_ROWS = 24;
/**
 * Rows always rendered from the first one on screen. The list may start well below the fold
 * (filters open on a small phone), and its first rows should still be there to be found.
 */
const MIN_ROWS = 12;

/**
 * A list that renders only the rows near the viewport, so 5,000 incidents cost the same as 20.
 * The page itself scrolls (no inner scroll box, which is kinder to phones and screen
 * magnifiers); padding stands in for the rows above and below. Rows may be any height: each
 * rendered row is measured with a ResizeObserver and its size remembered, and rows not yet
 * seen use an estimate. Browsers' scroll anchoring absorbs estimates that turn out wrong.
 */
export function WindowedList<Row extends { key: string }>({ rows, estimateRem, children, className }: Props<Row>) {
  const container = useRef<HTMLDivElement>(null);
  const [sizes, setSizes] = useState<ReadonlyMap<string, number>>(() => new Map());
  const [remPx, setRemPx] = useState(16);
  const [range, setRange] = useState(() => ({ start: 0, end: INITIAL_ROWS }));

  const offsets = useMemo(
    () => rowOffsets(rows.map((row) => sizes.get(row.key) ?? estimateRem(row) * remPx)),
    [rows, sizes, estimateRem, remPx],
  );

  /** Works out which rows the viewport touches, from where the list now sits on screen. */
  const place = useCallback(() => {
    const element = container.current;
    if (!element) return;
    const top = element.getBoundingClientRect().top;
    const screen = window.innerHeight || 800;
    const seen = visibleRange(offsets, -top - screen * OVERSCAN, -top + screen * (1 + OVERSCAN));
    const next = { start: seen.start, end: Math.max(seen.end, Math.min(seen.start + MIN_ROWS, offsets.length - 1)) };
    setRange((current) => (current.start === next.start && current.end === next.end ? current : next));
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    if (rem > 0) setRemPx(rem);
  }, [offsets]);

  // Before paint, whenever the rows or their sizes change.
  useLayoutEffect(place, [place]);

  // On scroll and resize, at most once a frame.
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      if (frame === 0) {
        frame = requestAnimationFrame(() => {
          frame = 0;
          place();
        });
      }
    };
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      cancelAnimationFrame(frame);
    };
  }, [place]);

  // Measure rendered rows. Their sizes are kept after they scroll away (one number per row).
  const observed = useRef(new Set<Element>());
  const [observer] = useState(() =>
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver((entries) => {
          setSizes((previous) => {
            let next: Map<string, number> | null = null;
            for (const { target, borderBoxSize } of entries) {
              const key = target instanceof HTMLElement ? target.dataset.rowKey : undefined;
              const size = borderBoxSize[0]?.blockSize ?? 0;
              // A row that has just been removed reports 0: keep what was measured before.
              if (key === undefined || !target.isConnected || size <= 0 || previous.get(key) === size) continue;
              next ??= new Map(previous);
              next.set(key, size);
            }
            return next ?? previous;
          });
        }),
  );
  useLayoutEffect(() => {
    const element = container.current;
    if (!element || !observer) return;
    const current = new Set<Element>(element.querySelectorAll('[data-row-key]'));
    for (const old of observed.current) if (!current.has(old)) observer.unobserve(old);
    for (const row of current) if (!observed.current.has(row)) observer.observe(row);
    observed.current = current;
  });
  useEffect(
    () => () => {
      observer?.disconnect();
      observed.current = new Set();
    },
    [observer],
  );

  const start = Math.min(range.start, rows.length);
  const end = Math.min(Math.max(range.end, start), rows.length);
  const total = offsets[rows.length] ?? 0;
  return (
    <div
      ref={container}
      className={className}
      style={{ paddingBlockStart: offsets[start] ?? 0, paddingBlockEnd: Math.max(total - (offsets[end] ?? total), 0) }}
    >
      {children(rows.slice(start, end))}
    </div>
  );
}
