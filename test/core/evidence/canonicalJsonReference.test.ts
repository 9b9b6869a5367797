import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../../../src/core/evidence/canonicalJson';

// The implementation before the paths of errors were built only when an error names them (kept
// here as it was): the text of every value, and the class and message of every refusal, must not
// have changed, since links and commitments already stored were hashed with it.
const MAX_DEPTH = 256;

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const name: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'object';
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function write(value: unknown, path: string, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: non-finite number`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return writeContainer(value, path, ancestors);
    default:
      throw new TypeError(`${path}: cannot canonicalise ${typeof value}`);
  }
}

function writeContainer(value: object, path: string, ancestors: object[]): string {
  if (ancestors.includes(value)) throw new TypeError(`${path}: circular reference`);
  if (ancestors.length >= MAX_DEPTH) throw new RangeError(`${path}: nested deeper than ${MAX_DEPTH}`);
  const inner = [...ancestors, value];
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (let i = 0; i < value.length; i++) parts.push(write(value[i], `${path}[${i}]`, inner));
    return `[${parts.join(',')}]`;
  }
  if (!isPlainObject(value)) throw new TypeError(`${path}: cannot canonicalise ${describeValue(value)}`);
  if (Object.getOwnPropertySymbols(value).length > 0) throw new TypeError(`${path}: symbol keys`);
  const keys = Object.keys(value).sort(compareCodeUnits);
  const parts = keys.map((key) => `${JSON.stringify(key)}:${write(value[key], `${path}.${key}`, inner)}`);
  return `{${parts.join(',')}}`;
}

function reference(value: unknown): string {
  return write(value, '$', []);
}

/** What canonicalisation gives: its text, or the class and message of what it threw. */
function outcome(canonicalise: (value: unknown) => string, value: unknown): string {
  try {
    return `text ${canonicalise(value)}`;
  } catch (error) {
    return error instanceof Error ? `${error.constructor.name} ${error.message}` : 'a throw of no Error';
  }
}

/** Values canonicalJson refuses, put anywhere inside a JSON value. */
const refused = fc.constantFrom<unknown>(
  undefined,
  Number.NaN,
  Infinity,
  -Infinity,
  1n,
  () => 1,
  Symbol('s'),
  new Date(0),
  new Map(),
  new Uint8Array(2),
);

const values = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), refused, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('a', 'b', '__proto__', '0', '1')), tie('value'), {
    maxKeys: 4,
  }),
})).value;

/** `containers` arrays and objects nested in turn around 0. */
function nested(containers: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < containers; i++) value = i % 2 === 0 ? [value] : { k: value };
  return value;
}

describe('canonicalJson against the implementation it replaced', () => {
  it('accepts 256 containers nested and refuses 257, naming the same place', () => {
    expect(outcome(canonicalJson, nested(256))).toBe(outcome(reference, nested(256)));
    expect(outcome(canonicalJson, nested(256)).startsWith('text ')).toBe(true);
    expect(outcome(canonicalJson, nested(257))).toBe(outcome(reference, nested(257)));
    expect(outcome(canonicalJson, nested(257))).toMatch(/^RangeError \$(\[0\]\.k){128}: nested deeper than 256$/);
  });

  it('gives the same text, or the same refusal with the same message, for any value', () => {
    fc.assert(
      fc.property(values, (value) => {
        expect(outcome(canonicalJson, value)).toBe(outcome(reference, value));
      }),
      { numRuns: 2000 },
    );
  });

  it('names the same place for a cycle, a symbol key, a hole and nesting too deep', () => {
    const cyclic: Record<string, unknown> = { a: [1, { b: null }] };
    ((cyclic.a as unknown[])[1] as Record<string, unknown>).b = cyclic;
    const symbolKeyed = { list: [{ [Symbol('k')]: 1, x: 1 }] };
    // eslint-disable-next-line no-sparse-arrays
    const holed = { a: [1, , 3] };
    let deep: unknown = 0;
    for (let i = 0; i < 300; i++) deep = i % 2 === 0 ? [deep] : { k: deep };
    const repeated = { shared: [1], again: [] as unknown[] };
    repeated.again.push(repeated.shared);
    for (const value of [cyclic, symbolKeyed, holed, deep, repeated, { a: { b: [{ c: NaN }] } }]) {
      expect(outcome(canonicalJson, value)).toBe(outcome(reference, value));
    }
    expect(outcome(canonicalJson, cyclic)).toBe('TypeError $.a[1].b: circular reference');
    const selfHolding: unknown[] = [1];
    selfHolding.push(selfHolding);
    expect(outcome(canonicalJson, selfHolding)).toBe(outcome(reference, selfHolding));
    expect(outcome(canonicalJson, selfHolding)).toBe('TypeError $[1]: circular reference');
    expect(outcome(canonicalJson, { a: { b: [{ c: NaN }] } })).toBe('TypeError $.a.b[0].c: non-finite number');
  });
});
