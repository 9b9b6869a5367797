// Greedy line breaking by measured width, on text in reading order (before any right-to-left
// reordering). Lines break at spaces; a word wider than a whole line (a URL, a hash, a sentence
// of Chinese or Thai, which have no spaces) is cut between characters as a reader sees them
// (grapheme clusters), so a vowel sign or accent never leaves its letter and nothing runs off
// the page.

/** Width of a string at the size being laid out. */
export type Measure = (text: string) => number;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function splitLongWord(word: string, maxWidth: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let piece = '';
  let width = 0;
  for (const { segment: char } of graphemes.segment(word)) {
    const charWidth = measure(char);
    if (piece !== '' && width + charWidth > maxWidth) {
      pieces.push(piece);
      piece = '';
      width = 0;
    }
    piece += char;
    width += charWidth;
  }
  pieces.push(piece);
  return pieces;
}

function wrapParagraph(paragraph: string, maxWidth: number, measure: Measure, space: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const word of paragraph.split(' ')) {
    if (word === '') continue;
    const wordWidth = measure(word);
    if (line !== '' && width + space + wordWidth <= maxWidth) {
      line += ` ${word}`;
      width += space + wordWidth;
      continue;
    }
    if (line !== '') lines.push(line);
    if (wordWidth <= maxWidth) {
      line = word;
      width = wordWidth;
    } else {
      const pieces = splitLongWord(word, maxWidth, measure);
      lines.push(...pieces.slice(0, -1));
      line = pieces.at(-1) ?? '';
      width = measure(line);
    }
  }
  lines.push(line);
  return lines;
}

/**
 * Lines of `text` no wider than `maxWidth`. Newlines in the text are kept (a blank line stays
 * blank); runs of spaces collapse to one. Always at least one line.
 */
export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
  const space = measure(' ');
  return text.split('\n').flatMap((paragraph) => wrapParagraph(paragraph, maxWidth, measure, space));
}
