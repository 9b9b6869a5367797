// Deterministic JSON (RFC 8785 style) so that the same value always hashes to
// the same bytes, whichever device, browser or key order produced it.

/** Deeper than any record Daybook writes; stops hostile input exhausting the stack. */
const MAX_DEPTH = 256;

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const name: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'object';
}

// Sorting by UTF-16 code units is exactly what RFC 8785 asks for, and exactly
// what a plain `<` comparison of JS strings does (unlike localeCompare).
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Where a container sits in the value, as text only when an error names it: building the path of
 * every value written was a large share of checking a chain (thousands of small values).
 */
interface Place {
  readonly parent: Place | null;
  readonly key: string | number;
}

function pathOf(parent: Place | null, key: string | number | null): string {
  const keys: (string | number)[] = key === null ? [] : [key];
  for (let place = parent; place; place = place.parent) keys.push(place.key);
  let path = '$';
  for (let i = keys.length - 1; i >= 0; i--) {
    const step = keys[i];
    path += typeof step === 'number' ? `[${step}]` : `.${step}`;
  }
  return path;
}

/** `value` at `key` of the container at `parent` (null key: the whole value). `ancestors`: the containers above it, outermost first. */
function write(value: unknown, parent: Place | null, key: string | number | null, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // JSON.stringify would quietly turn NaN and Infinity into null.
      if (!Number.isFinite(value)) throw new TypeError(`${pathOf(parent, key)}: non-finite number`);
      // ECMAScript's shortest round-trip form; RFC 8785 adopts it (-0 becomes 0).
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return writeContainer(value, parent, key, ancestors);
    default:
      // undefined, function, symbol, bigint: no single JSON meaning.
      throw new TypeError(`${pathOf(parent, key)}: cannot canonicalise ${typeof value}`);
  }
}

function writeContainer(value: object, parent: Place | null, key: string | number | null, ancestors: object[]): string {
  if (ancestors.includes(value)) throw new TypeError(`${pathOf(parent, key)}: circular reference`);
  if (ancestors.length >= MAX_DEPTH) throw new RangeError(`${pathOf(parent, key)}: nested deeper than ${MAX_DEPTH}`);
  // The root has no key: its children's places start from the root itself.
  const place: Place | null = key === null ? null : { parent, key };
  // One stack for the whole walk, not a copy per container: what throws ends the walk anyway.
  ancestors.push(value);
  let text: string;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    // Index loop, not map(): holes must be visited and rejected as undefined.
    for (let i = 0; i < value.length; i++) parts.push(write(value[i], place, i, ancestors));
    text = `[${parts.join(',')}]`;
  } else {
    // Date, Map, class instances, typed arrays... would serialise lossily or
    // through toJSON(); the caller must convert them explicitly first.
    if (!isPlainObject(value)) throw new TypeError(`${pathOf(parent, key)}: cannot canonicalise ${describe(value)}`);
    if (Object.getOwnPropertySymbols(value).length > 0) throw new TypeError(`${pathOf(parent, key)}: symbol keys`);
    const keys = Object.keys(value).sort(compareCodeUnits);
    const parts = keys.map((name) => `${JSON.stringify(name)}:${write(value[name], place, name, ancestors)}`);
    text = `{${parts.join(',')}}`;
  }
  ancestors.pop();
  return text;
}

/**
 * Canonical JSON text of `value`: object keys sorted by UTF-16 code units, no
 * whitespace, strings and numbers in JSON.stringify's form, arrays in order.
 * Throws TypeError for anything without one unambiguous JSON form
 * (undefined, functions, NaN/Infinity, Date, Map, cycles...).
 */
export function canonicalJson(value: unknown): string {
  return write(value, null, null, []);
}
