// Draws one line of text with a page's content operators. pdf-lib's drawText would shape the
// whole line again and add a font entry to the page for every call; this reuses one entry per
// font per page and the font's cached glyph codes, and writes only the operators a line needs.

import { beginText, endText, moveText, setFillingColor, setFontAndSize, showText, type Color, type PDFName, type PDFPage } from 'pdf-lib';
import type { ReportFont } from './reportFont';

export interface LineStyle {
  font: ReportFont;
  size: number;
  color: Color;
}

const fontKeys = new WeakMap<PDFPage, Map<ReportFont, PDFName>>();

function fontKey(page: PDFPage, font: ReportFont): PDFName {
  let keys = fontKeys.get(page);
  if (!keys) {
    keys = new Map();
    fontKeys.set(page, keys);
  }
  let key = keys.get(font);
  if (!key) {
    key = page.node.newFontDictionary(font.pdfFont.name, font.pdfFont.ref);
    keys.set(font, key);
  }
  return key;
}

/** Draws printable text (see ReportFont.printable) with its baseline at (x, y). */
export function drawLine(page: PDFPage, text: string, x: number, y: number, { font, size, color }: LineStyle): void {
  if (text === '') return;
  page.pushOperators(
    beginText(),
    setFontAndSize(fontKey(page, font), size),
    setFillingColor(color),
    moveText(round(x), round(y)),
    showText(font.encode(text)),
    endText(),
  );
}

/** Hundredths of a point are finer than any printer; shorter numbers keep the file small. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
