import { describe, it, expect } from 'vitest';
import { EncryptedFileError } from '../../../../src/core/export/encryptedFile';
import {
  decodeEndPlaintext,
  decodeRecordPlaintext,
  encodeEndPlaintext,
  encodeRecordPlaintext,
} from '../../../../src/core/export/encryptedFile/recordCodec';
import { bytesToHex, hexToBytes } from '../../crypto/helpers';

// Plaintexts that only a writer holding the key could produce (they pass
// authentication), so the reader must still refuse them rather than trust them.

function plaintext(flag: number, meta: string, bytes: number[] = [], metaLength?: number): Uint8Array<ArrayBuffer> {
  const metaBytes = new TextEncoder().encode(meta);
  const out = new Uint8Array(5 + metaBytes.length + bytes.length);
  out[0] = flag;
  new DataView(out.buffer).setUint32(1, metaLength ?? metaBytes.length);
  out.set(metaBytes, 5);
  out.set(bytes, 5 + metaBytes.length);
  return out;
}

function expectCorrupt(action: () => unknown): void {
  let error: unknown;
  try {
    action();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(EncryptedFileError);
  expect((error as EncryptedFileError).code).toBe('corrupt');
}

describe('record plaintext', () => {
  it('has the documented layout: flag, big-endian meta length, meta JSON, bytes', () => {
    expect(bytesToHex(encodeRecordPlaintext({ meta: { a: 1 }, bytes: Uint8Array.of(0xab) }))).toBe(
      '01' + '00000007' + bytesToHex(new TextEncoder().encode('{"a":1}')) + 'ab',
    );
    expect(bytesToHex(encodeRecordPlaintext({ meta: {} }))).toBe('00' + '00000002' + '7b7d');
    expect(bytesToHex(encodeRecordPlaintext({ meta: {}, bytes: new Uint8Array(0) }))).toBe('01' + '00000002' + '7b7d');
  });

  it('decodes what it encodes', () => {
    expect(decodeRecordPlaintext(plaintext(0, '{"x":[1]}'))).toEqual({ meta: { x: [1] } });
    expect(decodeRecordPlaintext(plaintext(1, '{}', [1, 2]))).toEqual({ meta: {}, bytes: Uint8Array.of(1, 2) });
  });

  const hostile: [string, Uint8Array][] = [
    ['shorter than its prefix', Uint8Array.of(0, 0, 0)],
    ['an unknown flag', plaintext(2, '{}')],
    ['a meta length past the end', plaintext(0, '{}', [], 3)],
    ['a huge meta length', plaintext(1, '{}', [], 0xffff_ffff)],
    ['bytes after meta without the bytes flag', plaintext(0, '{}', [7])],
    ['meta that is not JSON', plaintext(0, '{')],
    ['meta that is not UTF-8', hexToBytes('00' + '00000004' + '227f' + 'c328')],
    ['meta that is an array', plaintext(0, '[]')],
    ['meta that is null', plaintext(0, 'null')],
  ];
  for (const [name, bytes] of hostile) {
    it(`refuses a record with ${name} as corrupt`, () => {
      expectCorrupt(() => decodeRecordPlaintext(bytes));
    });
  }
});

describe('end plaintext', () => {
  it('is the record count as a big-endian u32', () => {
    expect(bytesToHex(encodeEndPlaintext(258))).toBe('00000102');
    expect(decodeEndPlaintext(hexToBytes('00000102'))).toBe(258);
  });

  it('refuses any other length as corrupt', () => {
    expectCorrupt(() => decodeEndPlaintext(hexToBytes('000001')));
    expectCorrupt(() => decodeEndPlaintext(hexToBytes('0000000100')));
  });
});
