import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  deriveRecoveryKeyEncryptionKey,
  formatRecoveryKey,
  generateRecoveryKey,
  parseRecoveryKey,
  RECOVERY_KEY_BYTES,
} from '../../../src/core/crypto/recoveryKey';
import { InvalidRecoveryKeyFormatError } from '../../../src/core/crypto/errors';
import { hexToBytes, newAesKey } from './helpers';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KEY_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/;

/** Independent reference: the bytes as one big integer written in base 32. */
function referenceCrockford(bytes: Uint8Array): string {
  let n = 0n;
  for (const byte of bytes) n = (n << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < 32; i++) {
    out = CROCKFORD.charAt(Number(n & 31n)) + out;
    n >>= 5n;
  }
  return out.replace(/(.{4})(?!$)/g, '$1-');
}

describe('recovery key format', () => {
  it('is 160 random bits as 8 groups of 4 Crockford base32 characters', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const key = generateRecoveryKey();
      expect(key).toMatch(KEY_SHAPE);
      keys.add(key);
    }
    expect(keys.size).toBe(200);
  });

  it('encodes like a big-endian base-32 number', () => {
    expect(formatRecoveryKey(new Uint8Array(20))).toBe('0000-0000-0000-0000-0000-0000-0000-0000');
    expect(formatRecoveryKey(new Uint8Array(20).fill(0xff))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    // 0x0842108421... is 00001 repeated: every 5-bit symbol is 1.
    expect(formatRecoveryKey(hexToBytes('0842108421084210842108421084210842108421'))).toBe('1111-1111-1111-1111-1111-1111-1111-1111');
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (bytes) => {
        expect(formatRecoveryKey(bytes)).toBe(referenceCrockford(bytes));
        expect(parseRecoveryKey(formatRecoveryKey(bytes))).toEqual(bytes);
      }),
    );
  });

  it('parses generously: case, spaces, missing or odd hyphens, O for 0, I and L for 1', () => {
    const bytes = parseRecoveryKey('0000-1111-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01');
    const variants = [
      '0000111 1ABCDEFGHJKMNPQRSTVWXYZ01',
      'oooo-iiii-abcd-efgh-jkmn-pqrs-tvwx-yzo1',
      '  OOOO LLLL abcd efgh jkmn pqrs tvwx yz0l  ',
      '0000\u20131111\u2014ABCD\u2010EFGH\u2212JKMN-PQRS-TVWX-YZ01', // auto-corrected dashes
      '\uff10\uff10\uff10\uff10-1111-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01', // full-width digits
      '0000-1111-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01\n',
    ];
    for (const text of variants) expect(parseRecoveryKey(text), text).toEqual(bytes);
    expect(bytes).toHaveLength(RECOVERY_KEY_BYTES);
  });

  it('rejects the wrong length or characters with InvalidRecoveryKeyFormatError', () => {
    const valid = generateRecoveryKey();
    const bad = [
      '',
      valid.slice(0, -1),
      `${valid}0`,
      valid.replace(/.$/, 'U'), // U is not in Crockford's alphabet
      valid.replace(/.$/, '!'),
      valid.replace(/.$/, '\u00e9'),
      'correct horse battery staple',
    ];
    for (const text of bad) expect(() => parseRecoveryKey(text), text).toThrow(InvalidRecoveryKeyFormatError);
  });
});

describe('deriveRecoveryKeyEncryptionKey', () => {
  async function roundTrips(wrapper: CryptoKey, unwrapper: CryptoKey): Promise<boolean> {
    const iv = new Uint8Array(12);
    const wrapped = await crypto.subtle.wrapKey('raw', await newAesKey(true), wrapper, { name: 'AES-GCM', iv });
    return crypto.subtle.unwrapKey('raw', wrapped, unwrapper, { name: 'AES-GCM', iv }, 'AES-GCM', false, ['encrypt']).then(
      () => true,
      () => false,
    );
  }

  it('is deterministic, salt-dependent, and non-extractable', async () => {
    const keyBytes = parseRecoveryKey(generateRecoveryKey());
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const a = await deriveRecoveryKeyEncryptionKey(keyBytes, salt);
    const b = await deriveRecoveryKeyEncryptionKey(keyBytes, salt);
    const otherSalt = await deriveRecoveryKeyEncryptionKey(keyBytes, crypto.getRandomValues(new Uint8Array(16)));
    const otherKey = await deriveRecoveryKeyEncryptionKey(parseRecoveryKey(generateRecoveryKey()), salt);
    expect(await roundTrips(a, b)).toBe(true);
    expect(await roundTrips(a, otherSalt)).toBe(false);
    expect(await roundTrips(a, otherKey)).toBe(false);
    expect(a.extractable).toBe(false);
    expect([...a.usages].sort()).toEqual(['unwrapKey', 'wrapKey']);
  });

  it('is HKDF-SHA-256 with info "daybook/recovery-kek/v1"', async () => {
    const keyBytes = crypto.getRandomValues(new Uint8Array(20));
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const base = await crypto.subtle.importKey('raw', keyBytes, 'HKDF', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits(
      { name: 'HKDF', hash: 'SHA-256', salt, info: new TextEncoder().encode('daybook/recovery-kek/v1') },
      base,
      256,
    );
    const expected = await crypto.subtle.importKey('raw', bits, 'AES-GCM', false, ['wrapKey', 'unwrapKey']);
    expect(await roundTrips(await deriveRecoveryKeyEncryptionKey(keyBytes, salt), expected)).toBe(true);
  });
});
