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

import bidiFactory, { type EmbeddingLevels } from 'bidi-js';
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
  textLayer?: TextLayer;
  /** The line as typed (for poppler's reading of it, see popplerText.ts). */
  text: string;
  /** Left-to-right letters less right-to-left ones: poppler reads a page by which it has more of. */
  directionBalance: number;
}

export interface TextLayer {
  font: EmbeddedFont;
  codes: number[];
  units: number;
  /** Whether the line has right-to-left letters: poppler is then given its text (see popplerText.ts). */
  rtlLetters: boolean;
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

/**
 * The direction of a paragraph of the person's own text (rules P2 and P3 of the bidirectional
 * algorithm: its first strong character), or `fallbackRtl` when it has none (numbers, dates).
 */
export function paragraphIsRtl(paragraph: string, fallbackRtl: boolean): boolean {
  for (const char of paragraph) {
    const type = bidi.getBidiCharTypeName(char);
    if (type === 'L') return false;
    if (type === 'R' || type === 'AL') return true;
  }
  return fallbackRtl;
}

/** Whether `text` has a left-to-right letter (Latin, Greek, Indic, Chinese...). */
export function hasLtrLetters(text: string): boolean {
  for (const char of text) if (bidi.getBidiCharTypeName(char) === 'L') return true;
  return false;
}

/** Languages written right to left (the report's own words, its columns and alignment follow). */
const RTL_LANGUAGES = new Set(['ar', 'ckb', 'dv', 'fa', 'he', 'iw', 'ps', 'sd', 'ug', 'ur', 'yi']);

export function isRtlLocale(locale: string): boolean {
  return RTL_LANGUAGES.has(locale.split(/[-_]/)[0]?.toLowerCase() ?? '');
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
    const emoji = this.byFamily.get('emoji');
    let current: Run | undefined;
    let index = 0;
    for (const char of line) {
      const codePoint = char.codePointAt(0) ?? 0;
      const level = levels?.[index] ?? 0;
      // A space never stays in the emoji font's run: its space is far wider than the one lines
      // are wrapped with (wrapText), and a line of emoji and words would run off the page.
      const emojiSpace = current?.font === emoji && /\s/u.test(char);
      const keep =
        current !== undefined &&
        !emojiSpace &&
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
    const embedding = rtl || RTL.test(line) ? bidi.getEmbeddingLevels(line, rtl ? 'rtl' : 'ltr') : null;
    const levels = embedding?.levels ?? null;
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
    const directionBalance = balance(line);
    if (asText) return { pieces, width, text: line, directionBalance };
    // PDF.js takes the direction of a line's text from its share of right-to-left letters, not
    // from its first letter: the text layer is in the visual order of that direction, so that
    // PDF.js reads it as typed. It usually is the line's own; where not (a Panjabi sentence with
    // a longer Urdu phrase), the text layer's order differs a little from the glyphs' below it.
    const layerRtl = pdfjsReadsRtl(line);
    const visual = visualChars(line, layerRtl === rtl && embedding ? embedding : bidi.getEmbeddingLevels(line, layerRtl ? 'rtl' : 'ltr'));
    const codes = visual.map(({ char }) => this.base.code(0, char));
    const textLayer: TextLayer = { font: this.base, codes, units: codes.length * this.base.advance(0), rtlLetters: RTL.test(line) };
    return { pieces, width, textLayer, text: line, directionBalance };
  }
}

interface VisualChar {
  char: string;
  /** Its UTF-16 index in the line as typed. */
  index: number;
  level: number;
}

/** Left-to-right letters less right-to-left ones (by their bidirectional types). */
function balance(line: string): number {
  if (!RTL.test(line)) return line.match(/\p{L}/gu)?.length ?? 0;
  let count = 0;
  for (const char of line) {
    const type = bidi.getBidiCharTypeName(char);
    if (type === 'L') count++;
    else if (type === 'R' || type === 'AL') count--;
  }
  return count;
}

/** The characters of `line` in visual order (rule L2), each once, by the given levels. */
function visualChars(line: string, embedding: EmbeddingLevels): VisualChar[] {
  const chars: VisualChar[] = [];
  const { levels } = embedding;
  for (const index of bidi.getReorderedIndices(line, embedding)) {
    const unit = line.charCodeAt(index);
    if (unit >= 0xdc00 && unit <= 0xdfff && index > 0) {
      const before = line.charCodeAt(index - 1);
      if (before >= 0xd800 && before <= 0xdbff) continue; // the second half of a pair, taken with the first
    }
    const char = String.fromCodePoint(line.codePointAt(index) ?? unit);
    chars.push({ char, index, level: levels[index] ?? 0 });
  }
  return chars;
}

/**
 * Whether PDF.js reads this text right to left (its bidi.js): when at least 30% of it are
 * Hebrew or Arabic characters (all of it, if 4 characters or fewer).
 */
function pdfjsReadsRtl(text: string): boolean {
  let rtl = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const arabic = unit >= 0x0600 && unit <= 0x06ff && !ARABIC_NEUTRAL.test(text[i] ?? '');
    if (
      (unit >= 0x0590 && unit <= 0x05f4) ||
      arabic ||
      (unit >= 0x0700 && unit <= 0x08ac) ||
      (unit >= 0xfb50 && unit <= 0xfdff) ||
      (unit >= 0xfe70 && unit <= 0xfeff)
    )
      rtl++;
  }
  if (rtl === 0) return false;
  return !(rtl / text.length < 0.3 && text.length > 4);
}

/** Characters of the Arabic block PDF.js does not count as right to left (marks, separators). */
const ARABIC_NEUTRAL = /[\p{Mn}\u060c\u066b\u066c\u06dd\u06de\u06e9]/u;

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
