export { createEvidencePackage } from './createPackage';
export type { CreatedPackage, PackageFileSource, PackageOptions } from './createPackage';
export type { RedrawnCopy } from './packageRecords';
export { openEvidencePackage } from './openPackage';
export type { OpenedPackage } from './openPackage';
export { PackageError } from './packageError';
export type { PackageErrorCode } from './packageError';
