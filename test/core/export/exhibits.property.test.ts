// Properties of exhibit references: numbers unique and 1 to n, the same when worked out again, and
// whatever is typed as initials or carried as a file's name, never a file name with a path
// separator or a control character in it.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exhibitFileName, isExhibitInitials, numberExhibits, parseExhibitInitials } from '../../../src/core/export/exhibits';

/** Text of any kind: plain, full Unicode, and the characters that make file names dangerous. */
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('A', 'b', '/', '\\', '.', ':', '\n', '\u0000', '\u202E', '\u2215', '\uff0f', ' ', 'ß') }),
);

const initialsArb = fc.oneof(fc.stringMatching(/^[A-Za-z]{1,4}$/), anyText);

/** Separators, their look-alikes, controls, format characters (bidi overrides, zero-width) and lone surrogates. */
const UNSAFE = /[/\\\u2044\u2215\u2216\u29f5\u29f8\u29f9\ufe68\uff0f\uff3c\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

describe('exhibit references, for any input', () => {
  it('number any files uniquely, 1 to n in order, the same each time', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 40 }), fc.stringMatching(/^[A-Z]{1,4}$/), (ids, initials) => {
        const files = ids.map((id) => ({ id }));
        const numbered = numberExhibits(files, initials);
        const numbers = [...numbered.values()].map((e) => e.number);
        expect(numbers).toEqual(Array.from({ length: new Set(ids).size }, (_, i) => i + 1));
        expect(new Set([...numbered.values()].map((e) => e.reference)).size).toBe(numbered.size);
        for (const [id, exhibit] of numbered) {
          expect(exhibit.reference).toBe(`${initials}/${exhibit.number}`);
          // Its first appearance decides its number.
          expect(ids.indexOf(id)).toBe(ids.findIndex((other) => numbered.get(other)?.number === exhibit.number));
        }
        expect([...numberExhibits(files, initials)]).toEqual([...numbered]);
      }),
    );
  });

  it('never give a file name with a path separator or a control character, whatever the initials and name', () => {
    fc.assert(
      fc.property(initialsArb, anyText, fc.integer({ min: 1, max: 100_000 }), (typed, name, count) => {
        const parsed = parseExhibitInitials(typed);
        if (!parsed.ok || parsed.initials === null) return;
        expect(isExhibitInitials(parsed.initials)).toBe(true);
        const files = Array.from({ length: Math.min(count, 3) }, (_, i) => ({ id: String(i) }));
        for (const exhibit of numberExhibits(files, parsed.initials).values()) {
          const saved = exhibitFileName(exhibit, name);
          expect(saved).not.toMatch(UNSAFE);
          expect(saved.startsWith(`${exhibit.fileLabel} `)).toBe(true);
          expect(saved.trim()).toBe(saved);
        }
      }),
    );
  });

  it('accept as initials only 1 to 4 letters A to Z', () => {
    fc.assert(
      fc.property(initialsArb, (typed) => {
        const parsed = parseExhibitInitials(typed);
        if (parsed.ok && parsed.initials !== null) expect(parsed.initials).toMatch(/^[A-Z]{1,4}$/);
        if (parsed.ok && parsed.initials === null) expect(typed.trim()).toBe('');
      }),
    );
  });
});
