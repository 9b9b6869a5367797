import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { asBufferSource, base64ToBytes, bytesEqual, bytesToBase64, utf8Decode, utf8Encode } from '../../../src/core/crypto/encoding';
import { expectSameBytes } from './helpers';

describe('base64', () => {
  it('matches RFC 4648 section 10 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, base64] of vectors) {
      expect(bytesToBase64(utf8Encode(text))).toBe(base64);
      expect(utf8Decode(base64ToBytes(base64))).toBe(text);
      expect(utf8Decode(base64ToBytes(base64.replace(/=+$/, '')))).toBe(text); // padding optional
    }
  });

  it('round-trips arbitrary bytes, including large inputs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
      }),
    );
    const large = new Uint8Array(65_536 * 3 + 1);
    for (let i = 0; i < large.length; i++) large[i] = (i * 131) >>> 3;
    expectSameBytes(base64ToBytes(bytesToBase64(large)), large);
  });

  it('rejects malformed input instead of misreading it', () => {
    for (const bad of ['Zm9v!', 'Zm9v YmFy', 'Zm-_', 'Z', 'Zm9vY', '=Zm9v', 'Zg===']) {
      expect(() => base64ToBytes(bad), bad).toThrow(RangeError);
    }
  });
});

describe('utf8', () => {
  it('round-trips any string of code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(utf8Decode(utf8Encode(text))).toBe(text);
      }),
    );
  });

  it('refuses invalid UTF-8 rather than substituting characters', () => {
    expect(() => utf8Decode(new Uint8Array([0xc3, 0x28]))).toThrow();
  });
});

describe('bytesEqual', () => {
  it('compares content and length', () => {
    expect(bytesEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(bytesEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
    expect(bytesEqual(new Uint8Array(), new Uint8Array())).toBe(true);
  });
});

describe('asBufferSource', () => {
  it('keeps ArrayBuffer-backed views and copies others', () => {
    const plain = new Uint8Array([1, 2]);
    expect(asBufferSource(plain)).toBe(plain);
    const shared = new Uint8Array(new SharedArrayBuffer(2));
    shared[0] = 9;
    const copy = asBufferSource(shared);
    expect(copy).not.toBe(shared);
    expect(copy.buffer).toBeInstanceOf(ArrayBuffer);
    expect(Array.from(copy)).toEqual([9, 0]);
  });
});
