// One TrueType font in the report, embedded as a PDF Type 0 font subset to the glyphs drawn.
//
// pdf-lib's own embedder shapes with fontkit, ignores glyph positions (so marks land in the
// wrong place), and writes one ToUnicode entry per glyph from its code points, which reads back
// wrong wherever shaping reorders or merges letters (Indic vowel signs, Arabic ligatures). Here
// the text is shaped with HarfBuzz (shaping.ts) and each glyph is drawn under a character code of
// its own for each piece of text it stands for: the code maps to the glyph (CIDToGIDMap) and to
// that text (ToUnicode), so the same glyph can read back differently in different words.

import fontkit, { type Font as FontkitFont, type SubsetStream } from '@pdf-lib/fontkit';
import { PDFHexString, PDFNumber, PDFOperator, PDFOperatorNames, PDFString, type PDFDocument, type PDFRef } from 'pdf-lib';
import type { HarfBuzz, HbFont } from './shaping';

/** A glyph as shaped, in font units; `cluster` is its UTF-16 index in the shaped text. */
export interface ShapedGlyph {
  glyph: number;
  cluster: number;
  xAdvance: number;
  xOffset: number;
  yOffset: number;
}

const MAX_CODES = 0xfffe;

export class EmbeddedFont {
  readonly ref: PDFRef;
  /** The name on the page's resources. */
  readonly name: string;
  readonly unitsPerEm: number;
  private readonly codePoints: ReadonlySet<number>;
  private readonly hbFont: HbFont;
  /** Character code of each (glyph, text) pair; code 0 is unused. */
  private readonly codes = new Map<string, number>();
  private readonly glyphOfCode: number[] = [0];
  private readonly textOfCode: string[] = [''];
  private readonly forms = new Map<number, PDFRef>();
  private parsed: FontkitFont | undefined;

  constructor(
    private readonly doc: PDFDocument,
    private readonly bytes: Uint8Array,
    private readonly hb: HarfBuzz,
    name: string,
  ) {
    this.ref = doc.context.nextRef();
    this.name = name;
    const face = new hb.Face(new hb.Blob(bytes), 0);
    this.unitsPerEm = face.upem;
    this.hbFont = new hb.Font(face);
    // collectUnicodes returns a view of HarfBuzz's memory: copy it before anything else runs.
    this.codePoints = new Set(Array.from(face.collectUnicodes()));
  }

  has(codePoint: number): boolean {
    return this.codePoints.has(codePoint);
  }

  /** Shapes text[start, end) in one direction, with the text around it as context. */
  shape(text: string, start: number, end: number, rtl: boolean): ShapedGlyph[] {
    const { hb } = this;
    const buffer = new hb.Buffer();
    buffer.addText(text, start, end - start);
    buffer.guessSegmentProperties();
    buffer.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
    hb.shape(this.hbFont, buffer);
    return buffer.getGlyphInfosAndPositions().map((info) => ({
      glyph: info.codepoint,
      cluster: info.cluster,
      xAdvance: info.xAdvance ?? 0,
      xOffset: info.xOffset ?? 0,
      yOffset: info.yOffset ?? 0,
    }));
  }

  /** The glyph's advance without shaping (what the PDF viewer moves by), in font units. */
  advance(glyph: number): number {
    return this.hbFont.glyphHAdvance(glyph);
  }

  /** The character code that draws `glyph` and reads back as `text`. */
  code(glyph: number, text: string): number {
    const key = `${glyph}\u0000${text}`;
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.glyphOfCode.length;
      if (code > MAX_CODES) throw new Error('Too many distinct glyphs for one font');
      this.codes.set(key, code);
      this.glyphOfCode.push(glyph);
      this.textOfCode.push(text);
    }
    return code;
  }

  /**
   * The glyph's outline as a form XObject in font units, filled in the current colour: how
   * lines that text extractors would misread are drawn (see drawLine.ts).
   */
  glyphForm(glyph: number): PDFRef {
    let ref = this.forms.get(glyph);
    if (!ref) {
      const { context } = this.doc;
      const path = this.fontkit().getGlyph(glyph).path;
      const operators = [...pathOperators(path.toSVG()), PDFOperator.of(PDFOperatorNames.FillNonZero)];
      const { minX, minY, maxX, maxY } = path.bbox;
      const box = Number.isFinite(minX) ? [minX, minY, maxX, maxY].map(Math.round) : [0, 0, 0, 0];
      ref = context.register(context.formXObject(operators, { BBox: box }));
      this.forms.set(glyph, ref);
    }
    return ref;
  }

  private fontkit(): FontkitFont {
    this.parsed ??= fontkit.create(this.bytes);
    return this.parsed;
  }

  /** Writes the font, subset to the glyphs used, into the document. */
  async finish(): Promise<void> {
    if (this.glyphOfCode.length === 1) return; // never drawn with as text: not embedded
    const { context } = this.doc;
    const source = this.fontkit();
    const subset = source.createSubset();
    padGlyphsToEvenLength(subset);
    const subsetGlyph = this.glyphOfCode.map((glyph) => subset.includeGlyph(glyph));
    const fontFile = await encode(subset.encodeStream());
    const scale = 1000 / this.unitsPerEm;
    const baseFont = `${subsetTag(this.name)}+${(source.postscriptName || 'Font').replace(/[^A-Za-z0-9-]/g, '')}`;

    const cidToGid = new Uint8Array(this.glyphOfCode.length * 2);
    subsetGlyph.forEach((glyph, code) => {
      cidToGid[code * 2] = glyph >> 8;
      cidToGid[code * 2 + 1] = glyph & 0xff;
    });
    const widths = this.glyphOfCode.slice(1).map((glyph) => Math.round(this.advance(glyph) * scale));
    const { bbox } = source;
    const descriptor = context.obj({
      Type: 'FontDescriptor',
      FontName: baseFont,
      Flags: 4, // symbolic: glyphs are addressed by code, not by a standard encoding
      FontBBox: [bbox.minX * scale, bbox.minY * scale, bbox.maxX * scale, bbox.maxY * scale].map(Math.round),
      ItalicAngle: source.italicAngle,
      Ascent: Math.round(source.ascent * scale),
      Descent: Math.round(source.descent * scale),
      CapHeight: Math.round((source.capHeight || source.ascent) * scale),
      StemV: 80,
      FontFile2: context.register(context.flateStream(fontFile)),
    });
    const cidFont = context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: baseFont,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: context.register(descriptor),
      W: context.obj([1, context.obj(widths)]),
      CIDToGIDMap: context.register(context.flateStream(cidToGid)),
    });
    const font = context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: baseFont,
      Encoding: 'Identity-H',
      DescendantFonts: [context.register(cidFont)],
      ToUnicode: context.register(context.flateStream(toUnicodeCMap(this.textOfCode))),
    });
    context.assign(this.ref, font);
  }
}

/** PDF path operators for an SVG path of moves, lines, quadratic and cubic curves (fontkit's toSVG). */
function pathOperators(svg: string): PDFOperator[] {
  const operators: PDFOperator[] = [];
  const op = (name: PDFOperatorNames, args: number[] = []) =>
    operators.push(
      PDFOperator.of(
        name,
        args.map((n) => PDFNumber.of(Math.round(n * 100) / 100)),
      ),
    );
  let x = 0;
  let y = 0;
  for (const [, command = '', list = ''] of svg.matchAll(/([MLQCZ])([^MLQCZ]*)/gi)) {
    const n = (list.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi) ?? []).map(Number);
    const size = { M: 2, L: 2, Q: 4, C: 6, Z: 0 }[command.toUpperCase()] ?? 0;
    if (size === 0) {
      op(PDFOperatorNames.ClosePath);
      continue;
    }
    for (let i = 0; i + size <= n.length; i += size) {
      const a = n.slice(i, i + size);
      const [p0 = 0, p1 = 0, p2 = 0, p3 = 0] = a;
      if (command.toUpperCase() === 'M') op(PDFOperatorNames.MoveTo, a);
      else if (command.toUpperCase() === 'L') op(PDFOperatorNames.LineTo, a);
      else if (command.toUpperCase() === 'C') op(PDFOperatorNames.AppendBezierCurve, a);
      // A quadratic curve as the cubic of the same shape.
      else
        op(PDFOperatorNames.AppendBezierCurve, [
          x + (2 / 3) * (p0 - x),
          y + (2 / 3) * (p1 - y),
          p2 + (2 / 3) * (p0 - p2),
          p3 + (2 / 3) * (p1 - p3),
          p2,
          p3,
        ]);
      x = a[size - 2] ?? x;
      y = a[size - 1] ?? y;
    }
  }
  return operators;
}

/** What fontkit's TrueType subset keeps while it encodes (not in its types). */
interface TrueTypeSubsetInternals {
  _addGlyph?: (glyph: number) => number;
  glyf?: Uint8Array[];
  offset?: number;
}

/**
 * fontkit writes a small subset with the short 'loca' format, which stores offsets halved, but
 * copies each glyph's bytes as they are: a font with the long format may have glyphs of odd
 * length (Noto Sans SC, JP and KR do), and every glyph after one is then read from the wrong
 * place, so most Chinese, Japanese and Korean characters printed as nothing. Each glyph is padded
 * to an even length as it is added.
 */
function padGlyphsToEvenLength(subset: object): void {
  const internals = subset as TrueTypeSubsetInternals;
  const add = internals._addGlyph?.bind(subset);
  if (!add) return; // not a TrueType subset
  internals._addGlyph = (glyph) => {
    const index = add(glyph);
    const bytes = internals.glyf?.[index];
    if (internals.glyf && bytes && bytes.length % 2 === 1) {
      // Of the same kind as fontkit's own (a Buffer, or its browser stand-in), which its encoder needs.
      const kind = bytes.constructor as { alloc?: (size: number) => Uint8Array };
      const padded = kind.alloc?.(bytes.length + 1) ?? new Uint8Array(bytes.length + 1);
      padded.set(bytes);
      internals.glyf[index] = padded;
      internals.offset = (internals.offset ?? 0) + 1;
    }
    return index;
  };
}

function encode(stream: SubsetStream): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const parts: Uint8Array[] = [];
    stream
      .on('data', (bytes: Uint8Array) => parts.push(bytes))
      .on('end', () => {
        const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
        let at = 0;
        for (const part of parts) {
          out.set(part, at);
          at += part.length;
        }
        resolve(out);
      });
  });
}

/** Six capital letters naming the subset, as the PDF standard asks; derived from the name so output is reproducible. */
function subsetTag(name: string): string {
  let hash = 5381;
  for (const char of name) hash = ((hash * 33) ^ (char.codePointAt(0) ?? 0)) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (hash % 26));
    hash = Math.floor(hash / 26) + i * 7;
  }
  return tag;
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}

function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
}

/** Each code's text, as a ToUnicode CMap (at most 100 entries per block, as the format asks). */
function toUnicodeCMap(texts: readonly string[]): Uint8Array {
  const entries = texts.flatMap((text, code) => (code === 0 ? [] : [`<${hex4(code)}> <${utf16Hex(text)}>`]));
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
  return new TextEncoder().encode(cmap);
}

/** The hex string a text operator shows for these codes. */
export function codesHex(codes: readonly number[]): PDFHexString {
  return PDFHexString.of(codes.map(hex4).join(''));
}
