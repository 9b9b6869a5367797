// A version 2 content's salts as the diary holds them in memory once loaded: 16 bytes a field in
// one string, rather than an object of 32-character hex strings. At 50,000 incidents the hex
// strings were about a quarter of the JS heap (issue 18). Everything that reads a salt asks
// saltOf (fieldCommitments.ts), and JSON.stringify writes the same object of hex strings as
// always (toJSON), so what is stored, backed up or exported does not change.
//
// Workers are handed the hex form (wireContent): a structured clone keeps no class. One that is
// not converted fails to post (DataCloneError, see notCloneable) rather than reaching a worker as
// a plain object, where a chain check would take it for content that does not match its hash.

const SALT_BYTES = 16;
/** Most fields packed: far more than an incident or an order has; String.fromCharCode takes their codes as arguments. */
const MAX_FIELDS = 256;
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The value of a lowercase hex digit's char code, or -1. */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** Reused for every pack: one array of char codes, not one per content. */
const CODES: number[] = new Array<number>(MAX_FIELDS * SALT_BYTES).fill(0);

/** Held by every PackedSalts: a function cannot be structured-cloned, so posting one throws. */
function notCloneable(): void {}

export class PackedSalts {
  private readonly notCloneable = notCloneable;

  private constructor(
    /** The body's fields, in its key order: the salts are in the same order. Shared between contents. */
    readonly fields: readonly string[],
    /** SALT_BYTES characters (codes 0 to 255) a field. */
    private readonly bytes: string,
  ) {}

  /**
   * `salts` packed, when it is exactly one well-formed salt (32 lowercase hex) for each of
   * `fields`, in that order, and nothing else; null otherwise, and the caller keeps the object.
   */
  static pack(salts: unknown, fields: readonly string[]): PackedSalts | null {
    if (typeof salts !== 'object' || salts === null || Object.getPrototypeOf(salts) !== Object.prototype) return null;
    const keys = Object.keys(salts);
    const count = fields.length;
    if (keys.length !== count || count > MAX_FIELDS || Object.getOwnPropertySymbols(salts).length > 0) return null;
    try {
      for (let i = 0; i < count; i += 1) {
        const field = fields[i] as string;
        // In the body's order, so a salt is found by its field's place.
        if (keys[i] !== field) return null;
        // An accessor reads as absent to every check of salts (own() in fieldCommitments.ts): not packed, and not called.
        const descriptor = Object.getOwnPropertyDescriptor(salts, field);
        const hex: unknown = descriptor && 'value' in descriptor ? descriptor.value : undefined;
        if (typeof hex !== 'string' || hex.length !== SALT_BYTES * 2) return null;
        for (let at = 0; at < SALT_BYTES; at += 1) {
          const high = hexValue(hex.charCodeAt(2 * at));
          const low = hexValue(hex.charCodeAt(2 * at + 1));
          // Lowercase hex only, as isSaltHex asks.
          if (high < 0 || low < 0) return null;
          CODES[i * SALT_BYTES + at] = high * 16 + low;
        }
      }
      return new PackedSalts(fields, String.fromCharCode.apply(null, CODES.slice(0, count * SALT_BYTES)));
    } finally {
      // Nothing of one content's salts stays behind in the shared array (after a lock, say).
      CODES.fill(0, 0, count * SALT_BYTES);
    }
  }

  /** The salt of `field` as 32 lowercase hex, or undefined for a field it has none for. */
  saltOf(field: string): string | undefined {
    const at = this.fields.indexOf(field);
    return at < 0 ? undefined : this.saltAt(at);
  }

  /** The salts as stored: an object of 32-character hex strings, in the body's key order. */
  toJSON(): Record<string, string> {
    // fromEntries, not assignment: a field named "__proto__" must stay a field.
    return Object.fromEntries(this.fields.map((field, at) => [field, this.saltAt(at)]));
  }

  private saltAt(at: number): string {
    let hex = '';
    for (let i = at * SALT_BYTES; i < (at + 1) * SALT_BYTES; i += 1) hex += BYTE_HEX[this.bytes.charCodeAt(i)] as string;
    return hex;
  }
}
