export { createEvidencePackage } from './createPackage';
export type { CreatedPackage, PackageFileSource } from './createPackage';
export { openEvidencePackage } from './openPackage';
export type { OpenedPackage } from './openPackage';
export { PackageError } from './packageError';
export type { PackageErrorCode } from './packageError';
