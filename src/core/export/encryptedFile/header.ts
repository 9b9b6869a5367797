// The clear part of a file: magic, header length, header JSON. It holds what is
// needed to unlock the file (KDF parameters, wrapped key) and no user data.

import { assertValidKdfParams, base64ToBytes, bytesToBase64, utf8Decode, utf8Encode } from '../../crypto';
import { withinFileKdfBudget } from '../../crypto/kdfBudget';
import { parseJsonWithin } from '../jsonBudget';
import type { KdfParams, WrappedKey } from '../../crypto';
import { IV_BYTES } from '../../crypto/aead';
import { WRAPPED_KEY_BYTES } from '../../crypto/keyWrap';
import { readSlice } from './blobSlice';
import { EncryptedFileError } from './errors';
import {
  ENCRYPTED_FILE_KINDS,
  FILE_ID_BYTES,
  FORMAT_VERSION,
  HEADER_FORMAT,
  HEADER_PREFIX_BYTES,
  MAGIC,
  MAX_HEADER_JSON_BYTES,
  readU32,
  writeU32,
} from './format';
import type { EncryptedFileKind } from './format';

export interface FileHeader {
  kind: EncryptedFileKind;
  kdf: KdfParams;
  wrappedKey: WrappedKey;
  fileId: Uint8Array;
}

/** A header as read from a file, with the exact bytes the frames are bound to. */
export interface ReadHeader {
  header: FileHeader;
  /** Magic, length and header JSON: everything before the first frame. */
  headerBytes: Uint8Array<ArrayBuffer>;
}

/** The smallest JSON object, "{}". */
const MIN_HEADER_JSON_BYTES = 2;

const TOP_LEVEL_FIELDS = ['format', 'version', 'kind', 'fileId', 'kdf', 'wrappedKey'];
const KDF_FIELDS = ['algorithm', 'memoryKiB', 'iterations', 'parallelism', 'salt'];
const WRAPPED_KEY_FIELDS = ['iv', 'data'];

/** Magic, header length and header JSON, ready to be the start of a file. */
export function encodeHeader(header: FileHeader): Uint8Array<ArrayBuffer> {
  const json = utf8Encode(
    JSON.stringify({
      format: HEADER_FORMAT,
      version: FORMAT_VERSION,
      kind: header.kind,
      fileId: bytesToBase64(header.fileId),
      kdf: {
        algorithm: header.kdf.algorithm,
        memoryKiB: header.kdf.memoryKiB,
        iterations: header.kdf.iterations,
        parallelism: header.kdf.parallelism,
        salt: header.kdf.salt,
      },
      wrappedKey: { iv: bytesToBase64(header.wrappedKey.iv), data: bytesToBase64(header.wrappedKey.data) },
    }),
  );
  if (json.length > MAX_HEADER_JSON_BYTES) throw new RangeError('header is too large');
  const bytes = new Uint8Array(HEADER_PREFIX_BYTES + json.length);
  bytes.set(MAGIC, 0);
  writeU32(bytes, MAGIC.length, json.length);
  bytes.set(json, HEADER_PREFIX_BYTES);
  return bytes;
}

function startsLikeMagic(bytes: Uint8Array): boolean {
  const length = Math.min(bytes.length, MAGIC.length);
  for (let i = 0; i < length; i++) if (bytes[i] !== MAGIC[i]) return false;
  return true;
}

/**
 * Reads and validates the header with two small slices; the rest of the file
 * is not touched. Throws EncryptedFileError (or, on a bug, anything else:
 * callers convert that to 'corrupt').
 */
export async function readHeader(file: Blob): Promise<ReadHeader> {
  if (file.size === 0) throw new EncryptedFileError('not-daybook-file', 'the file is empty');
  const prefix = await readSlice(file, 0, Math.min(file.size, HEADER_PREFIX_BYTES));
  if (!startsLikeMagic(prefix)) throw new EncryptedFileError('not-daybook-file', 'no Daybook signature');
  // A non-empty prefix of the signature is our file cut short, not a foreign one.
  if (prefix.length < HEADER_PREFIX_BYTES) throw new EncryptedFileError('truncated', 'the header is cut short');
  const jsonLength = readU32(prefix, MAGIC.length);
  if (jsonLength < MIN_HEADER_JSON_BYTES || jsonLength > MAX_HEADER_JSON_BYTES) {
    throw new EncryptedFileError('corrupt', 'the header length is out of range');
  }
  if (file.size < HEADER_PREFIX_BYTES + jsonLength) throw new EncryptedFileError('truncated', 'the header is cut short');
  const json = await readSlice(file, HEADER_PREFIX_BYTES, HEADER_PREFIX_BYTES + jsonLength);
  const headerBytes = new Uint8Array(HEADER_PREFIX_BYTES + jsonLength);
  headerBytes.set(prefix, 0);
  headerBytes.set(json, HEADER_PREFIX_BYTES);
  return { header: parseHeaderJson(json), headerBytes };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function corrupt(detail: string, cause?: unknown): EncryptedFileError {
  return new EncryptedFileError('corrupt', detail, cause === undefined ? undefined : { cause });
}

/** Fields this version does not know come from a newer writer, not from damage. */
function assertOnlyKnownFields(value: Record<string, unknown>, known: readonly string[], where: string): void {
  for (const field of Object.keys(value)) {
    if (!known.includes(field)) throw new EncryptedFileError('newer-version', `unknown field ${where}${field}`);
  }
}

function objectField(value: Record<string, unknown>, field: string, known: readonly string[]): Record<string, unknown> {
  const child = value[field];
  if (!isJsonObject(child)) throw corrupt(`header field ${field} is missing`);
  assertOnlyKnownFields(child, known, `${field}.`);
  return child;
}

function base64Field(value: unknown, expectedBytes: number, field: string): Uint8Array<ArrayBuffer> {
  if (typeof value !== 'string') throw corrupt(`header field ${field} is missing`);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = base64ToBytes(value);
  } catch (cause) {
    throw corrupt(`header field ${field} is not base64`, cause);
  }
  if (bytes.length !== expectedBytes) throw corrupt(`header field ${field} has the wrong length`);
  return bytes;
}

function parseKind(value: unknown): EncryptedFileKind {
  if (typeof value !== 'string') throw corrupt('header field kind is missing');
  const kind = ENCRYPTED_FILE_KINDS.find((known) => known === value);
  // A kind this version has never heard of was added by a later version.
  if (kind === undefined) throw new EncryptedFileError('newer-version', 'unknown kind');
  return kind;
}

/**
 * Validates header JSON. The checks run in an order that gives the most
 * useful answer: foreign format, then newer version, then damage.
 */
export function parseHeaderJson(json: Uint8Array): FileHeader {
  let text: string;
  try {
    text = utf8Decode(json);
  } catch (cause) {
    throw corrupt('the header is not UTF-8', cause);
  }
  // The length was checked against MAX_HEADER_JSON_BYTES before the bytes were read.
  const parsed = parseJsonWithin(text, { maxChars: MAX_HEADER_JSON_BYTES });
  if (!parsed.ok) throw corrupt(`the header is not JSON (${parsed.reason})`);
  const { value } = parsed;
  if (!isJsonObject(value)) throw corrupt('the header is not a JSON object');
  if (value.format !== HEADER_FORMAT) throw new EncryptedFileError('not-daybook-file', 'unknown format name');
  const { version } = value;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw corrupt('invalid version');
  if (version > FORMAT_VERSION) throw new EncryptedFileError('newer-version', `version ${version}`);
  assertOnlyKnownFields(value, TOP_LEVEL_FIELDS, '');
  const kind = parseKind(value.kind);
  const kdf = objectField(value, 'kdf', KDF_FIELDS);
  try {
    assertValidKdfParams(kdf);
  } catch (cause) {
    // Out-of-range parameters are refused here, before they can size an allocation.
    throw corrupt('KDF parameters are invalid or out of range', cause);
  }
  // Within the format's range but more than Daybook ever writes: refused before the passphrase
  // is tried, so a crafted header cannot freeze or crash the device (see kdfBudget.ts).
  if (!withinFileKdfBudget(kdf)) throw new EncryptedFileError('kdf-too-costly', 'KDF cost over the budget for a file');
  const wrappedKey = objectField(value, 'wrappedKey', WRAPPED_KEY_FIELDS);
  return {
    kind,
    kdf: {
      algorithm: kdf.algorithm,
      memoryKiB: kdf.memoryKiB,
      iterations: kdf.iterations,
      parallelism: kdf.parallelism,
      salt: kdf.salt,
    },
    wrappedKey: {
      iv: base64Field(wrappedKey.iv, IV_BYTES, 'wrappedKey.iv'),
      data: base64Field(wrappedKey.data, WRAPPED_KEY_BYTES, 'wrappedKey.data'),
    },
    fileId: base64Field(value.fileId, FILE_ID_BYTES, 'fileId'),
  };
}
