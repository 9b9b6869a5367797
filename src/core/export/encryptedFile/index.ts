// Public API of the encrypted file container used by backups and evidence
// packages. Format: docs/encrypted-file-format.md.

export { EncryptedFileError, isEncryptedFileError } from './errors';
export type { EncryptedFileErrorCode } from './errors';

export { ENCRYPTED_FILE_KINDS, FORMAT_VERSION as ENCRYPTED_FILE_VERSION, MAX_RECORD_PLAINTEXT_BYTES } from './format';
export type { EncryptedFileKind } from './format';

export type { FileRecord } from './recordCodec';

export { ENCRYPTED_FILE_MIME_TYPE, EncryptedFileWriter } from './writer';
export type { EncryptedFileWriterOptions } from './writer';

export { inspectEncryptedFile, openEncryptedFile, readerFromSource } from './reader';
export type { EncryptedFileSource, OpenOptions } from './reader';

export { READ_BUDGETS } from './budget';
export type { ReadBudget } from './budget';
export type { EncryptedFileInfo, EncryptedFileReader } from './reader';
