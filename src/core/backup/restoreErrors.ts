import type { EncryptedFileErrorCode } from '../export/encryptedFile/errors';

/**
 * Why a backup could not be restored. Raised before anything is written, so the diary on this
 * device is left exactly as it was. The UI translates the code.
 */
export type RestoreErrorCode = EncryptedFileErrorCode | 'diary-does-not-verify';

export class RestoreError extends Error {
  override readonly name = 'RestoreError';
  constructor(
    readonly code: RestoreErrorCode,
    options?: ErrorOptions,
  ) {
    super(`Backup cannot be restored: ${code}`, options);
  }
}
