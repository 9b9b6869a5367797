import { isCryptoError } from '../crypto';
import { EntryChangedError } from '../store/diary/entryChanged';
import { StorageError } from '../store/storageErrors';
import { UnlockThrottledError } from './vault';

/** Every failure a vault screen can show, as a stable code the UI translates. */
export type VaultErrorCode =
  | 'wrong-passphrase'
  | 'wrong-recovery-key'
  | 'invalid-recovery-key'
  | 'throttled'
  | 'unsupported'
  /** This browser cannot run Argon2id (no WebAssembly, or it is refused): nothing was stored. */
  | 'kdf-unavailable'
  | 'damaged'
  | 'storage-full'
  | 'write-failed'
  | 'read-failed'
  /** Another tab changed or deleted the entry first: nothing was written. */
  | 'entry-changed'
  | 'unknown';

export function vaultErrorCode(error: unknown): VaultErrorCode {
  if (error instanceof UnlockThrottledError) return 'throttled';
  if (error instanceof StorageError) return error.code;
  if (error instanceof EntryChangedError) return 'entry-changed';
  if (isCryptoError(error)) {
    switch (error.code) {
      case 'crypto/wrong-passphrase':
        return 'wrong-passphrase';
      case 'crypto/wrong-recovery-key':
        return 'wrong-recovery-key';
      case 'crypto/invalid-recovery-key-format':
        return 'invalid-recovery-key';
      case 'crypto/unsupported-vault':
        return 'unsupported';
      case 'crypto/decryption-failed':
        return 'damaged';
      case 'crypto/kdf-unavailable':
        return 'kdf-unavailable';
    }
  }
  return 'unknown';
}
