import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerpt } from '../../../src/core/model/excerpt';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('excerpt', () => {
  it('keeps short text whole, whitespace collapsed', () => {
    expect(excerpt('  He was\n\nat the  gate ')).toBe('He was at the gate');
    expect(excerpt('')).toBe('');
  });

  it('cuts long text at a word and marks the cut', () => {
    expect(excerpt('one two three four five six', 12)).toBe('one two…');
    expect(excerpt('x'.repeat(50), 10)).toBe(`${'x'.repeat(10)}…`);
    expect(excerpt(`a${' '.repeat(5000)}`, 10)).toBe('a');
    expect(excerpt('word '.repeat(30_000), 20)).toBe('word word word word…');
  });

  it('never exceeds the limit and never splits a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 1, max: 100 }), (text, max) => {
        fc.pre(!LONE_SURROGATE.test(text));
        const out = excerpt(text, max);
        expect(Array.from(out).length).toBeLessThanOrEqual(max + 1);
        expect(LONE_SURROGATE.test(out)).toBe(false);
      }),
    );
  });
});
