// Flowing text down A4 pages: the cursor moves down, and a new page starts whenever the next
// line would not fit. Each line is drawn as soon as it is placed, so nothing is laid out twice.
//
// In a report written right to left (Arabic, Urdu), the page is mirrored as a reader of those
// languages expects: labels stand on the right of their values, indents are from the right, and
// the report's own words are right-to-left paragraphs set flush right. The person's own text
// keeps its own direction (its first strong character), so an English note stays left to right.

import { PageSizes, rgb, type Color, type PDFDocument, type PDFImage, type PDFPage } from 'pdf-lib';
import { drawLine, type LineStyle } from './drawLine';
import { paragraphIsRtl, type ReportFont, type ReportFonts } from './reportFont';
import { wrapText } from './wrapText';

export const PAGE_WIDTH = PageSizes.A4[0];
export const PAGE_HEIGHT = PageSizes.A4[1];
export const MARGIN_X = 56;
/** Space above and below the body, with room for the running header and footer. */
export const MARGIN_TOP = 60;
export const MARGIN_BOTTOM = 60;
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
/** The label column of label/value rows. */
const LABEL_WIDTH = 138;
const LABEL_GAP = 10;
/** Fields up to this tall are kept on one page. */
const KEEP_TOGETHER = 120;

export const COLOURS = {
  text: rgb(0, 0, 0),
  muted: rgb(0.33, 0.33, 0.33),
  alert: rgb(0.65, 0, 0),
  rule: rgb(0.7, 0.7, 0.7),
} as const;

export interface TextStyle {
  bold?: boolean;
  size?: number;
  color?: Color;
  /** Extra indent in points, from the left (from the right in a right-to-left report). */
  indent?: number;
  /**
   * The paragraph's direction. Default: the report's (its own words, whatever letters a
   * translation starts with). 'auto': the person's own text, by its first strong character,
   * else the report's. 'ltr': codes read character by character (hashes, fingerprints).
   */
  dir?: 'auto' | 'ltr';
}

/** One piece of a value: a paragraph in its own style. */
export interface Segment {
  text: string;
  style?: TextStyle;
}

/** Where a short item was drawn on its page (PDF user space), to make it a link. */
export interface PlacedItem<K> {
  key: K;
  page: PDFPage;
  /** Left, bottom, right, top. */
  rect: [number, number, number, number];
}

/** A place in the flow: a page, and the height on it where the next line starts. */
export interface FlowPosition {
  page: PDFPage;
  y: number;
}

const BODY_SIZE = 10.5;
const LABEL_STYLE: TextStyle = { bold: true, size: 8.5, color: COLOURS.muted };
const LEADING = 1.32;

interface PlacedLine extends LineStyle {
  text: string;
  font: ReportFont;
  /** Whether the paragraph reads right to left. */
  rtl: boolean;
  /** Set flush right in its column: a right-to-left paragraph, or a code in a right-to-left report. */
  alignRight: boolean;
  /** The column's width, to align a right-to-left line. */
  columnWidth: number;
}

export class ReportWriter {
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: ReportFonts,
    /** Whether the report's own words read right to left (see isRtlLocale). */
    readonly rtl = false,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = PAGE_HEIGHT - MARGIN_TOP;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.y - height < MARGIN_BOTTOM && this.y < PAGE_HEIGHT - MARGIN_TOP) this.newPage();
  }

  /** Where the next line will start (the log records where each entry begins). */
  here(): FlowPosition {
    return { page: this.page, y: this.y };
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** A paragraph across the full width. */
  text(text: string, style: TextStyle = {}): void {
    const indent = style.indent ?? 0;
    for (const line of this.lines(text, style, CONTENT_WIDTH - indent)) this.placeRow(line, this.rtl ? MARGIN_X : MARGIN_X + indent);
  }

  /** A section heading, kept with at least a few lines of what follows. */
  heading(text: string, size = 14): void {
    this.ensure(size * LEADING + 48);
    this.gap(size * 0.6);
    this.text(text, { bold: true, size });
    this.gap(size * 0.3);
  }

  /** A small caption in the style of field labels. */
  label(text: string): void {
    this.text(text, LABEL_STYLE);
  }

  /** A label at the start of the line (the left, or the right in a right-to-left report) and its value (one or more paragraphs) beside it. */
  field(label: string, value: Segment[]): void {
    const labels = this.lines(label, LABEL_STYLE, LABEL_WIDTH);
    const values = value.flatMap((segment) => this.lines(segment.text, segment.style ?? {}, CONTENT_WIDTH - LABEL_WIDTH - LABEL_GAP));
    const rows = Array.from({ length: Math.max(labels.length, values.length) }, (_, i) => ({
      labelLine: labels[i],
      valueLine: values[i],
      height: Math.max(lineHeight(labels[i]), lineHeight(values[i])),
    }));
    // A short field is not split over two pages; a long one flows on.
    const total = rows.reduce((sum, row) => sum + row.height, 0);
    if (total <= KEEP_TOGETHER) this.ensure(total);
    for (const { labelLine, valueLine, height } of rows) {
      this.ensure(height);
      const baseline = this.y - height * 0.78;
      const labelX = this.rtl ? MARGIN_X + CONTENT_WIDTH - LABEL_WIDTH : MARGIN_X;
      const valueX = this.rtl ? MARGIN_X : MARGIN_X + LABEL_WIDTH + LABEL_GAP;
      if (labelLine) this.draw(labelLine, labelX, baseline);
      if (valueLine) this.draw(valueLine, valueX, baseline);
      this.y -= height;
    }
  }

  /**
   * A label and, beside it, short items (entry numbers) after lead texts, each drawn on its own
   * and wrapping as a row fills, so each can be made a link: returns where each item stands.
   */
  itemsField<K extends string>(
    label: string,
    lead: readonly Segment[],
    items: readonly { text: string; key: K }[],
    style: TextStyle = {},
  ): PlacedItem<K>[] {
    const width = CONTENT_WIDTH - LABEL_WIDTH - LABEL_GAP;
    const labels = this.lines(label, LABEL_STYLE, LABEL_WIDTH);
    const pieces = [
      ...lead.flatMap((segment) => this.lines(segment.text, segment.style ?? {}, width).map((line) => ({ line, key: undefined }))),
      ...items.flatMap(({ text, key }) => this.lines(text, style, width).map((line) => ({ line, key }))),
    ];
    // Pieces fill a row from the start of the value column (its right end in a right-to-left report).
    const rows: { line: PlacedLine; key: K | undefined; offset: number; width: number }[][] = [[]];
    let used = 0;
    for (const { line, key } of pieces) {
      const pieceWidth = line.font.shape(line.text, line.rtl).width * line.size;
      const space = used === 0 ? 0 : line.font.width(' ', line.size);
      if (used > 0 && used + space + pieceWidth > width) {
        rows.push([]);
        used = 0;
      }
      const offset = used === 0 ? 0 : used + space;
      rows.at(-1)?.push({ line: { ...line, alignRight: false }, key, offset, width: pieceWidth });
      used = offset + pieceWidth;
    }
    const placed: PlacedItem<K>[] = [];
    const count = Math.max(labels.length, rows.length);
    const heights = Array.from({ length: count }, (_, i) =>
      Math.max(lineHeight(labels[i]), ...(rows[i] ?? []).map((piece) => lineHeight(piece.line))),
    );
    const total = heights.reduce((sum, height) => sum + height, 0);
    if (total <= KEEP_TOGETHER) this.ensure(total);
    for (let i = 0; i < count; i++) {
      const height = heights[i] ?? 0;
      this.ensure(height);
      const baseline = this.y - height * 0.78;
      const labelLine = labels[i];
      if (labelLine) this.draw(labelLine, this.rtl ? MARGIN_X + CONTENT_WIDTH - LABEL_WIDTH : MARGIN_X, baseline);
      const valueX = this.rtl ? MARGIN_X : MARGIN_X + LABEL_WIDTH + LABEL_GAP;
      for (const piece of rows[i] ?? []) {
        const x = this.rtl ? valueX + width - piece.offset - piece.width : valueX + piece.offset;
        this.draw(piece.line, x, baseline);
        if (piece.key !== undefined) {
          placed.push({ key: piece.key, page: this.page, rect: [x - 1, this.y - height, x + piece.width + 1, this.y] });
        }
      }
      this.y -= height;
    }
    return placed;
  }

  /** A thin line across the page. */
  rule(): void {
    this.ensure(8);
    this.y -= 4;
    this.page.drawLine({
      start: { x: MARGIN_X, y: this.y },
      end: { x: MARGIN_X + CONTENT_WIDTH, y: this.y },
      thickness: 0.5,
      color: COLOURS.rule,
    });
    this.y -= 4;
  }

  /** A picture scaled to the width left after `indent` (never enlarged), at most `maxHeight` tall. */
  image(image: PDFImage, maxHeight: number, indent = 0): void {
    const usable = Math.min(maxHeight, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM);
    const scale = Math.min(1, (CONTENT_WIDTH - indent) / image.width, usable / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    this.ensure(height);
    this.y -= height;
    const x = this.rtl ? MARGIN_X + CONTENT_WIDTH - indent - width : MARGIN_X + indent;
    this.page.drawImage(image, { x, y: this.y, width, height });
  }

  private lines(text: string, style: TextStyle, width: number): PlacedLine[] {
    const font = style.bold ? this.fonts.bold : this.fonts.regular;
    const size = style.size ?? BODY_SIZE;
    const color = style.color ?? COLOURS.text;
    const printable = font.printable(text);
    this.noteUnprintable(font, printable);
    // Each paragraph has one direction; wrapping works on the text in reading order.
    return printable.split('\n').flatMap((paragraph) => {
      const rtl = style.dir === 'ltr' ? false : style.dir === 'auto' ? paragraphIsRtl(paragraph, this.rtl) : this.rtl;
      // In a right-to-left report every line starts at the right, beside its label, whatever
      // its own direction; in a left-to-right one, a right-to-left paragraph is set flush right.
      const alignRight = this.rtl || rtl;
      return wrapText(paragraph, width, (s) => font.width(s, size)).map((line) => ({
        text: line,
        font,
        size,
        color,
        rtl,
        alignRight,
        columnWidth: width,
      }));
    });
  }

  /** Characters no font has, since the last call to takeUnprintable (see incidentLog.ts). */
  private unprintable = new Set<number>();

  private noteUnprintable(font: ReportFont, text: string): void {
    for (const codePoint of font.unprintable(text)) this.unprintable.add(codePoint);
  }

  /** The characters drawn as empty boxes since the last call, in order of first appearance. */
  takeUnprintable(): number[] {
    const found = [...this.unprintable];
    this.unprintable = new Set();
    return found;
  }

  private placeRow(line: PlacedLine, x: number): void {
    const height = lineHeight(line);
    this.ensure(height);
    this.draw(line, x, this.y - height * 0.78);
    this.y -= height;
  }

  private draw(line: PlacedLine, x: number, baseline: number): void {
    const shaped = line.font.shape(line.text, line.rtl);
    const left = line.alignRight ? x + line.columnWidth - shaped.width * line.size : x;
    drawLine(this.page, shaped, left, baseline, line);
  }
}

function lineHeight(line: PlacedLine | undefined): number {
  return line ? line.size * LEADING : 0;
}
