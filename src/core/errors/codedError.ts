/**
 * A failure with a stable `code` the UI translates; `message` is for developers and may mention
 * internals. `name` is given as text, not taken from the class, because bundling renames classes.
 */
export abstract class CodedError<Code extends string = string> extends Error {
  override readonly name: string;

  constructor(
    readonly code: Code,
    name: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = name;
  }
}
