// Typed failures of the sealed inbox. The UI translates `code`, never `message`.

import { CodedError } from '../errors/codedError';

export type InboxErrorCode =
  'inbox/no-key' | 'inbox/too-large' | 'inbox/damaged' | 'inbox/not-found' | 'inbox/unreadable' | 'inbox/live' | 'inbox/stream-closed';

export class InboxError extends CodedError<InboxErrorCode> {
  constructor(code: InboxErrorCode, message: string, options?: ErrorOptions) {
    super(code, 'InboxError', message, options);
  }
}

/** No inbox public key is stored yet (the vault has not been unlocked since the inbox came), or it is malformed. */
export const noInboxKey = (): InboxError => new InboxError('inbox/no-key', 'No inbox key is stored');
/** An item larger than MAX_INBOX_ITEM_BYTES. */
export const inboxTooLarge = (): InboxError => new InboxError('inbox/too-large', 'The item is too large for the inbox');
/** A row malformed, out of budget, tampered with, or whose bytes do not match its SHA-256. */
export const inboxDamaged = (detail: string, options?: ErrorOptions): InboxError =>
  new InboxError('inbox/damaged', `Inbox item damaged: ${detail}`, options);
/** Does not decrypt: sealed to another key, or tampered with (AES-GCM cannot tell which). */
export const inboxUnreadable = (options?: ErrorOptions): InboxError =>
  new InboxError('inbox/unreadable', 'The inbox key does not open this item', options);
/** No complete item with this id. */
export const inboxNotFound = (): InboxError => new InboxError('inbox/not-found', 'No such inbox item');
/** A recording still being written (in this tab or another): it cannot be taken out of the inbox yet. */
export const inboxLive = (): InboxError => new InboxError('inbox/live', 'The item is still being recorded');
/** A streamed item that was finished, or whose last write failed: nothing more is written to it. */
export const inboxStreamClosed = (): InboxError => new InboxError('inbox/stream-closed', 'The recording is closed');
