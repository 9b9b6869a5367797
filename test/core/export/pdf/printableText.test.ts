import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointName, printableText, unprintable } from '../../../../src/core/export/pdf/printableText';

const latinOnly = (codePoint: number) => codePoint >= 0x20 && codePoint <= 0x24f;

describe('printableText', () => {
  it('keeps every letter as typed, whatever the script', () => {
    const text = 'Gwelais ŵr ar y stryd, ŷd. Zażółć gęślą jaźń ਪੰਜਾਬੀ اردو ہے 漢字 😂';
    expect(printableText(text)).toBe(text);
  });

  it('composes a letter typed with a combining accent, so it prints as one', () => {
    expect(printableText('w\u0302')).toBe('ŵ');
  });

  it('drops control characters, keeps newlines and turns tabs and other line breaks into their plain forms', () => {
    expect(printableText('a\u0000b\u0007c\u001bd\u007fe\u0085f')).toBe('abcde\nf');
    expect(printableText('one\r\ntwo\rthree\u2028four')).toBe('one\ntwo\nthree\nfour');
    expect(printableText('a\tb')).toBe('a    b');
  });

  it('drops a lone surrogate instead of failing', () => {
    expect(printableText('a\ud800b')).toBe('ab');
  });

  it('never replaces a character: only controls and lone surrogates are dropped', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const kept = [...printableText(text)].filter((char) => char !== '\n' && char !== ' ');
        const expected = [...text.normalize('NFC')].filter((char) => !/[\p{Cc}\p{Cs}\u2028\u2029\uFFFE\uFFFF\s]/u.test(char));
        expect(kept).toEqual(expected.filter((char) => char !== '\u0085'));
      }),
    );
  });
});

describe('unprintable', () => {
  it('names each character no font has, once, in order', () => {
    expect(unprintable('a漢b😀漢', latinOnly)).toEqual([0x6f22, 0x1f600]);
    expect(unprintable('a漢b😀漢', latinOnly).map(codePointName)).toEqual(['U+6F22', 'U+1F600']);
  });

  it('does not count joiners, variation selectors or spaces as missing', () => {
    expect(unprintable('a\u200d\ufe0f\u00a0b', latinOnly)).toEqual([]);
  });

  it('reports only characters the font lacks', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        for (const codePoint of unprintable(text, latinOnly)) expect(latinOnly(codePoint)).toBe(false);
      }),
    );
  });
});
