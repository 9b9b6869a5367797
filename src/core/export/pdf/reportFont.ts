// An embedded font with what layout needs from it: which characters it can print, how wide
// text is, and its glyph codes. pdf-lib shapes every string it measures or draws with fontkit,
// which is slow (a tenth of a millisecond a word); a diary repeats its words many times over,
// so widths and codes are worked out once per distinct word. Shaping never crosses a space,
// so a line's codes are its words' codes joined by the space's.

import { PDFHexString, type PDFFont } from 'pdf-lib';
import { printableText } from './printableText';

export class ReportFont {
  private readonly glyphs: ReadonlySet<number>;
  /** Width of a string at size 1. */
  private readonly widths = new Map<string, number>();
  /** Glyph codes (hex) of a word, in the subset font. */
  private readonly codes = new Map<string, string>();

  constructor(readonly pdfFont: PDFFont) {
    this.glyphs = new Set(pdfFont.getCharacterSet());
  }

  /** `text` with anything this font cannot print replaced (see printableText). */
  printable(text: string): string {
    return printableText(text, (codePoint) => this.glyphs.has(codePoint));
  }

  /** Width in points of printable text at `size`. */
  width(text: string, size: number): number {
    let width = this.widths.get(text);
    if (width === undefined) {
      width = this.pdfFont.widthOfTextAtSize(text, 1);
      this.widths.set(text, width);
    }
    return width * size;
  }

  /** A line of printable text (no newlines) as the string a PDF text operator shows. */
  encode(line: string): PDFHexString {
    return PDFHexString.of(
      line
        .split(' ')
        .map((word) => this.wordCode(word))
        .join(this.wordCode(' ')),
    );
  }

  private wordCode(word: string): string {
    let code = this.codes.get(word);
    if (code === undefined) {
      // encodeText also adds the word's glyphs to the embedded subset.
      code = this.pdfFont.encodeText(word).asString();
      this.codes.set(word, code);
    }
    return code;
  }
}

export interface ReportFonts {
  regular: ReportFont;
  bold: ReportFont;
}
