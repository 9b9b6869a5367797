// Draws one shaped line with a page's content operators: one text object, one font entry per
// font per page, and each glyph where HarfBuzz placed it. A glyph's own width is what a viewer
// moves by; kerning, marks and other offsets are TJ adjustments and text rise around it.

import {
  beginText,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSqueeze,
  setTextRenderingMode,
  showText,
  TextRenderingMode,
  type PDFRef,
  endText,
  moveText,
  PDFArray,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  setFillingColor,
  setFontAndSize,
  setTextRise,
  type Color,
  PDFHexString,
  PDFName,
  type PDFDict,
  type PDFPage,
} from 'pdf-lib';
import { codesHex, type EmbeddedFont } from './embeddedFont';
import { popplerText } from './popplerText';
import type { ShapedLine } from './reportFont';

export interface LineStyle {
  size: number;
  color: Color;
}

const fontKeys = new WeakMap<PDFPage, Map<EmbeddedFont, PDFName>>();

function fontKey(page: PDFPage, font: EmbeddedFont): PDFName {
  let keys = fontKeys.get(page);
  if (!keys) {
    keys = new Map();
    fontKeys.set(page, keys);
  }
  let key = keys.get(font);
  if (!key) {
    key = page.node.newFontDictionary(font.name, font.ref);
    keys.set(font, key);
  }
  return key;
}

const formKeys = new WeakMap<PDFPage, Map<PDFRef, PDFName>>();

function formKey(page: PDFPage, form: PDFRef): PDFName {
  let keys = formKeys.get(page);
  if (!keys) {
    keys = new Map();
    formKeys.set(page, keys);
  }
  let key = keys.get(form);
  if (!key) {
    key = page.node.newXObject('G', form);
    keys.set(form, key);
  }
  return key;
}

/** What poppler will make of a page: which direction it reads it in, and the lines that wait for that (see popplerText.ts). */
interface PageReading {
  balance: number;
  waiting: { properties: PDFDict; text: string }[];
}

const readings = new WeakMap<PDFPage, PageReading>();

function reading(page: PDFPage): PageReading {
  let found = readings.get(page);
  if (!found) {
    found = { balance: 0, waiting: [] };
    readings.set(page, found);
  }
  return found;
}

/** Draws a shaped line with its baseline starting at (x, y). */
export function drawLine(page: PDFPage, line: ShapedLine, x: number, y: number, style: LineStyle): void {
  if (line.pieces.length === 0) return;
  reading(page).balance += line.directionBalance;
  if (line.textLayer) drawOutlines(page, line, x, y, style);
  else drawText(page, line, x, y, style);
}

/**
 * Once every line of these pages is drawn (the running header and footer too): gives each line
 * with right-to-left letters its text as poppler must find it on its page (see popplerText.ts).
 */
export function settleTextLayers(pages: readonly PDFPage[]): void {
  for (const page of pages) {
    const { balance, waiting } = reading(page);
    for (const { properties, text } of waiting) {
      properties.set(PDFName.of('ActualText'), PDFHexString.fromText(popplerText(text, balance < 0)));
    }
    readings.delete(page);
  }
}

/** Each glyph's outline where it was placed, then the line's words as invisible text (render mode 3) over the same width. */
function drawOutlines(page: PDFPage, line: ShapedLine, x: number, y: number, { size, color }: LineStyle): void {
  const operators: PDFOperator[] = [pushGraphicsState(), setFillingColor(color)];
  let pen = x;
  for (const { font, glyphs } of line.pieces) {
    const scale = size / font.unitsPerEm;
    for (const glyph of glyphs) {
      operators.push(
        pushGraphicsState(),
        concatTransformationMatrix(
          round4(scale),
          0,
          0,
          round4(scale),
          round(pen + glyph.xOffset * scale),
          round(y + glyph.yOffset * scale),
        ),
        drawObject(formKey(page, font.glyphForm(glyph.glyph))),
        popGraphicsState(),
      );
      pen += glyph.xAdvance * scale;
    }
  }
  const layer = line.textLayer;
  if (layer && layer.codes.length > 0) {
    const natural = (layer.units / layer.font.unitsPerEm) * size;
    operators.push(
      beginText(),
      setTextRenderingMode(TextRenderingMode.Invisible),
      setFontAndSize(fontKey(page, layer.font), size),
      setCharacterSqueeze(round((line.width * size * 100) / natural)),
      moveText(round(x), round(y)),
    );
    // Marked content splits PDF.js's text items: it goes around the line's one string only.
    if (layer.rtlLetters) operators.push(beginActualText(page, line.text));
    operators.push(showText(codesHex(layer.codes)));
    if (layer.rtlLetters) operators.push(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
    operators.push(endText());
  }
  operators.push(popGraphicsState());
  page.pushOperators(...operators);
}

function drawText(page: PDFPage, line: ShapedLine, x: number, y: number, { size, color }: LineStyle): void {
  const operators: PDFOperator[] = [beginText(), setFillingColor(color), moveText(round(x), round(y))];
  for (const { font, glyphs } of line.pieces) {
    operators.push(setFontAndSize(fontKey(page, font), size));
    // TJ numbers are thousandths of the size, subtracted from the position.
    const toThousandths = 1000 / font.unitsPerEm;
    let array: (number | number[])[] = [];
    let codes: number[] = [];
    let rise = 0;
    const flushCodes = () => {
      if (codes.length > 0) array.push(codes);
      codes = [];
    };
    const flush = () => {
      flushCodes();
      if (array.length > 0) operators.push(showTextArray(page, array));
      array = [];
    };
    const adjust = (thousandths: number) => {
      const value = Math.round(thousandths * 100) / 100;
      if (value === 0) return;
      flushCodes();
      array.push(-value);
    };
    for (const glyph of glyphs) {
      const glyphRise = round((glyph.yOffset / font.unitsPerEm) * size);
      if (glyphRise !== rise) {
        flush();
        operators.push(setTextRise(glyphRise));
        rise = glyphRise;
      }
      const before = glyph.xOffset * toThousandths;
      adjust(before);
      codes.push(glyph.code);
      const drawn = Math.round(glyph.defaultAdvance * toThousandths);
      adjust(glyph.xAdvance * toThousandths - drawn - before);
    }
    flush();
    if (rise !== 0) operators.push(setTextRise(0));
  }
  operators.push(endText());
  page.pushOperators(...operators);
}

/**
 * `/Span <</ActualText (...)>> BDC`: what the characters up to EMC stand for, for poppler. Its
 * text is set by settleTextLayers, when the page's direction is known.
 */
function beginActualText(page: PDFPage, text: string): PDFOperator {
  const properties = page.doc.context.obj({});
  reading(page).waiting.push({ properties, text });
  // An inline property list: valid in a content stream, though pdf-lib's operator types leave dictionaries out.
  return PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Span'), properties as unknown as PDFName]);
}

function showTextArray(page: PDFPage, items: readonly (number | number[])[]): PDFOperator {
  const array = PDFArray.withContext(page.doc.context);
  for (const item of items) array.push(typeof item === 'number' ? PDFNumber.of(item) : codesHex(item));
  return PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [array]);
}

/** Hundredths of a point are finer than any printer; shorter numbers keep the file small. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function round4(value: number): number {
  return Math.round(value * 10000) / 10000;
}
