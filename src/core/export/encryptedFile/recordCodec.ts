// Frame plaintexts: a record (payload flag, meta length, meta JSON, bytes) and
// the end marker (record count).

import { isBytes, utf8Decode, utf8Encode } from '../../crypto';
import { parseJsonWithin } from '../jsonBudget';
import { EncryptedFileError } from './errors';
import { END_PLAINTEXT_BYTES, MAX_RECORD_PLAINTEXT_BYTES, readU32, RECORD_PLAINTEXT_PREFIX_BYTES, U32_BYTES, writeU32 } from './format';

/** One entry of a file: JSON metadata and, optionally, binary data (such as an attachment chunk). */
export interface FileRecord {
  meta: Record<string, unknown>;
  bytes?: Uint8Array;
}

/** Distinguishes "no bytes" from "zero bytes", so both survive a round trip. */
const PayloadFlag = { none: 0, bytes: 1 } as const;

/**
 * An object JSON keeps whole: a plain object from any realm (its prototype is
 * a root prototype, or null). Maps, Dates and class instances are refused
 * rather than silently turned into something else.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** Throws TypeError for a malformed record and RangeError for one over the size cap. */
export function encodeRecordPlaintext(record: FileRecord): Uint8Array<ArrayBuffer> {
  if (typeof record !== 'object' || record === null) throw new TypeError('record must be an object');
  const { meta, bytes } = record;
  if (!isPlainObject(meta)) throw new TypeError('record meta must be a plain object');
  if (bytes !== undefined && !isBytes(bytes)) throw new TypeError('record bytes must be a Uint8Array');
  const json = JSON.stringify(meta) as string | undefined;
  if (json?.startsWith('{') !== true) throw new TypeError('record meta must serialise to a JSON object');
  const metaBytes = utf8Encode(json);
  const payloadLength = bytes?.length ?? 0;
  const total = RECORD_PLAINTEXT_PREFIX_BYTES + metaBytes.length + payloadLength;
  if (total > MAX_RECORD_PLAINTEXT_BYTES) {
    throw new RangeError(`record is ${total} bytes; the limit is ${MAX_RECORD_PLAINTEXT_BYTES}`);
  }
  const plaintext = new Uint8Array(total);
  plaintext[0] = bytes === undefined ? PayloadFlag.none : PayloadFlag.bytes;
  writeU32(plaintext, 1, metaBytes.length);
  plaintext.set(metaBytes, RECORD_PLAINTEXT_PREFIX_BYTES);
  if (bytes !== undefined) plaintext.set(bytes, RECORD_PLAINTEXT_PREFIX_BYTES + metaBytes.length);
  return plaintext;
}

function corrupt(detail: string, cause?: unknown): EncryptedFileError {
  return new EncryptedFileError('corrupt', detail, cause === undefined ? undefined : { cause });
}

/**
 * Authenticated bytes that do not decode mean a buggy or hostile writer that
 * held the key; they are still refused as 'corrupt'. `beforeParse` is told the
 * meta's length before its JSON is parsed, so a budget can refuse it first.
 */
export function decodeRecordPlaintext(plaintext: Uint8Array, beforeParse?: (metaBytes: number) => void): FileRecord {
  if (plaintext.length < RECORD_PLAINTEXT_PREFIX_BYTES) throw corrupt('record is too short');
  const flag = plaintext[0];
  if (flag !== PayloadFlag.none && flag !== PayloadFlag.bytes) throw corrupt('unknown record payload flag');
  const metaLength = readU32(plaintext, 1);
  const metaEnd = RECORD_PLAINTEXT_PREFIX_BYTES + metaLength;
  if (metaEnd > plaintext.length) throw corrupt('record meta length is out of range');
  if (flag === PayloadFlag.none && metaEnd !== plaintext.length) throw corrupt('unexpected bytes after record meta');
  beforeParse?.(metaLength);
  let text: string;
  try {
    text = utf8Decode(plaintext.subarray(RECORD_PLAINTEXT_PREFIX_BYTES, metaEnd));
  } catch (cause) {
    throw corrupt('record meta is not UTF-8', cause);
  }
  // Nesting is bounded before parsing: the readers of backups and packages walk meta recursively.
  const parsed = parseJsonWithin(text, { maxChars: MAX_RECORD_PLAINTEXT_BYTES });
  if (!parsed.ok) throw corrupt(`record meta is not JSON (${parsed.reason})`);
  const meta = parsed.value;
  if (!isPlainObject(meta)) throw corrupt('record meta is not a JSON object');
  return flag === PayloadFlag.bytes ? { meta, bytes: plaintext.slice(metaEnd) } : { meta };
}

export function encodeEndPlaintext(recordCount: number): Uint8Array<ArrayBuffer> {
  const plaintext = new Uint8Array(END_PLAINTEXT_BYTES);
  writeU32(plaintext, 0, recordCount);
  return plaintext;
}

export function decodeEndPlaintext(plaintext: Uint8Array): number {
  if (plaintext.length !== U32_BYTES) throw corrupt('end frame has the wrong length');
  return readU32(plaintext, 0);
}
