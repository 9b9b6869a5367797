import { describe, it, expect } from 'vitest';
import { argon2idBytes } from '../../../src/core/crypto/argon2id';
import { DEFAULT_KDF_COST, deriveKeyEncryptionKey, KDF_LIMITS, newKdfParams, SALT_BYTES } from '../../../src/core/crypto/kdf';
import type { KdfParams } from '../../../src/core/crypto/kdf';
import { base64ToBytes, utf8Encode } from '../../../src/core/crypto/encoding';
import { UnsupportedVaultError } from '../../../src/core/crypto/errors';
import { bytesToHex, expectRejection, FAST_COST, newAesKey } from './helpers';

// Argon2id (version 0x13) vectors from the reference implementation's test
// suite: P-H-C/phc-winner-argon2, src/test.c, section "Test Argon2id version
// number", password "password", salt "somesalt", 32-byte output. Each hex value
// was checked against the base64 hash in the same line's PHC string.
const ARGON2ID_REFERENCE_VECTORS = [
  { t: 2, mKiB: 256, p: 1, hex: '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe' },
  { t: 2, mKiB: 256, p: 2, hex: '6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037' },
  { t: 2, mKiB: 65536, p: 1, hex: '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7' },
];

describe('Argon2id known answers (phc-winner-argon2 src/test.c)', () => {
  for (const v of ARGON2ID_REFERENCE_VECTORS) {
    it(`m=${v.mKiB} KiB, t=${v.t}, p=${v.p}`, async () => {
      const output = await argon2idBytes(
        utf8Encode('password'),
        utf8Encode('somesalt'),
        { memoryKiB: v.mKiB, iterations: v.t, parallelism: v.p },
        32,
      );
      expect(bytesToHex(output)).toBe(v.hex);
    });
  }
});

/** A KEK imported from raw bytes with the extra power to wrap a test key, to compare KEKs. */
async function kekFromRaw(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['wrapKey', 'unwrapKey']);
}

/** True if `a` and `b` are the same AES key: what one wraps, the other unwraps. */
async function sameKek(a: CryptoKey, b: CryptoKey): Promise<boolean> {
  const payload = await newAesKey(true);
  const iv = new Uint8Array(12);
  const wrapped = await crypto.subtle.wrapKey('raw', payload, a, { name: 'AES-GCM', iv });
  try {
    await crypto.subtle.unwrapKey('raw', wrapped, b, { name: 'AES-GCM', iv }, 'AES-GCM', false, ['encrypt']);
    return true;
  } catch {
    return false;
  }
}

describe('deriveKeyEncryptionKey', () => {
  it('is Argon2id over the UTF-8 passphrase and the salt from the params', async () => {
    const params = newKdfParams(FAST_COST);
    const kek = await deriveKeyEncryptionKey('correct horse', params);
    const raw = await argon2idBytes(utf8Encode('correct horse'), base64ToBytes(params.salt), FAST_COST, 32);
    expect(await sameKek(kek, await kekFromRaw(new Uint8Array(raw)))).toBe(true);
  });

  it('yields a non-extractable key that can only wrap and unwrap', async () => {
    const kek = await deriveKeyEncryptionKey('pw', newKdfParams(FAST_COST));
    expect(kek.extractable).toBe(false);
    expect([...kek.usages].sort()).toEqual(['unwrapKey', 'wrapKey']);
    expect(kek.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', kek)).rejects.toThrow();
  });

  it('normalises the passphrase to NFC (composed and decomposed accents agree)', async () => {
    const params = newKdfParams(FAST_COST);
    const composed = 'caf\u00e9 ma\u00f1ana';
    const decomposed = 'cafe\u0301 man\u0303ana';
    expect(composed).not.toBe(decomposed);
    const a = await deriveKeyEncryptionKey(composed, params);
    const b = await deriveKeyEncryptionKey(decomposed, params);
    expect(await sameKek(a, b)).toBe(true);
  });

  it('depends on passphrase and salt', async () => {
    const params = newKdfParams(FAST_COST);
    const base = await deriveKeyEncryptionKey('one', params);
    expect(await sameKek(base, await deriveKeyEncryptionKey('two', params))).toBe(false);
    expect(await sameKek(base, await deriveKeyEncryptionKey('one', newKdfParams(FAST_COST)))).toBe(false);
  });

  it('rejects parameters outside the accepted range with UnsupportedVaultError', async () => {
    const good = newKdfParams(FAST_COST);
    const bad: unknown[] = [
      { ...good, algorithm: 'scrypt' },
      { ...good, memoryKiB: KDF_LIMITS.minMemoryKiB - 1 },
      { ...good, memoryKiB: KDF_LIMITS.maxMemoryKiB + 1 },
      { ...good, memoryKiB: 8192.5 },
      { ...good, iterations: 0 },
      { ...good, iterations: 21 },
      { ...good, parallelism: 0 },
      { ...good, parallelism: 5 },
      { ...good, iterations: '3' },
      { ...good, salt: 'AAAA' }, // 3 bytes
      { ...good, salt: 'not base64!' },
      { ...good, salt: undefined },
      null,
    ];
    for (const params of bad) {
      await expectRejection(deriveKeyEncryptionKey('pw', params as KdfParams), UnsupportedVaultError);
    }
    expect(() => newKdfParams({ memoryKiB: 1024, iterations: 1, parallelism: 1 })).toThrow(UnsupportedVaultError);
  });
});

describe('newKdfParams', () => {
  it('defaults to the design cost with a fresh 16-byte salt each time', () => {
    const a = newKdfParams();
    const b = newKdfParams();
    expect(a).toMatchObject({ algorithm: 'argon2id', ...DEFAULT_KDF_COST });
    expect(DEFAULT_KDF_COST).toEqual({ memoryKiB: 65536, iterations: 3, parallelism: 1 });
    expect(base64ToBytes(a.salt)).toHaveLength(SALT_BYTES);
    expect(a.salt).not.toBe(b.salt);
  });
});

describe('default cost', () => {
  it('derives a key at m = 64 MiB, t = 3, p = 1', async () => {
    // The cost itself is pinned above (DEFAULT_KDF_COST); its time is for `npm run bench`.
    const kek = await deriveKeyEncryptionKey('a real passphrase', newKdfParams());
    expect(kek.type).toBe('secret');
  });
});
