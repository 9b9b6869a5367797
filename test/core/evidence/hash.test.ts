import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { contentHash, sha256Hex } from '../../../src/core/evidence/hash';
import { bytesToHex, hexToBytes, isSaltHex, isSha256Hex } from '../../../src/core/evidence/hex';
import { newRevisionContent, revisionContentHash } from '../../../src/core/evidence/fieldCommitments';

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 examples', async () => {
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('hashes strings as UTF-8 and bytes as they are, like node:crypto', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), fc.uint8Array({ maxLength: 300 }), async (text, bytes) => {
        expect(await sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
        expect(await sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 100 },
    );
  });

  it('accepts a view into a larger buffer and hashes only the view', async () => {
    const whole = new Uint8Array([0, 97, 98, 99, 0]);
    expect(await sha256Hex(whole.subarray(1, 4))).toBe(await sha256Hex('abc'));
  });
});

describe('contentHash', () => {
  it('is the SHA-256 of the canonical JSON', async () => {
    expect(await contentHash({ b: [1, 'x'], a: null })).toBe(await sha256Hex('{"a":null,"b":[1,"x"]}'));
  });

  it('ignores key order and rejects values canonicalJson refuses', async () => {
    expect(await contentHash({ a: 1, b: 2 })).toBe(await contentHash({ b: 2, a: 1 }));
    await expect(contentHash({ when: new Date(0) })).rejects.toThrow(TypeError);
  });
});

describe('revision content salt', () => {
  it('gives the same body a different hash every time, with a fresh salt per field', async () => {
    const body = { whatHappened: 'he was outside at 10pm', where: 'home' };
    const first = newRevisionContent(body);
    const second = newRevisionContent(body);
    expect(first.v).toBe(2);
    expect(Object.keys(first.salts)).toEqual(['whatHappened', 'where']);
    for (const salt of Object.values(first.salts)) expect(salt).toMatch(/^[0-9a-f]{32}$/);
    expect(first.salts.whatHappened).not.toBe(first.salts.where);
    expect(first.salts.whatHappened).not.toBe(second.salts.whatHappened);
    expect(await revisionContentHash(first)).not.toBe(await revisionContentHash(second));
  });
});

describe('hex helpers', () => {
  it('writes lowercase, zero-padded hex and recognises SHA-256 digests', () => {
    expect(bytesToHex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe('0001abff');
    expect(isSha256Hex('a'.repeat(64))).toBe(true);
    expect(isSha256Hex('A'.repeat(64))).toBe(false);
    expect(isSha256Hex('a'.repeat(63))).toBe(false);
    expect(isSha256Hex(42)).toBe(false);
    expect(isSaltHex('0'.repeat(32))).toBe(true);
    expect(isSaltHex('0'.repeat(31))).toBe(false);
  });

  it('reads back exactly the lowercase hex it writes, and nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(hexToBytes(bytesToHex(bytes))).toEqual(bytes);
      }),
    );
    for (const bad of ['0', 'AB', 'zz', ' 00', 42, null]) expect(hexToBytes(bad)).toBeNull();
  });
});
