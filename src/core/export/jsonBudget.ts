// JSON from outside (an export file, a record of a backup or package, a file header) is checked
// for size and nesting before JSON.parse sees it: parsing allocates for every value at once, and
// code that walks the result (validation, canonical JSON, hashing) recurses once per level, so
// a few kilobytes of "[[[[..." could otherwise overflow the stack somewhere far from the reader.

/**
 * Deepest nesting any Daybook JSON needs, with room to spare: an export document reaches a
 * revision's content at about six levels, and that content is itself capped at 32
 * (EXPORT_LIMITS.contentDepth); a backup record's is shallower.
 */
export const MAX_JSON_DEPTH = 64;

export type JsonRefusal = 'too-large' | 'too-deep' | 'not-json';

export type JsonReadResult = { ok: true; value: unknown } | { ok: false; reason: JsonRefusal };

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether arrays and objects in `text` nest deeper than `maxDepth`. One pass over the
 * characters, no allocation; brackets inside strings do not count. Text that is not JSON gives
 * some answer and is then refused by JSON.parse.
 */
export function jsonNestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

/**
 * JSON.parse behind two budgets: at most `maxChars` characters (checked first, on the length
 * alone) and at most `maxDepth` levels of nesting (checked before parsing). Never throws.
 */
export function parseJsonWithin(text: string, budget: { maxChars: number; maxDepth?: number }): JsonReadResult {
  if (text.length > budget.maxChars) return { ok: false, reason: 'too-large' };
  if (jsonNestsDeeperThan(text, budget.maxDepth ?? MAX_JSON_DEPTH)) return { ok: false, reason: 'too-deep' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'not-json' };
  }
}
