import { describe, it, expect } from 'vitest';
import {
  CryptoError,
  DecryptionError,
  InvalidRecoveryKeyFormatError,
  KdfUnavailableError,
  UnsupportedVaultError,
  WrongPassphraseError,
  WrongRecoveryKeyError,
  isCryptoError,
} from '../../../src/core/crypto/errors';

describe('crypto errors', () => {
  it('each carries a stable code and name the UI can rely on', () => {
    const cases: [CryptoError, string, string][] = [
      [new WrongPassphraseError(), 'crypto/wrong-passphrase', 'WrongPassphraseError'],
      [new WrongRecoveryKeyError(), 'crypto/wrong-recovery-key', 'WrongRecoveryKeyError'],
      [new DecryptionError(), 'crypto/decryption-failed', 'DecryptionError'],
      [new InvalidRecoveryKeyFormatError('x'), 'crypto/invalid-recovery-key-format', 'InvalidRecoveryKeyFormatError'],
      [new UnsupportedVaultError('x'), 'crypto/unsupported-vault', 'UnsupportedVaultError'],
      [new KdfUnavailableError('x'), 'crypto/kdf-unavailable', 'KdfUnavailableError'],
    ];
    for (const [error, code, name] of cases) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(CryptoError);
      expect(isCryptoError(error)).toBe(true);
      expect(error.code).toBe(code);
      expect(error.name).toBe(name);
    }
    expect(isCryptoError(new Error('plain'))).toBe(false);
  });

  it('keeps the underlying cause for debugging', () => {
    const cause = new Error('platform detail');
    expect(new DecryptionError(undefined, { cause }).cause).toBe(cause);
  });
});
