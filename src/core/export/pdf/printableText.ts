// User text made ready to lay out, never changed in what it says: line breaks become '\n',
// tabs spaces, and control characters (which have no glyph and could upset viewers) are dropped.
// NFC first, so 'w' + combining circumflex is the one letter 'ŵ' fonts have a glyph for.
// Characters no font has are not replaced: they are drawn as the font's empty box, keep their
// own text in the PDF's text layer, and are named on the report (see unprintable).

// C0 and C1 controls except tab and newline, lone surrogates, and the noncharacters U+FFFE/FFFF.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]|\p{Cs}/gu;
const NEWLINES = /\r\n?|[\u2028\u2029\u0085]/g;

export function printableText(text: string): string {
  return text.normalize('NFC').replace(NEWLINES, '\n').replace(/\t/g, '    ').replace(CONTROL, '');
}

/** Characters that draw nothing of their own (joiners, variation selectors): never "missing". */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\s]/u;

/**
 * The code points of `text` (after printableText) that no font has, each once, in order of
 * first appearance.
 */
export function unprintable(text: string, hasGlyph: (codePoint: number) => boolean): number[] {
  const missing = new Set<number>();
  for (const char of printableText(text)) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (!hasGlyph(codePoint) && !INVISIBLE.test(char)) missing.add(codePoint);
  }
  return [...missing];
}

/** 'U+0A15' style names, as the report prints them. */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
