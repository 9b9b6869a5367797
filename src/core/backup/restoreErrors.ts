import { refusalKind, type EncryptedFileErrorCode } from '../export/encryptedFile/errors';

/**
 * Why a backup could not be restored. Raised before anything is written, so the diary on this
 * device is left exactly as it was. The UI translates the code.
 */
export type RestoreErrorCode = EncryptedFileErrorCode | 'diary-does-not-verify' | 'set-aside-does-not-verify';

export class RestoreError extends refusalKind<RestoreErrorCode>('RestoreError', 'Backup cannot be restored') {}

/**
 * A restore that would delete or change incidents here was asked for without the diary
 * passphrase confirmed (RestoreOptions.confirmed). Nothing was written. A screen never meets it:
 * it asks for the passphrase first; this stops any caller skipping that by accident.
 */
export class RestoreNotConfirmedError extends Error {
  override readonly name = 'RestoreNotConfirmedError';
  constructor() {
    super('A restore that deletes or changes incidents needs the diary passphrase confirmed first');
  }
}
