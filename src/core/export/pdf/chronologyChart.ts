// The chronology on the cover: incidents per week among the incidents in this report, drawn as
// vector shapes (one path per row) with text shaped like the rest of the report, so it prints
// sharp, reads in every script and can be searched. It counts; it says nothing of risk or trend.
// Rows and their order match the app's Chronology screen (core/diary/chronology.ts).

import { rgb, type Color, type PDFPage } from 'pdf-lib';
import { buildChronology, groupsPresent, monthStarts, type ChartGroup, type Chronology } from '../../diary/chronology';
import { latestIncident, omittedFieldsOf, type ExportEntry } from '../exportDocument';
import type { ReportContext } from './context';
import { drawLine } from './drawLine';
import { CONTENT_WIDTH, COLOURS, MARGIN_X, type ReportWriter } from './layout';
import { paragraphIsRtl, type ReportFont } from './reportFont';

/** The screen's colours: each row is also named in words above it, so colour is never needed to read it. */
const ROW_COLOURS: Record<RowKey, Color> = {
  all: rgb(0x3d / 255, 0x5a / 255, 0x6c / 255),
  breach: rgb(0x1d / 255, 0x25 / 255, 0x28 / 255),
  presence: rgb(0x8a / 255, 0x4b / 255, 0x08 / 255),
  contact: rgb(0x1f / 255, 0x5f / 255, 0xa8 / 255),
  watching: rgb(0x6b / 255, 0x3f / 255, 0xa0 / 255),
  harm: rgb(0xa4 / 255, 0x23 / 255, 0x1c / 255),
  other: rgb(0x2f / 255, 0x6b / 255, 0x3a / 255),
  none: rgb(0x5b / 255, 0x61 / 255, 0x66 / 255),
};

const LABEL_SIZE = 7.5;
/** Room for a row's name above its bars. */
const LABEL_ROOM = 10;
const ROW_HEIGHT = 20;
const ROW_GAP = 4;
/** The band above the first row where police reports are marked. */
const MARK_ROOM = 7;
const AXIS_ROOM = 22;
const TITLE_ROOM = 30;
/** Bars never wider than this, however few the weeks. */
const MAX_SLOT = 36;
const MIN_YEAR_GAP = 34;

/** 'breach': the incidents marked as breaching an order, as a row of their own under all incidents. */
type RowKey = ChartGroup | 'all' | 'breach';

interface Row {
  key: RowKey;
  label: string;
  counts: number[];
}

/** Height of the drawn block for this many rows. */
function blockHeight(rows: number): number {
  return MARK_ROOM + rows * (LABEL_ROOM + ROW_HEIGHT + ROW_GAP) + AXIS_ROOM;
}

/** Whether the report holds only some of the diary's incidents (chosen, or filtered by date or behaviour). */
function isSelection(ctx: ReportContext): boolean {
  const { scope } = ctx.document;
  return scope.pickedIncidents || Boolean(scope.from) || Boolean(scope.to) || scope.behaviours.length > 0;
}

/**
 * Whether the police field was left out of this entry (of the whole export, or of its latest
 * version). Left out, it reads "not reported", so it must never be drawn or read as such.
 */
function policeLeftOut(ctx: ReportContext, entry: ExportEntry): boolean {
  if (ctx.document.scope.omittedFields.includes('reported')) return true;
  const latest = entry.revisions.at(-1);
  return latest !== undefined && omittedFieldsOf(latest).includes('reported');
}

/** How many of the report's incidents have their police field left out. */
export function policeLeftOutCount(ctx: ReportContext): number {
  return ctx.document.entries.filter((entry) => policeLeftOut(ctx, entry)).length;
}

/**
 * The chronology of the incidents in this report, as the report's latest version of each says.
 * An incident whose police field was left out is never marked (the cover says how many).
 */
export function reportChronology(ctx: ReportContext): Chronology {
  return buildChronology(
    ctx.document.entries.map((entry) => {
      const incident = latestIncident(entry);
      return policeLeftOut(ctx, entry) ? { ...incident, reported: { reported: false } } : incident;
    }),
  );
}

export function drawChronologyChart(w: ReportWriter, ctx: ReportContext): void {
  const { t } = ctx;
  const chronology = reportChronology(ctx);
  const groups = groupsPresent(chronology);
  const rows: Row[] = [
    { key: 'all', label: t('chronology:allIncidents'), counts: chronology.weeks.map((week) => week.incidents) },
    // Only when an incident in the report is marked: an empty row would read as "no breaches".
    ...(chronology.totals.markers.breach > 0
      ? [{ key: 'breach' as const, label: t('chronology:breachRow'), counts: chronology.weeks.map((week) => week.markers.breach) }]
      : []),
    ...groups.map((group) => ({
      key: group,
      label: t(`chronology:groups.${group}`),
      counts: chronology.weeks.map((week) => week.groups[group]),
    })),
  ];
  const height = blockHeight(rows.length);
  if (chronology.weeks.length > 0) w.ensure(height + TITLE_ROOM);
  w.heading(t('chronology:pdf.title'), 12);
  if (chronology.weeks.length === 0) {
    w.text(t('chronology:pdf.noDates'), { color: COLOURS.muted });
  } else {
    const { page, y } = w.here();
    drawBlock(page, y, rows, chronology, ctx, w.fonts.regular);
    w.gap(height);
    w.text(t(isSelection(ctx) ? 'chronology:pdf.captionSelection' : 'chronology:pdf.caption'), { size: 9 });
    const note = { size: 8.5, color: COLOURS.muted };
    w.text(t('chronology:legendRows'), note);
    w.text(t('chronology:legendScale', { most: t('chronology:incidentCount', { count: chronology.busiestWeek }) }), note);
    // Left out of every incident: no triangle can show, and a legend for them would read as "never reported".
    const leftOut = policeLeftOutCount(ctx);
    if (leftOut < ctx.document.entries.length) w.text(t('chronology:pdf.legendPolice'), note);
    if (leftOut > 0) w.text(t('chronology:pdf.policeLeftOut', { count: leftOut }), note);
    if (!chronology.complete) w.text(t('chronology:incomplete'), note);
  }
  const note = { size: 8.5, color: COLOURS.muted };
  if (chronology.undated > 0) w.text(t('chronology:undated', { count: chronology.undated }), note);
  if (chronology.totals.roughDates > 0) w.text(t('chronology:roughDates', { count: chronology.totals.roughDates }), note);
}

/** Draws the rows, the police marks and the date axis in the band from `top` down. */
function drawBlock(page: PDFPage, top: number, rows: readonly Row[], chronology: Chronology, ctx: ReportContext, font: ReportFont): void {
  const { weeks, busiestWeek } = chronology;
  const slot = Math.min(MAX_SLOT, CONTENT_WIDTH / weeks.length);
  const bar = Math.max(slot * 0.8, Math.min(slot, 0.6));
  const scale = Math.max(1, busiestWeek);
  const { rtl } = ctx;
  /** The left edge of week `index`'s bar on the page, mirrored in a right-to-left report. */
  const barLeft = (index: number) => {
    const start = index * slot + (slot - bar) / 2;
    return rtl ? MARGIN_X + CONTENT_WIDTH - start - bar : MARGIN_X + start;
  };
  const chartWidth = weeks.length * slot;
  const lineStart = rtl ? MARGIN_X + CONTENT_WIDTH - chartWidth : MARGIN_X;
  let y = top;
  rows.forEach((row, rowIndex) => {
    drawText(page, font, row.label, LABEL_SIZE, COLOURS.text, y - LABEL_SIZE, 'start', ctx);
    const baseline = y - LABEL_ROOM - (rowIndex === 0 ? MARK_ROOM : 0) - ROW_HEIGHT;
    if (rowIndex === 0) {
      // Police reports: a small downward triangle just above the week's bar in the first row.
      const marks = weeks.flatMap((week, index) => (week.markers['police-report'] > 0 ? [index] : []));
      if (marks.length > 0) {
        const size = Math.max(2.5, Math.min(6, slot));
        const path = marks
          .map((index) => {
            const centre = barLeft(index) + bar / 2 - MARGIN_X;
            return `M${centre - size / 2} 0L${centre + size / 2} 0L${centre} ${size}Z`;
          })
          .join('');
        page.drawSvgPath(path, { x: MARGIN_X, y: baseline + ROW_HEIGHT + size + 0.5, color: COLOURS.text, borderWidth: 0 });
      }
    }
    let path = '';
    row.counts.forEach((count, index) => {
      if (count <= 0) return;
      const h = Math.max(0.75, (count / scale) * ROW_HEIGHT);
      const x = barLeft(index) - MARGIN_X;
      path += `M${x} ${ROW_HEIGHT - h}L${x + bar} ${ROW_HEIGHT - h}L${x + bar} ${ROW_HEIGHT}L${x} ${ROW_HEIGHT}Z`;
    });
    if (path !== '') page.drawSvgPath(path, { x: MARGIN_X, y: baseline + ROW_HEIGHT, color: ROW_COLOURS[row.key], borderWidth: 0 });
    page.drawLine({
      start: { x: lineStart, y: baseline },
      end: { x: lineStart + chartWidth, y: baseline },
      thickness: 0.4,
      color: COLOURS.rule,
    });
    y = baseline - ROW_GAP;
  });
  drawAxis(page, y, chronology, slot, barLeft, ctx, font);
}

/** The first Monday and the last Sunday at the two ends, and each new year between where there is room. */
function drawAxis(
  page: PDFPage,
  top: number,
  chronology: Chronology,
  slot: number,
  barLeft: (index: number) => number,
  ctx: ReportContext,
  font: ReportFont,
): void {
  const { weeks } = chronology;
  const first = weeks[0];
  const last = weeks.at(-1);
  if (!first || !last) return;
  const baseline = top - LABEL_SIZE - 2;
  drawText(page, font, ctx.formats.date(first.start), LABEL_SIZE, COLOURS.muted, baseline, 'start', ctx);
  drawText(page, font, ctx.formats.date(last.end), LABEL_SIZE, COLOURS.muted, baseline, 'end', ctx, weeks.length * slot);
  const year = new Intl.DateTimeFormat(ctx.locale, { year: 'numeric', timeZone: 'UTC' });
  const chartWidth = weeks.length * slot;
  for (const index of monthStarts(weeks)) {
    const week = weeks[index];
    // A tick where a year starts (the first week whose Monday is in January).
    if (!week || week.start.slice(5, 7) !== '01' || index === 0) continue;
    const offset = index * slot;
    const x = ctx.rtl ? barLeft(index) + slot : barLeft(index);
    page.drawLine({ start: { x, y: top }, end: { x, y: top + ROW_GAP - 0.5 }, thickness: 0.5, color: COLOURS.muted });
    // Only where it cannot run into the dates at the ends.
    if (offset < MIN_YEAR_GAP * 2 || chartWidth - offset < MIN_YEAR_GAP * 2) continue;
    const label = year.format(new Date(`${week.start}T00:00:00Z`));
    const width = font.width(label, LABEL_SIZE);
    drawTextAt(page, font, label, LABEL_SIZE, COLOURS.muted, x - width / 2, baseline, ctx);
  }
}

/**
 * A line of the report's words at the start (or end, `span` points along) of the chart, flush
 * with the reading direction: from the left in a left-to-right report, from the right otherwise.
 */
function drawText(
  page: PDFPage,
  font: ReportFont,
  text: string,
  size: number,
  color: Color,
  baseline: number,
  align: 'start' | 'end',
  ctx: ReportContext,
  span = CONTENT_WIDTH,
): void {
  const printable = font.printable(text);
  const width = font.shape(printable, paragraphIsRtl(printable, ctx.rtl)).width * size;
  const fromStart = align === 'start' ? 0 : span - width;
  const left = ctx.rtl ? MARGIN_X + CONTENT_WIDTH - fromStart - width : MARGIN_X + fromStart;
  drawTextAt(page, font, printable, size, color, left, baseline, ctx);
}

function drawTextAt(
  page: PDFPage,
  font: ReportFont,
  text: string,
  size: number,
  color: Color,
  left: number,
  baseline: number,
  ctx: ReportContext,
): void {
  const printable = font.printable(text);
  drawLine(page, font.shape(printable, paragraphIsRtl(printable, ctx.rtl)), left, baseline, { size, color });
}
