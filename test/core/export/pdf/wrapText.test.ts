import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrapText } from '../../../../src/core/export/pdf/wrapText';

/** Every character one unit wide, so widths are easy to reason about. */
const unit = (text: string) => [...text].length;

describe('wrapText', () => {
  it('breaks at spaces, filling each line as far as it goes', () => {
    expect(wrapText('the cat sat on the mat', 7, unit)).toEqual(['the cat', 'sat on', 'the mat']);
  });

  it('keeps the newlines of the text, blank lines included', () => {
    expect(wrapText('one\n\ntwo', 10, unit)).toEqual(['one', '', 'two']);
  });

  it('cuts a word longer than a line between characters', () => {
    expect(wrapText('see https://example.com/abcdef now', 8, unit)).toEqual(['see', 'https://', 'example.', 'com/abcd', 'ef now']);
  });

  it('never splits a character made of two UTF-16 units', () => {
    expect(wrapText('😀😀😀', 2, unit)).toEqual(['😀😀', '😀']);
  });

  it('gives one empty line for empty text', () => {
    expect(wrapText('', 10, unit)).toEqual(['']);
  });

  it('keeps every word, in order, and no line is wider than allowed unless it is one character', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'ŵ', ' ', '\n', '😀') }), fc.integer({ min: 1, max: 12 }), (text, width) => {
        const lines = wrapText(text, width, unit);
        for (const line of lines) expect(unit(line) <= width || unit(line) === 1).toBe(true);
        const words = (s: string) => s.split(/\s+/).filter((w) => w !== '');
        // Words cut across lines come back whole when the pieces are joined.
        expect(lines.join('').replace(/\s+/g, '')).toBe(words(text).join(''));
        expect(lines.length).toBeGreaterThanOrEqual(text.split('\n').length);
      }),
    );
  });
});
