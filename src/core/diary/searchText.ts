// Text folding for diary search. Case, accents and apostrophe styles are ignored, so "wyn"
// finds "ŵyn" and "didn't" finds "didn’t" (phones type curly apostrophes). Folded text is
// only ever matched against, never shown.

const APOSTROPHES = /[\u2018\u2019\u02bc\u2032\u0060\u00b4]/g;
const MARKS = /\p{M}+/gu;
const WHITESPACE = /\s+/u;

/** Lower case, compatibility-decomposed (NFKD), without combining marks. */
export function foldForSearch(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(APOSTROPHES, "'")
      .normalize('NFKD')
      .replace(MARKS, '')
      // NFKD can produce capitals (e.g. "ℌ" -> "H"); lower-casing again catches them.
      .toLowerCase()
      // Greek final sigma depends on the letters around it, so a word cut short must still match.
      .replace(/ς/g, 'σ')
  );
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
