import { refusalKind, type EncryptedFileErrorCode } from '../export/encryptedFile/errors';

/**
 * Why a backup could not be restored. Raised before anything is written, so the diary on this
 * device is left exactly as it was. The UI translates the code.
 */
export type RestoreErrorCode = EncryptedFileErrorCode | 'diary-does-not-verify' | 'set-aside-does-not-verify';

export class RestoreError extends refusalKind<RestoreErrorCode>('RestoreError', 'Backup cannot be restored') {}

/**
 * A restore that would delete or change incidents here was asked for without the diary
 * passphrase confirmed (RestoreOptions.confirmed), or confirmed for other changes than it would
 * now make (the diary changed after they were shown). Nothing was written. A screen asks for the
 * passphrase first, and meets this only when the plan changed meanwhile: it shows the new plan.
 */
export class RestoreNotConfirmedError extends Error {
  override readonly name = 'RestoreNotConfirmedError';
  constructor() {
    super('A restore that deletes or changes incidents needs the diary passphrase confirmed first');
  }
}
