// Typed failures of the crypto core. The UI translates `code`, never `message`:
// messages are for developers and may mention internals.

/** Stable identifiers the UI maps to translated text. */
export type CryptoErrorCode =
  | 'crypto/wrong-passphrase'
  | 'crypto/wrong-recovery-key'
  | 'crypto/decryption-failed'
  | 'crypto/invalid-recovery-key-format'
  | 'crypto/unsupported-vault';

export abstract class CryptoError extends Error {
  abstract readonly code: CryptoErrorCode;
}

/** The passphrase did not unwrap the data key (or the wrap was tampered with). */
export class WrongPassphraseError extends CryptoError {
  readonly code = 'crypto/wrong-passphrase';
  override readonly name = 'WrongPassphraseError';
  constructor(options?: ErrorOptions) {
    super('The passphrase did not unlock the vault.', options);
  }
}

/** The recovery key was well formed but did not unwrap the data key. */
export class WrongRecoveryKeyError extends CryptoError {
  readonly code = 'crypto/wrong-recovery-key';
  override readonly name = 'WrongRecoveryKeyError';
  constructor(options?: ErrorOptions) {
    super('The recovery key did not unlock the vault.', options);
  }
}

/** Authentication failed on a record, blob chunk or wrapped key: tampered data or the wrong key. */
export class DecryptionError extends CryptoError {
  readonly code = 'crypto/decryption-failed';
  override readonly name = 'DecryptionError';
  constructor(detail = 'tampered data or wrong key', options?: ErrorOptions) {
    super(`Decryption failed: ${detail}.`, options);
  }
}

/** The text typed as a recovery key has the wrong length or characters. */
export class InvalidRecoveryKeyFormatError extends CryptoError {
  readonly code = 'crypto/invalid-recovery-key-format';
  override readonly name = 'InvalidRecoveryKeyFormatError';
  constructor(detail: string) {
    super(`Invalid recovery key: ${detail}.`);
  }
}

/** A header, record or parameter set this version of the app cannot read. */
export class UnsupportedVaultError extends CryptoError {
  readonly code = 'crypto/unsupported-vault';
  override readonly name = 'UnsupportedVaultError';
  constructor(detail: string, options?: ErrorOptions) {
    super(`Unsupported vault data: ${detail}.`, options);
  }
}

export function isCryptoError(error: unknown): error is CryptoError {
  return error instanceof CryptoError;
}
