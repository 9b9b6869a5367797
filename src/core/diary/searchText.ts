// Text folding for diary search. Folded text is only ever matched against, never shown.
//
// What is folded is what people type either way for the same word: case, apostrophe styles,
// compatibility forms, accents on Latin and Greek letters ("wyn" finds "ŵyn", "lodz" finds
// "Łódź"), ё as е, Arabic and Hebrew vowel points, the Arabic letters that different keyboards
// type for the same word (ي ى ی, ك ک, ه ہ ة ھ, أ إ آ ا), tatweel, joiners and direction marks,
// and digits of any script (٣ finds 3). Marks that make a different letter or syllable are kept:
// Gurmukhi, Devanagari and other Indic vowel signs, Thai, Japanese voicing marks, й.

const APOSTROPHES = /[\u2018\u2019\u02bc\u2032\u0060\u00b4]/g;
const WHITESPACE = /\s+/u;
/** Printable ASCII and ordinary whitespace: nothing in it folds but case. */
const ASCII = /^[\t\n\r\x20-\x7e]*$/;
const MARK = /^\p{M}$/u;
/** Scripts whose combining marks are accents: dropping them is what a searcher expects. */
const ACCENTED_SCRIPT = /^[\p{Script=Latin}\p{Script=Greek}]$/u;
/** Arabic vowel points and Quranic marks, Hebrew points and cantillation: dropped after any base. */
const POINTS = /^[\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]$/u;
/** Invisible characters that change how text looks, not what it says. */
const INVISIBLE = /^[\u00ad\u061c\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]$/u;

/** Letters typed differently for the same word (after lower-casing and NFKD). */
const SAME_LETTER: Readonly<Record<string, string>> = {
  // Latin letters with a stroke, which have no decomposition.
  ł: 'l',
  đ: 'd',
  ø: 'o',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  // Greek final sigma depends on the letters around it, so a word cut short must still match.
  ς: 'σ',
  // Arabic-script keyboards: Arabic, Persian and Urdu spell these letters differently.
  '\u0649': '\u064a', // alef maksura -> yeh
  '\u06cc': '\u064a', // Farsi yeh -> yeh
  '\u06a9': '\u0643', // keheh -> kaf
  '\u06c1': '\u0647', // heh goal -> heh
  '\u06be': '\u0647', // heh doachashmee -> heh
  '\u06d5': '\u0647', // ae -> heh
  '\u0629': '\u0647', // teh marbuta -> heh
  '\u06c3': '\u0647', // teh marbuta goal -> heh
  '\u0671': '\u0627', // alef wasla -> alef
};

/** The zero of each script's decimal digits (fullwidth ones fold by NFKD already). */
const DIGIT_ZEROS = [
  0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6, 0x0e50, 0x0ed0, 0x0f20, 0x1040,
  0x17e0, 0x1810,
];

function asciiDigit(code: number): string | null {
  for (const zero of DIGIT_ZEROS) if (code >= zero && code <= zero + 9) return String(code - zero);
  return null;
}

/** A UTF-16 code unit beyond Latin-1, which V8 cannot keep in a one-byte string. */
const BEYOND_LATIN1 = /[\u0100-\uffff]/;
/** Most character codes passed to one String.fromCharCode call (well within argument limits). */
const CHUNK = 8192;

/**
 * The same text as a flat one-byte string, for text that is all Latin-1. V8 keeps a string in two
 * bytes a character if the text it came from had any character beyond Latin-1, even after that
 * character is replaced (a ’ turned into '), and replace() may leave a tree of pieces. Folded text
 * is kept for every incident while the diary is open, so half the bytes matter; String.fromCharCode
 * makes a one-byte string when every code fits in one byte.
 */
function oneByteCopy(text: string): string {
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += CHUNK) {
    const end = Math.min(text.length, start + CHUNK);
    // Sized up front: about twice as fast as growing it with push.
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i += 1) codes[i - start] = text.charCodeAt(i);
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** Lower case, compatibility-decomposed (NFKD), folded as described above, then recomposed (NFC). */
export function foldForSearch(text: string): string {
  const lower = text.toLowerCase().replace(APOSTROPHES, "'");
  // All ASCII now, but held in two bytes a character if the text had a ’ (or a Kelvin sign).
  if (ASCII.test(lower)) return BEYOND_LATIN1.test(text) ? oneByteCopy(lower) : lower;
  let out = '';
  // The last character kept that is not a mark: whether a mark after it is an accent.
  let base: string | null = null;
  // Apostrophes again: NFKD makes primes of a double prime (″).
  for (const char of lower.normalize('NFKD').replace(APOSTROPHES, "'")) {
    if (INVISIBLE.test(char) || POINTS.test(char)) continue;
    if (MARK.test(char)) {
      // A mark with nothing before it (a search cut mid-letter) says nothing on its own.
      if (base === null || ACCENTED_SCRIPT.test(base) || (char === '\u0308' && base === 'е')) continue;
      out += char;
      continue;
    }
    const code = char.codePointAt(0) ?? 0;
    // NFKD can produce capitals ("ℌ" -> "H", "ꟸ" -> "Ħ"): lower-cased again, before the table.
    const small = char.toLowerCase();
    const letter = asciiDigit(code) ?? SAME_LETTER[small] ?? small;
    base = letter;
    out += letter;
  }
  // Recomposed, so that a letter with a kept mark (й, が, a Hangul syllable) is one character
  // and "мои" does not find "мой" as a prefix of its decomposed form.
  return out.normalize('NFC');
}

/** The distinct words of a search, folded. Every one must occur for an entry to match. */
export function queryTerms(query: string): string[] {
  return [
    ...new Set(
      foldForSearch(query)
        .split(WHITESPACE)
        .filter((term) => term !== ''),
    ),
  ];
}

/** True when every term occurs somewhere in the folded text (no terms: everything matches). */
export function matchesTerms(foldedText: string, terms: readonly string[]): boolean {
  return terms.every((term) => foldedText.includes(term));
}
