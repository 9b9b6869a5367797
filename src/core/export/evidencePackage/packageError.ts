import type { EncryptedFileErrorCode } from '../encryptedFile/errors';

export type PackageErrorCode = EncryptedFileErrorCode | 'invalid-document';

/** Why an evidence package could not be opened. Nothing is written either way. */
export class PackageError extends Error {
  override readonly name = 'PackageError';
  constructor(
    readonly code: PackageErrorCode,
    options?: ErrorOptions,
  ) {
    super(`Evidence package cannot be opened: ${code}`, options);
  }
}
