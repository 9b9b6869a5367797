/**
 * Storage failures, reduced to what the user needs to know. The UI translates the code and
 * keeps whatever the user typed, so nothing is lost when a write fails.
 */
export type StorageErrorCode = 'storage-full' | 'write-failed' | 'read-failed';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'StorageError';
  }
}

function isQuotaError(error: unknown): boolean {
  let current: unknown = error;
  // Dexie wraps the browser's DOMException; look through the chain.
  for (let depth = 0; current && depth < 5; depth++) {
    const { name, inner, cause } = current as { name?: string; inner?: unknown; cause?: unknown };
    if (name === 'QuotaExceededError' || name === 'QuotaExceeded') return true;
    current = inner ?? cause;
  }
  return false;
}

/**
 * A diary write refused because storage is no longer as this tab read it: another tab has packed
 * rows it would write (diary/packs.ts) or rewritten a pack it would rewrite. Handled as an add
 * conflict: the diary is read again and the change built once more.
 */
export class ChainMovedError extends Error {
  override readonly name = 'ChainMovedError';
}

/**
 * A write refused because a row it adds is already there (IndexedDB's ConstraintError, possibly
 * inside Dexie's BulkError). For the diary it means another tab appended to the chain first.
 */
export function isAddConflict(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const { name, inner, cause, failures } = current as { name?: string; inner?: unknown; cause?: unknown; failures?: unknown };
    if (name === 'ConstraintError' || current instanceof ChainMovedError) return true;
    if (Array.isArray(failures) && failures.some((failure) => (failure as { name?: unknown } | null)?.name === 'ConstraintError'))
      return true;
    current = inner ?? cause;
  }
  return false;
}

export function toStorageError(error: unknown, operation: 'write' | 'read'): StorageError {
  if (error instanceof StorageError) return error;
  if (isQuotaError(error)) return new StorageError('storage-full', { cause: error });
  return new StorageError(operation === 'write' ? 'write-failed' : 'read-failed', { cause: error });
}

/** Runs a storage operation and turns any failure into a StorageError. */
export async function guardStorage<T>(operation: 'write' | 'read', run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toStorageError(error, operation);
  }
}
