import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../../../src/core/evidence/canonicalJson';

/** The same JSON value with every object's keys in a random order. */
function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, random));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [entries[i], entries[j]] = [entries[j] as [string, unknown], entries[i] as [string, unknown]];
  }
  const copy: Record<string, unknown> = {};
  // defineProperty, not assignment: a "__proto__" key must stay an own key.
  for (const [key, item] of entries) {
    Object.defineProperty(copy, key, { value: shuffleKeys(item, random), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

describe('canonicalJson: known outputs', () => {
  it('writes no whitespace and sorts object keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x', { z: 0, y: [] }], c: {} })).toBe('{"a":[true,null,"x",{"y":[],"z":0}],"b":1,"c":{}}');
  });

  it('sorts keys by UTF-16 code units, not by code point or locale', () => {
    // U+1F600 is the surrogate pair D83D DE00, so it sorts before U+FB33.
    const value = {
      '\u20ac': 'Euro',
      '\r': 'CR',
      '\ufb33': 'Hebrew',
      '1': 'One',
      '\ud83d\ude00': 'Smiley',
      '\u0080': 'Control',
      '\u00f6': 'Latin',
      a: 0,
      B: 0,
    };
    const order = ['\r', '1', 'B', 'a', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'] as const;
    // Built as text: parsing it back would let JS move the integer-like key '1' first.
    const expected = `{${order.map((key) => `${JSON.stringify(key)}:${JSON.stringify(value[key])}`).join(',')}}`;
    expect(canonicalJson(value)).toBe(expected);
  });

  it('writes numbers in their shortest round-trip form', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [1, '1'],
      [-1.5, '-1.5'],
      [4.5, '4.5'],
      [0.002, '0.002'],
      [1e-7, '1e-7'],
      [1e21, '1e+21'],
      [1e30, '1e+30'],
      [123456789012345680000, '123456789012345680000'],
      [Number.MAX_SAFE_INTEGER, '9007199254740991'],
      [Number.MIN_VALUE, '5e-324'],
      [0.1 + 0.2, '0.30000000000000004'],
    ];
    for (const [value, text] of cases) expect(canonicalJson(value)).toBe(text);
  });

  it('escapes strings exactly as JSON.stringify does', () => {
    expect(canonicalJson('a"b\\c\n\t\u0000\u001f\u007f/€')).toBe('"a\\"b\\\\c\\n\\t\\u0000\\u001f\u007f/€"');
    expect(canonicalJson({ 'k"ey': 'v' })).toBe('{"k\\"ey":"v"}');
  });

  it('keeps array order and accepts null-prototype objects', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 2;
    bare.a = 1;
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });

  it('keeps a "__proto__" own key (as JSON.parse creates it) like any other key', () => {
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"b":1}');
  });
});

describe('canonicalJson: rejects values without one JSON form', () => {
  class Point {
    x = 1;
  }
  const sparse: unknown[] = [1];
  sparse[2] = 3;
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;

  const rejected: [string, unknown][] = [
    ['undefined', undefined],
    ['an undefined property', { a: undefined }],
    ['undefined in an array', [undefined]],
    ['a hole in an array', sparse],
    ['a function', () => 1],
    ['an object with toJSON', { toJSON: () => 'x' }],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', { n: -Infinity }],
    ['a bigint', 1n],
    ['a symbol', Symbol('s')],
    ['a symbol key', { [Symbol('s')]: 1 }],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a Set', new Set()],
    ['a RegExp', /x/],
    ['a Uint8Array', new Uint8Array(1)],
    ['a class instance', new Point()],
    ['a boxed string', Object('x')],
    ['a cycle', cyclic],
  ];
  for (const [name, value] of rejected) {
    it(`throws TypeError for ${name}`, () => {
      expect(() => canonicalJson(value)).toThrow(TypeError);
    });
  }

  it('accepts a repeated (not circular) reference', () => {
    const shared = { a: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"a":1},{"a":1}]');
  });

  it('refuses absurd nesting with a RangeError instead of overflowing the stack', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(RangeError);
  });
});

describe('canonicalJson: properties', () => {
  it('is a fixed point: canonical(parse(canonical(x))) === canonical(x)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('produces valid JSON that parses back to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // toEqual treats -0 and 0 as different; JSON has only one zero.
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        let state = seed;
        const random = (): number => {
          state = (Math.imul(state, 1103515245) + 12345) | 0;
          return ((state >>> 8) & 0xffff) / 0x10000;
        };
        expect(canonicalJson(shuffleKeys(value, random))).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });
});
