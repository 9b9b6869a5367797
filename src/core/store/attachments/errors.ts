// Why an attachment could not be saved or opened. A module of its own, so code that only needs to
// recognise these errors (set-up's restore messages) does not load the attachment store.

import { CodedError } from '../../errors/codedError';

export type AttachmentErrorCode = 'attachment-too-large' | 'attachment-corrupt' | 'attachment-unreadable';

/** Refused before a byte is read. */
export class AttachmentTooLargeError extends CodedError<AttachmentErrorCode> {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super('attachment-too-large', 'AttachmentTooLargeError', `Attachment of ${size} bytes is over the limit of ${limit} bytes`);
  }
}

/** The stored bytes fail authentication, are missing, or no longer match the recorded SHA-256. */
export class AttachmentCorruptError extends CodedError<AttachmentErrorCode> {
  constructor(options?: ErrorOptions) {
    super('attachment-corrupt', 'AttachmentCorruptError', 'Attachment is damaged, missing or altered', options);
  }
}

/** The chosen file could not be read (moved, deleted or changed while saving). */
export class AttachmentUnreadableError extends CodedError<AttachmentErrorCode> {
  constructor(options?: ErrorOptions) {
    super('attachment-unreadable', 'AttachmentUnreadableError', 'The file could not be read', options);
  }
}
