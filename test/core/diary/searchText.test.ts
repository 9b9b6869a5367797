import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesTerms, queryTerms } from '../../../src/core/diary/searchText';

describe('foldForSearch', () => {
  it('ignores case and accents, Welsh circumflexes included', () => {
    expect(foldForSearch('Ŵyn a ŶD ar y Ffordd')).toBe('wyn a yd ar y ffordd');
    expect(foldForSearch('Zażółć gęślą jaźń')).toBe('zazołc gesla jazn');
    expect(foldForSearch('Café')).toBe(foldForSearch('Cafe\u0301'));
  });

  it('treats curly and straight apostrophes alike', () => {
    expect(foldForSearch('didn’t')).toBe("didn't");
    expect(foldForSearch('Dydw iʼn')).toBe("dydw i'n");
  });

  it('folds compatibility forms and final sigma', () => {
    expect(foldForSearch('ﬁle')).toBe('file');
    expect(foldForSearch('ΟΔΟΣ')).toBe(foldForSearch('οδοσ'));
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => foldForSearch(foldForSearch(text)) === foldForSearch(text)));
  });
});

describe('queryTerms and matchesTerms', () => {
  it('splits on any whitespace, drops repeats and empty words', () => {
    expect(queryTerms('  Station\tstation  ŵyn\n')).toEqual(['station', 'wyn']);
    expect(queryTerms('   ')).toEqual([]);
    expect(queryTerms('\u0301')).toEqual([]);
  });

  it('needs every term, anywhere in the text', () => {
    const text = foldForSearch('He waited by the bus stop\nNeighbour saw him');
    expect(matchesTerms(text, queryTerms('bus neighbour'))).toBe(true);
    expect(matchesTerms(text, queryTerms('bus police'))).toBe(false);
    expect(matchesTerms(text, [])).toBe(true);
  });

  it('finds any piece of any text, typed in any case', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.nat(), fc.nat(), fc.boolean(), (text, a, b, upper) => {
        const graphemes = [...new Intl.Segmenter().segment(text)].map((s) => s.segment);
        const [from, to] = [a % (graphemes.length + 1), b % (graphemes.length + 1)].sort((x, y) => x - y);
        const piece = graphemes.slice(from, to).join('');
        const typed = upper ? piece.toUpperCase() : piece;
        // Upper-casing can spell a letter differently (ß -> SS); only then may it fail to match.
        if (foldForSearch(typed) !== foldForSearch(piece) && upper) return true;
        return matchesTerms(foldForSearch(text), queryTerms(typed));
      }),
      { numRuns: 500 },
    );
  });
});
