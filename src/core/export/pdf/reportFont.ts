// The report's fonts in one style (regular or bold), and how a line of text becomes glyphs:
//
// 1. Each character goes to a font that has it: the font of its script first (fontFamilies.ts),
//    then DejaVu Sans, then any other; spaces, digits, punctuation and marks stay with the font
//    around them, so a run of Arabic shapes as one piece. A character no font has is drawn as
//    the font's empty box, keeps its text in the text layer, and is named on its entry.
// 2. The Unicode bidirectional algorithm (bidi-js) gives each character a level, in the
//    direction of its paragraph; runs of one level and one font are put in visual order.
// 3. HarfBuzz shapes each run in its direction (right-to-left runs come out in visual order).
// 4. Each group of glyphs from one cluster of characters is drawn under codes that read back
//    as that cluster's text (embeddedFont.ts), so copying or searching the PDF gives the words
//    as typed.
//
// Lines are wrapped on logical text (wrapText.ts) before any of this, using word widths that
// are shaped once per distinct word.

import bidiFactory from 'bidi-js';
import type { EmbeddedFont, ShapedGlyph } from './embeddedFont';
import { preferredFamily, type FontFamily } from './fontFamilies';
import { printableText, unprintable } from './printableText';

export interface PlacedGlyph {
  glyph: number;
  /** The character code it is drawn with as text (lines drawn as text only). */
  code: number;
  /** In font units. */
  xAdvance: number;
  xOffset: number;
  yOffset: number;
  /** What a viewer moves by after this code, without adjustment (font units). */
  defaultAdvance: number;
}

export interface GlyphPiece {
  font: EmbeddedFont;
  glyphs: PlacedGlyph[];
}

export interface ShapedLine {
  /** Left to right, as drawn. */
  pieces: GlyphPiece[];
  /** Width at size 1. */
  width: number;
  /**
   * Set for a line drawn as glyph outlines: the invisible text that carries its words, in the
   * order text extractors expect (see shapeLine).
   */
  textLayer?: { font: EmbeddedFont; codes: number[]; units: number };
}

export interface StyleFont {
  family: FontFamily | 'base';
  font: EmbeddedFont;
}

const bidi = bidiFactory();
/** Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms). */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const STAYS_WITH_RUN = /[\p{Script=Common}\p{Script=Inherited}]/u;
const MARK_OR_JOINER = /[\p{M}\p{Default_Ignorable_Code_Point}]/u;

/** Whether a paragraph reads right to left (its first strong character is right-to-left). */
export function isRtlParagraph(paragraph: string): boolean {
  if (!RTL.test(paragraph)) return false;
  return (bidi.getEmbeddingLevels(paragraph, 'auto').paragraphs[0]?.level ?? 0) % 2 === 1;
}

interface Run {
  start: number;
  end: number;
  level: number;
  font: EmbeddedFont;
}

export class ReportFont {
  private readonly base: EmbeddedFont;
  private readonly byFamily = new Map<FontFamily | 'base', EmbeddedFont>();
  private readonly lines = new Map<string, ShapedLine>();
  private readonly words = new Map<string, number>();

  constructor(fonts: readonly StyleFont[]) {
    for (const { family, font } of fonts) this.byFamily.set(family, font);
    const base = this.byFamily.get('base');
    if (!base) throw new Error('The report needs its base font');
    this.base = base;
  }

  /** `text` as it will be laid out (see printableText). */
  printable(text: string): string {
    return printableText(text);
  }

  /** Code points of `text` that no font in this style has. */
  unprintable(text: string): number[] {
    return unprintable(text, (codePoint) => this.fontFor(codePoint, undefined) !== undefined);
  }

  /** Width in points of (printable, single-line) text at `size`. */
  width(text: string, size: number): number {
    let width = this.words.get(text);
    if (width === undefined) {
      width = this.shape(text, isRtlParagraph(text)).width;
      this.words.set(text, width);
    }
    return width * size;
  }

  /** A line of printable text (no newlines), shaped and in visual order. */
  shape(line: string, rtl: boolean): ShapedLine {
    const key = `${rtl ? 'r' : 'l'}${line}`;
    let shaped = this.lines.get(key);
    if (!shaped) {
      shaped = this.shapeLine(line, rtl);
      this.lines.set(key, shaped);
    }
    return shaped;
  }

  private fontFor(codePoint: number, char: string | undefined): EmbeddedFont | undefined {
    const family = char === undefined ? preferredFamily(String.fromCodePoint(codePoint)) : preferredFamily(char);
    const preferred = family ? this.byFamily.get(family) : undefined;
    if (preferred?.has(codePoint)) return preferred;
    if (this.base.has(codePoint)) return this.base;
    for (const font of this.byFamily.values()) if (font.has(codePoint)) return font;
    return undefined;
  }

  /** Logical runs of one font and one level. */
  private runs(line: string, levels: Uint8Array | null): Run[] {
    const runs: Run[] = [];
    let current: Run | undefined;
    let index = 0;
    for (const char of line) {
      const codePoint = char.codePointAt(0) ?? 0;
      const level = levels?.[index] ?? 0;
      const keep =
        current !== undefined &&
        (MARK_OR_JOINER.test(char) || (STAYS_WITH_RUN.test(char) && current.font.has(codePoint) && preferredFamily(char) === undefined));
      const font = keep && current ? current.font : (this.fontFor(codePoint, char) ?? current?.font ?? this.base);
      if (current && current.font === font && current.level === level) current.end = index + char.length;
      else {
        current = { start: index, end: index + char.length, level, font };
        runs.push(current);
      }
      index += char.length;
    }
    return runs;
  }

  /**
   * A line where every character is one glyph, left to right and unmoved (Latin, Greek,
   * Cyrillic, Chinese, Japanese, Korean...), is drawn as text: each glyph's code reads back as its
   * character. Any other line (right to left, or shaped into reordered, joined, split or stacked
   * glyphs) would read back wrongly from its glyphs in pdftotext, PDF.js and viewers' copy and
   * search, so its glyphs are drawn as outlines and its words go in an invisible text layer
   * across the same width: in reading order for left-to-right runs, reversed for right-to-left
   * ones, runs in visual order, which is what extractors expect of right-to-left text (they
   * apply the bidirectional algorithm to what they read).
   */
  private shapeLine(line: string, rtl: boolean): ShapedLine {
    const levels = rtl || RTL.test(line) ? bidi.getEmbeddingLevels(line, rtl ? 'rtl' : 'ltr').levels : null;
    const runs = visualOrder(this.runs(line, levels)).map((run) => ({
      run,
      shaped: run.font.shape(line, run.start, run.end, run.level % 2 === 1),
    }));
    // Emoji glyphs as text make pdftotext break the line around them.
    const emoji = this.byFamily.get('emoji');
    const asText = runs.every(({ run, shaped }) => run.level % 2 === 0 && run.font !== emoji && oneGlyphEach(shaped));
    const pieces: GlyphPiece[] = [];
    let width = 0;
    for (const { run, shaped } of runs) {
      const glyphs = shaped.map((glyph, i) => ({
        glyph: glyph.glyph,
        code: asText ? run.font.code(glyph.glyph, line.slice(glyph.cluster, shaped[i + 1]?.cluster ?? run.end)) : 0,
        xAdvance: glyph.xAdvance,
        xOffset: glyph.xOffset,
        yOffset: glyph.yOffset,
        defaultAdvance: run.font.advance(glyph.glyph),
      }));
      for (const glyph of glyphs) width += glyph.xAdvance / run.font.unitsPerEm;
      const last = pieces.at(-1);
      if (last && last.font === run.font) last.glyphs.push(...glyphs);
      else pieces.push({ font: run.font, glyphs });
    }
    if (asText) return { pieces, width };
    const visual = runs.map(({ run }) => {
      const text = [...line.slice(run.start, run.end)];
      return (run.level % 2 === 1 ? text.reverse() : text).join('');
    });
    const codes = [...visual.join('')].map((char) => this.base.code(0, char));
    return { pieces, width, textLayer: { font: this.base, codes, units: codes.length * this.base.advance(0) } };
  }
}

/** Whether each glyph stands for its own characters, in order, where its advance puts it. */
function oneGlyphEach(shaped: readonly ShapedGlyph[]): boolean {
  return shaped.every(
    (glyph, i) => glyph.xOffset === 0 && glyph.yOffset === 0 && (i === 0 || glyph.cluster > (shaped[i - 1]?.cluster ?? -1)),
  );
}

/** Rule L2 of the bidirectional algorithm, on whole runs: reverse from the highest level down to the lowest odd one. */
function visualOrder(runs: Run[]): Run[] {
  const order = [...runs];
  const levels = order.map((run) => run.level);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.map((level) => (level % 2 === 1 ? level : level + 1)));
  for (let level = highest; level >= lowestOdd; level--) {
    let i = 0;
    while (i < order.length) {
      if ((order[i]?.level ?? 0) < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && (order[j]?.level ?? 0) >= level) j++;
      order.splice(i, j - i, ...order.slice(i, j).reverse());
      i = j;
    }
  }
  return order;
}

export interface ReportFonts {
  regular: ReportFont;
  bold: ReportFont;
}
