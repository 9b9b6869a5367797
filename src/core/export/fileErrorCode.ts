// Every way making, restoring or opening an export file can fail, as one code the UI
// translates. Messages of the underlying errors never reach the person.

// Only small error modules are imported: set-up (part of the first screen) shows these codes.
import { KdfUnavailableError } from '../crypto/errors';
import { KdfCostTooHighError } from '../crypto/kdfBudget';
import { InvalidIncidentError } from '../model/invalidIncident';
import { AttachmentCorruptError } from '../store/attachments/errors';
import { StorageError } from '../store/storageErrors';
import { EncryptedFileError, FileRefusedError } from './encryptedFile/errors';

export type FileErrorCode =
  | 'not-daybook-file'
  /** A backup offered where a package was expected, or the reverse. */
  | 'is-backup'
  | 'is-package'
  | 'newer-version'
  | 'wrong-passphrase'
  | 'truncated'
  | 'corrupt'
  /** This browser cannot run Argon2id: nothing was read or written. */
  | 'kdf-unavailable'
  /** The file asks for far more key-derivation work than Daybook uses: refused before trying the passphrase. */
  | 'kdf-too-costly'
  /** The file is bigger, or holds more records or files, than Daybook reads: refused, nothing written. */
  | 'too-large'
  | 'diary-does-not-verify'
  /** A version set aside in a backup does not match its link: restoring would hide the break. */
  | 'set-aside-does-not-verify'
  | 'invalid-document'
  /**
   * An export (version 2) whose versions leave out other details than it says it does, or leave
   * out what happened, when or what it involved: refused, since it says one thing and shows another.
   */
  | 'scope-mismatch'
  /** An incident that could not be saved as it is (should a file's contents get past the checks). */
  | 'invalid-incident'
  | 'attachment-corrupt'
  | 'storage-full'
  | 'write-failed'
  | 'read-failed'
  | 'unknown';

function fromEncryptedFile(error: EncryptedFileError): FileErrorCode {
  if (error.code === 'wrong-kind') return error.kind === 'backup' ? 'is-backup' : 'is-package';
  return error.code;
}

export function fileErrorCode(error: unknown): FileErrorCode {
  if (error instanceof StorageError) return error.code;
  if (error instanceof KdfUnavailableError) return 'kdf-unavailable';
  if (error instanceof KdfCostTooHighError) return 'kdf-too-costly';
  if (error instanceof AttachmentCorruptError) return 'attachment-corrupt';
  if (error instanceof InvalidIncidentError) return 'invalid-incident';
  if (error instanceof EncryptedFileError) return fromEncryptedFile(error);
  // A refused backup or package.
  if (error instanceof FileRefusedError) {
    if (error.code === 'wrong-kind') return error.cause instanceof EncryptedFileError ? fromEncryptedFile(error.cause) : 'corrupt';
    return error.code;
  }
  return 'unknown';
}
