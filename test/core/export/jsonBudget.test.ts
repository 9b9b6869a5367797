import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPORT_LIMITS, parseExportDocument } from '../../../src/core/export/exportJson';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH, parseJsonWithin } from '../../../src/core/export/jsonBudget';

/** The nesting JSON.parse would build from `value`. */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
}

describe('jsonNestsDeeperThan', () => {
  it('agrees with the depth of any JSON value, brackets inside strings not counted', () => {
    fc.assert(
      fc.property(fc.jsonValue({ depthSize: 'large', maxDepth: 12 }), fc.integer({ min: 0, max: 14 }), (value, limit) => {
        const text = JSON.stringify(value);
        expect(jsonNestsDeeperThan(text, limit)).toBe(depthOf(value) > limit);
      }),
      { numRuns: 500 },
    );
  });

  it('ignores brackets and escaped quotes inside strings', () => {
    expect(jsonNestsDeeperThan(JSON.stringify({ a: '[[[[{{{{\\"[[[[' }), 1)).toBe(false);
    expect(jsonNestsDeeperThan(JSON.stringify(['"\\', '[[[']), 1)).toBe(false);
  });
});

describe('parseJsonWithin', () => {
  it('refuses on length alone before scanning or parsing', () => {
    // repeat() makes a rope: cheap unless something reads it.
    expect(parseJsonWithin(' '.repeat(1_000_001), { maxChars: 1_000_000 })).toEqual({ ok: false, reason: 'too-large' });
  });

  it('refuses deep nesting of any size without throwing', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_JSON_DEPTH + 1, max: 500_000 }), fc.constantFrom('[', '{"a":'), (depth, open) => {
        const close = open === '[' ? ']' : '}';
        const text = `${open.repeat(depth)}${open === '[' ? '' : '0'}${close.repeat(depth)}`;
        expect(parseJsonWithin(text, { maxChars: 10_000_000 })).toEqual({ ok: false, reason: 'too-deep' });
      }),
      { numRuns: 30 },
    );
  });

  it('parses anything within both budgets exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 10 }), (value) => {
        const text = JSON.stringify(value);
        expect(parseJsonWithin(text, { maxChars: text.length })).toEqual({ ok: true, value: JSON.parse(text) as unknown });
      }),
    );
  });
});

describe('the JSON export reader', () => {
  it('refuses oversized text as too-large and deeply nested text as invalid, never throwing', () => {
    expect(parseExportDocument(' '.repeat(EXPORT_LIMITS.jsonChars + 1))).toMatchObject({ ok: false, code: 'too-large' });
    fc.assert(
      fc.property(
        fc.integer({ min: MAX_JSON_DEPTH, max: 200_000 }),
        fc.constantFrom('chain', 'entries', 'scope', 'checklists'),
        (depth, field) => {
          const text = `{"format":"daybook-export","version":2,"${field}":${'['.repeat(depth)}${']'.repeat(depth)}}`;
          expect(parseExportDocument(text)).toEqual({ ok: false, code: 'invalid', detail: 'file: nested too deeply' });
        },
      ),
      { numRuns: 30 },
    );
  });
});
