// Public API of the crypto core. Internals used only by tests (fixed-IV
// encryption, raw Argon2id, extractable unwrap) are deliberately not exported.

export {
  CryptoError,
  DecryptionError,
  InvalidRecoveryKeyFormatError,
  UnsupportedVaultError,
  WrongPassphraseError,
  WrongRecoveryKeyError,
  isCryptoError,
} from './errors';
export type { CryptoErrorCode } from './errors';

export { base64ToBytes, bytesEqual, bytesToBase64, isBytes, utf8Decode, utf8Encode } from './encoding';

export { decryptBytes, encryptBytes } from './aead';
export type { Sealed } from './aead';

export { assertValidKdfParams, DEFAULT_KDF_COST, deriveKeyEncryptionKey, KDF_LIMITS, newKdfParams, preloadKdf } from './kdf';
export type { KdfCost, KdfParams } from './kdf';

export { generateWrappableDataKey, unwrapDataKey, wrapDataKey } from './keyWrap';

export { CHAIN_SEAL_INFO, deriveChainKey } from './chainKey';
export type { WrappedKey, WrapPurpose } from './keyWrap';

export { generateRecoveryKey, parseRecoveryKey } from './recoveryKey';

export { decryptRecord, encryptRecord } from './records';
export type { EncryptedRecord } from './records';

export { BLOB_CHUNK_BYTES, decryptBlobChunks, decryptBlobToBlob, encryptBlobChunks, encryptChunk } from './blobs';
export type { EncryptedChunk } from './blobs';

export {
  assertSupportedVaultHeader,
  changePassphrase,
  createVault,
  replaceRecoveryKey,
  resetPassphraseWithRecoveryKey,
  unlockKeysWithPassphrase,
  unlockKeysWithRecoveryKey,
  unlockWithPassphrase,
  unlockWithRecoveryKey,
} from './vaultKeys';
export type { NewWrapOptions, OpenedVault, VaultHeader, VaultKeys } from './vaultKeys';
