// The only error a reader of an encrypted file lets escape. The UI translates
// `code`; `message` is for developers and may mention internals.

import type { EncryptedFileKind } from './format';

export type EncryptedFileErrorCode =
  /** Not a Daybook encrypted file at all (another file type, random bytes, empty). */
  | 'not-daybook-file'
  /** A Daybook file of the other kind (a package offered as a backup, or the reverse). */
  | 'wrong-kind'
  /** Made by a newer version of Daybook than this one. */
  | 'newer-version'
  /** The passphrase did not unlock the file. */
  | 'wrong-passphrase'
  /** The file ends early: an interrupted download or copy. */
  | 'truncated'
  /** Damaged or tampered with. */
  | 'corrupt'
  /** This browser cannot run Argon2id (no WebAssembly, or it is refused): nothing was read. */
  | 'kdf-unavailable'
  /** The header asks for more Argon2id work than FILE_KDF_BUDGET allows: refused before deriving. */
  | 'kdf-too-costly'
  /** Bigger, or with more records, files or metadata, than READ_BUDGETS allows (see budget.ts). */
  | 'too-large';

export class EncryptedFileError extends Error {
  override readonly name = 'EncryptedFileError';
  readonly code: EncryptedFileErrorCode;
  /** For 'wrong-kind': the kind the file actually is, so the UI can say what to do with it. */
  readonly kind?: EncryptedFileKind;

  constructor(code: EncryptedFileErrorCode, detail: string, options?: ErrorOptions & { kind?: EncryptedFileKind }) {
    super(`Encrypted file: ${code}: ${detail}.`, options);
    this.code = code;
    if (options?.kind !== undefined) this.kind = options.kind;
  }
}

export function isEncryptedFileError(error: unknown): error is EncryptedFileError {
  return error instanceof EncryptedFileError;
}

/**
 * Passes EncryptedFileError through and turns anything else into 'corrupt':
 * callers rely on nothing else escaping a read, whatever a hostile file does.
 */
export function asEncryptedFileError(error: unknown): EncryptedFileError {
  if (error instanceof EncryptedFileError) return error;
  return new EncryptedFileError('corrupt', 'unexpected failure while reading', { cause: error });
}

/** Every code a refused backup or evidence package can carry (see fileErrorCode). */
export type RefusalCode =
  | EncryptedFileErrorCode
  | 'diary-does-not-verify'
  | 'set-aside-does-not-verify'
  | 'invalid-document'
  /** An export whose versions leave out other fields than its scope says (see exportJson.ts). */
  | 'scope-mismatch';

/**
 * Why a backup could not be restored or an evidence package opened. Raised before anything is
 * written, so nothing on this device changes. The UI translates `code`.
 */
export class FileRefusedError extends Error {
  constructor(
    readonly code: RefusalCode,
    refusal: string,
    options?: ErrorOptions,
  ) {
    super(`${refusal}: ${code}`, options);
  }
}

/** A named kind of refusal that takes only its own codes (one class each for backups and packages). */
export function refusalKind<Code extends RefusalCode>(name: string, refusal: string) {
  return class extends FileRefusedError {
    declare readonly code: Code;
    override readonly name = name;
    constructor(code: Code, options?: ErrorOptions) {
      super(code, refusal, options);
    }
  };
}
