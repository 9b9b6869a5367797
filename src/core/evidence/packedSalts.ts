// A version 2 content's salts as the diary holds them in memory once loaded: 16 bytes a field in
// one string, rather than an object of 32-character hex strings. At 50,000 incidents the hex
// strings were about a quarter of the JS heap (issue 18). Everything that reads a salt asks
// saltOf (fieldCommitments.ts), and JSON.stringify writes the same object of hex strings as
// always (toJSON), so what is stored, backed up or exported does not change.
//
// Workers are handed the hex form (wireContent): a structured clone keeps no class. One that is
// not converted fails to post (DataCloneError, see notCloneable) rather than reaching a worker as
// a plain object, where a chain check would take it for content that does not match its hash.

import { isSaltHex } from './hex';

const SALT_BYTES = 16;
/** Most fields packed: far more than an incident or an order has; String.fromCharCode takes their codes as arguments. */
const MAX_FIELDS = 256;
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hexValue(code: number): number {
  // '0'-'9' and 'a'-'f' only: isSaltHex has checked every salt first.
  return code <= 57 ? code - 48 : code - 87;
}

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
    if (keys.length !== fields.length || fields.length > MAX_FIELDS || Object.getOwnPropertySymbols(salts).length > 0) return null;
    const codes: number[] = [];
    for (let i = 0; i < fields.length; i += 1) {
      const field = fields[i] as string;
      // In the body's order, so a salt is found by its field's place.
      if (keys[i] !== field) return null;
      const descriptor = Object.getOwnPropertyDescriptor(salts, field);
      const hex: unknown = descriptor && 'value' in descriptor ? descriptor.value : undefined;
      if (!isSaltHex(hex)) return null;
      for (let at = 0; at < SALT_BYTES * 2; at += 2) codes.push(hexValue(hex.charCodeAt(at)) * 16 + hexValue(hex.charCodeAt(at + 1)));
    }
    return new PackedSalts(fields, String.fromCharCode(...codes));
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
