import { describe, it, expect } from 'vitest';
import { decryptBytes, encryptBytes, encryptBytesWithIv, IV_BYTES } from '../../../src/core/crypto/aead';
import { bytesToBase64, utf8Encode } from '../../../src/core/crypto/encoding';
import { DecryptionError } from '../../../src/core/crypto/errors';
import { bytesToHex, expectRejection, flipBit, hexToBytes, newAesKey } from './helpers';

// Test Case 16 (AES-256, 96-bit IV, 20 bytes of AAD, 60-byte plaintext) from
// D. McGrew and J. Viega, "The Galois/Counter Mode of Operation (GCM)",
// submission to NIST, 2005, Appendix B. Also cross-checked here against
// Node's OpenSSL-backed node:crypto createCipheriv('aes-256-gcm').
const GCM_TEST_CASE_16 = {
  key: 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308',
  iv: 'cafebabefacedbaddecaf888',
  plaintext:
    'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' + '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
  aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
  ciphertext:
    '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' + '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662',
  tag: '76fc6ece0f4e1768cddf8853bb2d551b',
};

function importKatKey(): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', hexToBytes(GCM_TEST_CASE_16.key), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

describe('AES-256-GCM known answer (GCM spec test case 16)', () => {
  it('encrypts to the published ciphertext and tag', async () => {
    const v = GCM_TEST_CASE_16;
    const sealed = await encryptBytesWithIv(await importKatKey(), hexToBytes(v.iv), hexToBytes(v.plaintext), hexToBytes(v.aad));
    expect(bytesToHex(sealed.iv)).toBe(v.iv);
    expect(bytesToHex(sealed.data)).toBe(v.ciphertext + v.tag);
  });

  it('decrypts the published ciphertext and tag', async () => {
    const v = GCM_TEST_CASE_16;
    const plaintext = await decryptBytes(await importKatKey(), hexToBytes(v.iv), hexToBytes(v.ciphertext + v.tag), hexToBytes(v.aad));
    expect(bytesToHex(plaintext)).toBe(v.plaintext);
  });

  it('rejects the published vector under any single-bit change to IV, ciphertext, tag or AAD', async () => {
    const v = GCM_TEST_CASE_16;
    const key = await importKatKey();
    const iv = hexToBytes(v.iv);
    const data = hexToBytes(v.ciphertext + v.tag);
    const aad = hexToBytes(v.aad);
    const attempts: Promise<unknown>[] = [];
    for (let i = 0; i < data.length; i++) attempts.push(decryptBytes(key, iv, flipBit(data, i, i % 8), aad));
    for (let i = 0; i < iv.length; i++) for (let b = 0; b < 8; b++) attempts.push(decryptBytes(key, flipBit(iv, i, b), data, aad));
    for (let i = 0; i < aad.length; i++) attempts.push(decryptBytes(key, iv, data, flipBit(aad, i, 7)));
    // Every attempt gets its handler at once: awaited one by one, a later one could reject first
    // and be reported as unhandled on a busy machine.
    await Promise.all(attempts.map((attempt) => expectRejection(attempt, DecryptionError)));
  });
});

describe('encryptBytes / decryptBytes', () => {
  it('round-trips, including empty plaintext', async () => {
    const key = await newAesKey();
    for (const text of ['', 'x', 'the car was outside again at 22:10']) {
      const ad = utf8Encode('context');
      const { iv, data } = await encryptBytes(key, utf8Encode(text), ad);
      expect(iv).toHaveLength(IV_BYTES);
      expect(new TextDecoder().decode(await decryptBytes(key, iv, data, ad))).toBe(text);
    }
  });

  it('uses a fresh IV every time (1000 encryptions, no repeats)', async () => {
    const key = await newAesKey();
    const plaintext = utf8Encode('same plaintext');
    const ad = utf8Encode('ad');
    const ivs = new Set<string>();
    const ciphertexts = new Set<string>();
    const sealed = await Promise.all(Array.from({ length: 1000 }, () => encryptBytes(key, plaintext, ad)));
    for (const { iv, data } of sealed) {
      ivs.add(bytesToBase64(iv));
      ciphertexts.add(bytesToBase64(data));
    }
    expect(ivs.size).toBe(1000);
    expect(ciphertexts.size).toBe(1000);
  });

  it('fails with DecryptionError under the wrong key, a short IV, or a truncated ciphertext', async () => {
    const ad = utf8Encode('ad');
    const key = await newAesKey();
    const { iv, data } = await encryptBytes(key, utf8Encode('secret'), ad);
    await expectRejection(decryptBytes(await newAesKey(), iv, data, ad), DecryptionError);
    await expectRejection(decryptBytes(key, iv.subarray(0, 8), data, ad), DecryptionError);
    await expectRejection(decryptBytes(key, iv, data.subarray(0, 10), ad), DecryptionError);
    await expectRejection(decryptBytes(key, iv, data.subarray(0, data.length - 1), ad), DecryptionError);
  });

  it('refuses to encrypt with an IV that is not 96 bits', async () => {
    await expect(encryptBytesWithIv(await newAesKey(), new Uint8Array(16), new Uint8Array(1), new Uint8Array())).rejects.toThrow(
      RangeError,
    );
  });
});
