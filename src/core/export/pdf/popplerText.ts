// poppler (pdftotext, and the viewers built on it: Evince, Okular) does not apply the Unicode
// bidirectional algorithm to a PDF's text. It reads a page in the direction of the letters it
// has more of (left to right if as many), and each line by a rule of its own, on the characters
// in the order they stand on the page: in a left-to-right page, stretches without right-to-left
// letters are read as they stand and the others reversed; in a right-to-left page, from the right
// end, stretches without left-to-right letters or digits reversed and the others as they stand.
// So it misreads, for example, two numbers a space apart in an Urdu line ("07700 900123" comes
// out "900123 07700"), and the order of the runs of an Urdu phrase in a left-to-right page.
//
// Each line with right-to-left letters therefore carries ActualText, which poppler reads in place
// of the characters under it (PDF.js ignores it and reads the characters). Its text is the line
// laid out for poppler's rule on that page, so that poppler's own reordering gives the line as
// typed; the page's direction is only known once the page is drawn (see drawLine.ts).

import bidiFactory from 'bidi-js';

const bidi = bidiFactory();

type Kind = 'ltr' | 'rtl' | 'number' | 'neutral';

function kind(char: string): Kind {
  const type = bidi.getBidiCharTypeName(char);
  if (type === 'L') return 'ltr';
  if (type === 'R' || type === 'AL') return 'rtl';
  if (type === 'EN' || type === 'AN' || char === '\u060c') return 'number';
  return 'neutral';
}

interface Part {
  rtl: boolean;
  chars: string[];
}

/**
 * `text` split as poppler splits a line: left-to-right parts (no right-to-left letter) and
 * right-to-left parts (no left-to-right letter or digit). Characters of neither kind between two
 * parts (spaces, punctuation) go with the part poppler would give them on a page of this direction.
 */
function parts(text: string, pageRtl: boolean): Part[] {
  const chars = [...text];
  const kinds = chars.map(kind);
  const result: Part[] = [];
  let i = 0;
  while (i < chars.length) {
    const first = kinds[i];
    // In a left-to-right page a part is right to left only from a right-to-left letter on; in a
    // right-to-left page a part is left to right only from a letter or digit of that kind on.
    const rtl = pageRtl ? first !== 'ltr' && first !== 'number' : first === 'rtl';
    let j = i + 1;
    const belongs = (k: Kind | undefined) => (rtl ? k !== 'ltr' && k !== 'number' : k !== 'rtl');
    while (j < chars.length && belongs(kinds[j])) j++;
    // Neutrals at the end of a part of the other kind than the page's are left to the next part.
    if (rtl !== pageRtl && j < chars.length) {
      const strong = (k: Kind | undefined) => (rtl ? k === 'rtl' : k === 'ltr' || k === 'number');
      while (j > i + 1 && !strong(kinds[j - 1])) j--;
    }
    result.push({ rtl, chars: chars.slice(i, j) });
    i = j;
  }
  return result;
}

/** What poppler must find under a line so that it reads `text` as typed on a page of this direction. */
export function popplerText(text: string, pageRtl: boolean): string {
  const laid = parts(text, pageRtl).map(({ rtl, chars }) => (rtl ? [...chars].reverse() : chars).join(''));
  return (pageRtl ? laid.reverse() : laid).join('');
}
