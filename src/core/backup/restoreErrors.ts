import { refusalKind, type EncryptedFileErrorCode } from '../export/encryptedFile/errors';

/**
 * Why a backup could not be restored. Raised before anything is written, so the diary on this
 * device is left exactly as it was. The UI translates the code.
 */
export type RestoreErrorCode = EncryptedFileErrorCode | 'diary-does-not-verify' | 'set-aside-does-not-verify';

export class RestoreError extends refusalKind<RestoreErrorCode>('RestoreError', 'Backup cannot be restored') {}
