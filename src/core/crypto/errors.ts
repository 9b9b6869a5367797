// Typed failures of the crypto core. The UI translates `code`, never `message`:
// messages are for developers and may mention internals.

import { CodedError } from '../errors/codedError';

/** Stable identifiers the UI maps to translated text. */
export type CryptoErrorCode =
  | 'crypto/wrong-passphrase'
  | 'crypto/wrong-recovery-key'
  | 'crypto/decryption-failed'
  | 'crypto/invalid-recovery-key-format'
  | 'crypto/unsupported-vault'
  | 'crypto/kdf-unavailable';

export abstract class CryptoError extends CodedError<CryptoErrorCode> {}

/** The passphrase did not unwrap the data key (or the wrap was tampered with). */
export class WrongPassphraseError extends CryptoError {
  constructor(options?: ErrorOptions) {
    super('crypto/wrong-passphrase', 'WrongPassphraseError', 'The passphrase did not unlock the vault.', options);
  }
}

/** The recovery key was well formed but did not unwrap the data key. */
export class WrongRecoveryKeyError extends CryptoError {
  constructor(options?: ErrorOptions) {
    super('crypto/wrong-recovery-key', 'WrongRecoveryKeyError', 'The recovery key did not unlock the vault.', options);
  }
}

/** Authentication failed on a record, blob chunk or wrapped key: tampered data or the wrong key. */
export class DecryptionError extends CryptoError {
  constructor(detail = 'tampered data or wrong key', options?: ErrorOptions) {
    super('crypto/decryption-failed', 'DecryptionError', `Decryption failed: ${detail}.`, options);
  }
}

/** The text typed as a recovery key has the wrong length or characters. */
export class InvalidRecoveryKeyFormatError extends CryptoError {
  constructor(detail: string) {
    super('crypto/invalid-recovery-key-format', 'InvalidRecoveryKeyFormatError', `Invalid recovery key: ${detail}.`);
  }
}

/** A header, record or parameter set this version of the app cannot read. */
export class UnsupportedVaultError extends CryptoError {
  constructor(detail: string, options?: ErrorOptions) {
    super('crypto/unsupported-vault', 'UnsupportedVaultError', `Unsupported vault data: ${detail}.`, options);
  }
}

/**
 * This browser cannot run Argon2id: WebAssembly is missing, or compiling it is refused (an
 * older engine's CSP rules, a setting or policy that turns WebAssembly off). Thrown before
 * anything is derived, so nothing can have been stored.
 */
export class KdfUnavailableError extends CryptoError {
  constructor(detail: string, options?: ErrorOptions) {
    super('crypto/kdf-unavailable', 'KdfUnavailableError', `Argon2id cannot run here: ${detail}.`, options);
  }
}

export function isCryptoError(error: unknown): error is CryptoError {
  return error instanceof CryptoError;
}
