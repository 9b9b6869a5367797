// Why an attachment could not be saved or opened. A module of its own, so code that only needs to
// recognise these errors (set-up's restore messages) does not load the attachment store.

export type AttachmentErrorCode = 'attachment-too-large' | 'attachment-corrupt' | 'attachment-unreadable';

/** Refused before a byte is read. */
export class AttachmentTooLargeError extends Error {
  readonly code = 'attachment-too-large';
  override readonly name = 'AttachmentTooLargeError';
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`Attachment of ${size} bytes is over the limit of ${limit} bytes`);
  }
}

/** The stored bytes fail authentication, are missing, or no longer match the recorded SHA-256. */
export class AttachmentCorruptError extends Error {
  readonly code = 'attachment-corrupt';
  override readonly name = 'AttachmentCorruptError';
  constructor(options?: ErrorOptions) {
    super('Attachment is damaged, missing or altered', options);
  }
}

/** The chosen file could not be read (moved, deleted or changed while saving). */
export class AttachmentUnreadableError extends Error {
  readonly code = 'attachment-unreadable';
  override readonly name = 'AttachmentUnreadableError';
  constructor(options?: ErrorOptions) {
    super('The file could not be read', options);
  }
}
