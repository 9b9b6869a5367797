// Errors cross from a worker to the page as plain data and are rebuilt there as instances of
// the same classes, because screens match them with `instanceof` and translate their `code`
// (fileErrorCode, vaultErrorCode). Messages never reach the person.

/** An error as structured-cloneable data: its name, message, own plain fields and cause. */
export interface SerializedError {
  name: string;
  message: string;
  /** Own enumerable fields with plain values (code, kind, waitMs, size...). */
  fields: Record<string, string | number | boolean | null>;
  cause?: SerializedError;
}

/** Rebuilds one kind of error (by its `name`) from its data; `cause` is already rebuilt. */
export type ErrorReviver = (error: SerializedError, cause: unknown) => Error;

/** Revivers by error name. A task lists those its function can throw. */
export type ErrorRevivers = Readonly<Record<string, ErrorReviver>>;

const MAX_CAUSE_DEPTH = 4;

export function serializeError(error: unknown, depth = 0): SerializedError {
  const fields: SerializedError['fields'] = {};
  if (typeof error !== 'object' || error === null) {
    return { name: 'Error', message: String(error), fields };
  }
  const { name, message, cause } = error as { name?: unknown; message?: unknown; cause?: unknown };
  for (const [key, value] of Object.entries(error)) {
    if (key === 'cause' || key === 'name' || key === 'message' || key === 'stack') continue;
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value;
  }
  const serialized: SerializedError = {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : '',
    fields,
  };
  if (cause !== undefined && depth < MAX_CAUSE_DEPTH) serialized.cause = serializeError(cause, depth + 1);
  return serialized;
}

/** The built-in errors every task may meet (a RangeError for a refused input, say). */
const BUILT_IN: ErrorRevivers = {
  Error: (e, cause) => new Error(e.message, { cause }),
  RangeError: (e, cause) => new RangeError(e.message, { cause }),
  TypeError: (e, cause) => new TypeError(e.message, { cause }),
};

/**
 * The error as the page should see it: an instance of its own class where a reviver knows its
 * name, else a plain Error keeping the name, message and fields (a DOMException from the
 * worker's crypto.subtle, say), so nothing is lost for developers.
 */
export function reviveError(error: SerializedError, revivers: ErrorRevivers = {}): Error {
  const cause = error.cause ? reviveError(error.cause, revivers) : undefined;
  const revive = Object.hasOwn(revivers, error.name)
    ? revivers[error.name]
    : Object.hasOwn(BUILT_IN, error.name)
      ? BUILT_IN[error.name]
      : undefined;
  if (revive) return revive(error, cause);
  const plain = new Error(error.message, cause === undefined ? undefined : { cause });
  plain.name = error.name;
  Object.assign(plain, error.fields);
  return plain;
}

/** A revived error given the message it had where it was thrown (its constructor builds another). */
export function keepMessage(error: Error, message: string): Error {
  error.message = message;
  return error;
}
