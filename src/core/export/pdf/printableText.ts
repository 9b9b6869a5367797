// User text as the embedded font can print it. A PDF font has no fallback: a character
// without a glyph would print as an empty box, so it becomes '?' instead, and control
// characters (which have no glyph and could upset viewers) are dropped.

/** What a missing character prints as. */
export const MISSING_GLYPH = '?';

// C0 and C1 controls except tab and newline, lone surrogates, and the noncharacters U+FFFE/FFFF.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]|\p{Cs}/gu;
const NEWLINES = /\r\n?|[\u2028\u2029\u0085]/g;

/**
 * Normalises line breaks to '\n', tabs to spaces, drops control characters, and replaces every
 * character `hasGlyph` rejects. NFC first, so 'w' + combining circumflex prints as one 'ŵ'.
 */
export function printableText(text: string, hasGlyph: (codePoint: number) => boolean): string {
  const cleaned = text.normalize('NFC').replace(NEWLINES, '\n').replace(/\t/g, '    ').replace(CONTROL, '');
  let out = '';
  for (const char of cleaned) {
    const codePoint = char.codePointAt(0) ?? 0;
    out += char === '\n' || hasGlyph(codePoint) ? char : MISSING_GLYPH;
  }
  return out;
}
