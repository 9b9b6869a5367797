import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesTerms, queryTerms } from '../../../src/core/diary/searchText';

describe('foldForSearch', () => {
  it('ignores case and accents, Welsh circumflexes included', () => {
    expect(foldForSearch('Ŵyn a ŶD ar y Ffordd')).toBe('wyn a yd ar y ffordd');
    // ł has no decomposition, but Polish writers in a hurry type l for it as for the others.
    expect(foldForSearch('Zażółć gęślą jaźń')).toBe('zazolc gesla jazn');
    expect(matchesTerms(foldForSearch('Spotkałam go w Łodzi'), queryTerms('lodzi spotkalam'))).toBe(true);
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

  // Text that is ASCII once lower-cased and its apostrophes straightened is copied into a
  // one-byte string when it had other characters (’, the Kelvin sign): the copy must be exact.
  const straightened = (text: string) => text.toLowerCase().replace(/[\u2018\u2019\u02bc\u2032\u0060\u00b4]/g, "'");
  const asciiOnceFolded = [
    ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
    '\t',
    '\n',
    '\r',
    ...'\u2018\u2019\u02bc\u2032\u0060\u00b4\u212a',
  ];

  it('folds text with ’ and the like to the same text as before, character for character', () => {
    expect(foldForSearch('I didn’t. He said ‘NO’ at 5\u212a')).toBe("i didn't. he said 'no' at 5k");
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...asciiOnceFolded), { maxLength: 80 }), (chars) => {
        const text = chars.join('');
        expect(foldForSearch(text)).toBe(straightened(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('copies long text with ’ whole, across the pieces it is copied in', () => {
    for (const length of [8191, 8192, 8193, 16_384, 20_001]) {
      // Every position distinguishable, so a piece dropped, doubled or shifted shows.
      const text = Array.from({ length }, (_, i) =>
        i % 97 === 0 ? '’' : String.fromCharCode(0x21 + ((i * 7 + Math.floor(i / 95)) % 94)),
      ).join('');
      const folded = foldForSearch(text);
      expect(folded.length, String(length)).toBe(length);
      expect(folded === straightened(text), String(length)).toBe(true);
    }
  });
});

/** True when searching for `query` finds `text`. */
const finds = (text: string, query: string) => matchesTerms(foldForSearch(text), queryTerms(query));

describe('search in every script', () => {
  it('finds each script as typed, in the middle of a sentence', () => {
    const samples = [
      'Он ждал у подъезда',
      'Περίμενε έξω από το σπίτι',
      'הוא חיכה ליד הבית',
      'وہ گھر کے باہر کھڑا تھا',
      'كان ينتظر أمام المنزل',
      'ਉਹ ਘਰ ਦੇ ਬਾਹਰ ਖੜ੍ਹਾ ਸੀ',
      'वह घर के बाहर खड़ा था',
      'সে বাড়ির বাইরে দাঁড়িয়ে ছিল',
      'તે ઘરની બહાર ઊભો હતો',
      'அவன் வீட்டுக்கு வெளியே நின்றான்',
      'ඔහු නිවස ඉදිරිපිට සිටියේය',
      'เขายืนอยู่หน้าบ้าน',
      '他在我家门口等我',
      '彼は家の前で待っていた',
      '그가 집 앞에서 기다렸다',
    ];
    for (const sample of samples) {
      const words = sample.split(' ');
      const text = `Monday 3pm. ${sample}. Told the police.`;
      expect(finds(text, words.at(-1) ?? ''), sample).toBe(true);
      expect(finds(text, sample), sample).toBe(true);
      expect(finds('Monday 3pm. Told the police.', words[0] ?? ''), `${sample} not in other text`).toBe(false);
    }
  });

  it('keeps the marks that make a different letter or syllable', () => {
    expect(finds('ਕੀ', 'ਕਿ')).toBe(false); // Gurmukhi vowel signs
    expect(finds('ਕਿਤਾਬ', 'ਕਤਾਬ')).toBe(false);
    expect(finds('कि', 'की')).toBe(false); // Devanagari
    expect(finds('かき', 'がき')).toBe(false); // Japanese voicing mark
    expect(finds('ก่า', 'กา')).toBe(false); // Thai tone mark
    expect(finds('мой', 'мои')).toBe(false); // й is its own letter
    expect(finds('ёлка', 'елка')).toBe(true); // ё is typed as е
  });

  it('matches the Arabic-script letters different keyboards type for the same word', () => {
    expect(finds('أحمد جاء إلى البيت', 'احمد الى')).toBe(true);
    expect(finds('على', 'علي')).toBe(true); // alef maksura and yeh
    expect(finds('کتاب', 'كتاب')).toBe(true); // keheh and kaf
    expect(finds('یہ', 'يه')).toBe(true); // Farsi yeh, heh goal
    expect(finds('مدرسة', 'مدرسه')).toBe(true); // teh marbuta
    expect(finds('كَتَبَ', 'كتب')).toBe(true); // vowel points
    expect(finds('كـــتب', 'كتب')).toBe(true); // tatweel
    expect(finds('شلوار‌قمیص', 'شلوارقمیص')).toBe(true); // zero-width non-joiner
    expect(finds('الساعة ٣:٣٠', '3:30')).toBe(true); // Arabic-Indic digits
    expect(finds('ساعت ۵', '5')).toBe(true); // Extended Arabic-Indic digits (Urdu, Persian)
    expect(finds('ਸਮਾਂ ੩ ਵਜੇ', '3')).toBe(true); // Gurmukhi digits
    expect(finds('ہے', 'ه')).toBe(true);
    expect(finds('ے', 'ي')).toBe(false); // Urdu's yeh barree is its own letter
  });

  it('finds any piece of text in any of these scripts, cut on letter boundaries', () => {
    const letters = fc.constantFrom(
      ...Array.from('aáłŁßéŵΣςάйёЁжאָבגوہےیکةأإآىيكـ٣۵ਕਿੀਸ਼੩कीखड़বাংতাஅவன்ඔහුเขา่かがキ漢字한글😀 \n\u200c\u200d\u064e'),
      ...[...new Intl.Segmenter().segment('ਖੜ੍ਹਾ क्षत्रिय নিবন্ধ ශ්‍රී 👩‍👧')].map((s) => s.segment),
    );
    fc.assert(
      fc.property(fc.array(letters, { maxLength: 40 }), fc.nat(), fc.nat(), (chars, a, b) => {
        const text = chars.join('');
        const graphemes = [...new Intl.Segmenter().segment(text)].map((s) => s.segment);
        const [from, to] = [a % (graphemes.length + 1), b % (graphemes.length + 1)].sort((x, y) => x - y);
        return finds(text, graphemes.slice(from, to).join(''));
      }),
      { numRuns: 1000 },
    );
  });

  it('folds a letter NFKD makes a capital of as the table says, once and for all (ꟸ)', () => {
    expect(foldForSearch('ꟸ')).toBe(foldForSearch(foldForSearch('ꟸ')));
    expect(foldForSearch('ꟸ')).toBe('h');
  });

  it('is idempotent on these scripts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => foldForSearch(foldForSearch(text)) === foldForSearch(text)),
      { numRuns: 1000 },
    );
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
