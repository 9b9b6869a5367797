// One encrypted value per IndexedDB row. The additional data binds the
// ciphertext to its table and id, so a row copied to another id or table
// fails authentication instead of showing up as someone else's entry.
//
// Version 2 records hold their JSON deflated (deflate.ts), for tables whose rows are large (the
// packs: reading their bytes is most of what opening a large diary costs). The version is bound
// in the additional data too, so a record relabelled from one version to the other fails
// authentication rather than being read the other way. Compressing before encrypting lets a
// row's size reflect how repetitive its text is, where before it reflected only its length
// (docs/threat-model.md says what that tells someone with copies of the database).

import { decryptBytes, encryptBytes } from './aead';
import { canDeflate, deflateWithLength, InflateError, inflateWithLength } from './deflate';
import { isBytes, utf8Decode, utf8Encode } from './encoding';
import { DecryptionError, UnsupportedVaultError } from './errors';

/** Binary fields so IndexedDB stores raw bytes, not base64 text. */
export interface EncryptedRecord {
  /** 1: the JSON as UTF-8; 2: the same deflated, after 4 bytes stating its length undeflated (deflate.ts). */
  v: 1 | 2;
  iv: Uint8Array;
  data: Uint8Array;
}

const RECORD_CONTEXTS = { 1: 'daybook/record/v1', 2: 'daybook/record/v2-deflate' } as const;

function assertNoSeparator(name: string, value: string): void {
  // NUL separates the fields of the additional data; allowing it inside a
  // field would let two different (table, id) pairs produce the same bytes.
  if (value.includes('\0')) throw new TypeError(`${name} must not contain NUL`);
}

function recordAdditionalData(version: EncryptedRecord['v'], table: string, id: string): Uint8Array<ArrayBuffer> {
  assertNoSeparator('table', table);
  assertNoSeparator('id', id);
  return utf8Encode(`${RECORD_CONTEXTS[version]}\0${table}\0${id}`);
}

export interface RecordWriting {
  /** Deflate the JSON first (version 2), where the engine can and the JSON is within the budget. */
  compress?: boolean;
}

/** JSON-serialises `value` and encrypts it under a fresh IV. */
export async function encryptRecord(
  key: CryptoKey,
  table: string,
  id: string,
  value: unknown,
  writing: RecordWriting = {},
): Promise<EncryptedRecord> {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new TypeError('Value is not JSON-serialisable');
  const bytes = utf8Encode(json);
  const deflated = writing.compress && canDeflate() ? await deflateWithLength(bytes) : null;
  const v = deflated ? 2 : 1;
  const { iv, data } = await encryptBytes(key, deflated ?? bytes, recordAdditionalData(v, table, id));
  return { v, iv, data };
}

async function inflated(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  if (!canDeflate()) throw new UnsupportedVaultError('this browser cannot read compressed records');
  try {
    return await inflateWithLength(bytes);
  } catch (cause) {
    // Unreachable unless the writer was buggy, or someone holding the key wrote it: authenticated bytes that do not inflate.
    if (cause instanceof InflateError) throw new DecryptionError('record does not inflate', { cause });
    throw cause;
  }
}

/**
 * A record's plaintext: decrypted, and inflated if it was written compressed. Throws as
 * decryptRecord does. Its own buffer, which the caller may transfer.
 */
export async function openRecordBytes(
  key: CryptoKey,
  table: string,
  id: string,
  record: EncryptedRecord,
): Promise<Uint8Array<ArrayBuffer>> {
  if (record.v !== 1 && record.v !== 2) throw new UnsupportedVaultError('unknown record version');
  if (!isBytes(record.iv) || !isBytes(record.data)) {
    throw new DecryptionError('record is malformed');
  }
  const opened = await decryptBytes(key, record.iv, record.data, recordAdditionalData(record.v, table, id));
  return record.v === 2 ? await inflated(opened) : opened;
}

/** A record's plaintext (openRecordBytes) parsed. Throws DecryptionError for bytes that are not UTF-8 JSON. */
export function parseRecordBytes<T>(plaintext: Uint8Array): T {
  try {
    return JSON.parse(utf8Decode(plaintext)) as T;
  } catch (cause) {
    // Unreachable unless the writer was buggy, or someone holding the key wrote it: authenticated bytes that are not JSON.
    throw new DecryptionError('record is not valid JSON', { cause });
  }
}

/**
 * Decrypts and parses a record. Throws DecryptionError on any tampering, a
 * wrong key, or a record stored under another table or id. The result is
 * typed by the caller but not validated here: validate it in core/model.
 */
export async function decryptRecord<T>(key: CryptoKey, table: string, id: string, record: EncryptedRecord): Promise<T> {
  return parseRecordBytes<T>(await openRecordBytes(key, table, id, record));
}
