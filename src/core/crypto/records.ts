// One encrypted value per IndexedDB row. The additional data binds the
// ciphertext to its table and id, so a row copied to another id or table
// fails authentication instead of showing up as someone else's entry.

import { decryptBytes, encryptBytes } from './aead';
import { isBytes, utf8Decode, utf8Encode } from './encoding';
import { DecryptionError, UnsupportedVaultError } from './errors';

/** Binary fields so IndexedDB stores raw bytes, not base64 text. */
export interface EncryptedRecord {
  v: 1;
  iv: Uint8Array;
  data: Uint8Array;
}

const RECORD_CONTEXT = 'daybook/record/v1';

function assertNoSeparator(name: string, value: string): void {
  // NUL separates the fields of the additional data; allowing it inside a
  // field would let two different (table, id) pairs produce the same bytes.
  if (value.includes('\0')) throw new TypeError(`${name} must not contain NUL`);
}

function recordAdditionalData(table: string, id: string): Uint8Array<ArrayBuffer> {
  assertNoSeparator('table', table);
  assertNoSeparator('id', id);
  return utf8Encode(`${RECORD_CONTEXT}\0${table}\0${id}`);
}

/** JSON-serialises `value` and encrypts it under a fresh IV. */
export async function encryptRecord(key: CryptoKey, table: string, id: string, value: unknown): Promise<EncryptedRecord> {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new TypeError('Value is not JSON-serialisable');
  const { iv, data } = await encryptBytes(key, utf8Encode(json), recordAdditionalData(table, id));
  return { v: 1, iv, data };
}

/**
 * Decrypts and parses a record. Throws DecryptionError on any tampering, a
 * wrong key, or a record stored under another table or id. The result is
 * typed by the caller but not validated here: validate it in core/model.
 */
export async function decryptRecord<T>(key: CryptoKey, table: string, id: string, record: EncryptedRecord): Promise<T> {
  if (record.v !== 1) throw new UnsupportedVaultError('unknown record version');
  if (!isBytes(record.iv) || !isBytes(record.data)) {
    throw new DecryptionError('record is malformed');
  }
  const plaintext = await decryptBytes(key, record.iv, record.data, recordAdditionalData(table, id));
  try {
    return JSON.parse(utf8Decode(plaintext)) as T;
  } catch (cause) {
    // Unreachable unless the writer was buggy: authenticated bytes that are not JSON.
    throw new DecryptionError('record is not valid JSON', { cause });
  }
}
