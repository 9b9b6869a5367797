import { refusalKind, type EncryptedFileErrorCode } from '../encryptedFile/errors';

export type PackageErrorCode = EncryptedFileErrorCode | 'invalid-document' | 'scope-mismatch';

/** Why an evidence package could not be opened. Nothing is written either way. */
export class PackageError extends refusalKind<PackageErrorCode>('PackageError', 'Evidence package cannot be opened') {}
