import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MISSING_GLYPH, printableText } from '../../../../src/core/export/pdf/printableText';

const latinOnly = (codePoint: number) => codePoint >= 0x20 && codePoint <= 0x24f;

describe('printableText', () => {
  it('keeps Welsh and Polish letters the font has', () => {
    expect(printableText('Gwelais ŵr ar y stryd, ŷd. Zażółć gęślą jaźń', latinOnly)).toBe('Gwelais ŵr ar y stryd, ŷd. Zażółć gęślą jaźń');
  });

  it('composes a letter typed with a combining accent, so it prints as one', () => {
    expect(printableText('w\u0302', (cp) => cp === 0x175)).toBe('ŵ');
  });

  it('replaces characters the font lacks, one mark per character', () => {
    expect(printableText('a漢b😀', latinOnly)).toBe(`a${MISSING_GLYPH}b${MISSING_GLYPH}`);
  });

  it('drops control characters, keeps newlines and turns tabs and other line breaks into their plain forms', () => {
    expect(printableText('a\u0000b\u0007c\u001bd\u007fe\u0085f', latinOnly)).toBe('abcde\nf');
    expect(printableText('one\r\ntwo\rthree\u2028four', latinOnly)).toBe('one\ntwo\nthree\nfour');
    expect(printableText('a\tb', latinOnly)).toBe('a    b');
  });

  it('drops a lone surrogate instead of failing', () => {
    expect(printableText('a\ud800b', latinOnly)).toBe('ab');
  });

  it('only ever returns characters the font has, and newlines', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        for (const char of printableText(text, latinOnly)) {
          const codePoint = char.codePointAt(0) ?? 0;
          expect(char === '\n' || char === MISSING_GLYPH || latinOnly(codePoint)).toBe(true);
        }
      }),
    );
  });
});
