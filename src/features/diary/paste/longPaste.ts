// A paste that would take a field over its limit: caught before it lands, so it can be kept as
// a text file attached to the incident instead of being refused at save time (or cut short).

import type { ClipboardEvent } from 'react';
import { localDate } from '../../../core/model/calendarDate';

export interface LongPaste {
  /** What was pasted. */
  text: string;
  /** The field as it was before the paste: it stays so unless the person chooses otherwise. */
  before: string;
  /** The field as the paste would have left it. */
  after: string;
  /** The length `after` would have once trimmed, as it would be kept, and the field's limit. */
  length: number;
  limit: number;
}

/**
 * An offer on screen for one field: to attach the paste, or (once accepted) what it became.
 * `refused` counts later long pastes turned away while the offer waited (see offerPaste).
 */
export type PasteState = { kind: 'offer'; paste: LongPaste; refused?: number } | { kind: 'attached'; name: string };

/**
 * The state once another long paste is caught. An offer still waiting is never replaced, or
 * what was pasted first would be lost: the new paste is turned away (it is still on the
 * clipboard, to paste again once the first is answered) and the offer says so.
 */
export function offerPaste(current: PasteState | null, paste: LongPaste): PasteState {
  if (current?.kind === 'offer') return { ...current, refused: (current.refused ?? 0) + 1 };
  return { kind: 'offer', paste };
}

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/**
 * An onPaste handler: when pasting plain text would take the control over `limit` characters,
 * the paste is stopped (the field stays as it was) and handed to `onLongPaste` instead.
 */
export function catchLongPaste(limit: number, onLongPaste: (paste: LongPaste) => void) {
  return (event: ClipboardEvent<TextControl>) => {
    const text = event.clipboardData.getData('text/plain');
    if (text === '') return;
    const control = event.currentTarget;
    const before = control.value;
    const start = control.selectionStart ?? before.length;
    const end = control.selectionEnd ?? before.length;
    const after = before.slice(0, start) + text + before.slice(end);
    const length = after.trim().length;
    if (length <= limit) return;
    event.preventDefault();
    onLongPaste({ text, before, after, length, limit });
  };
}

/**
 * What the field holds when the person keeps the paste as text after all: as the paste would
 * have left it, or, if the field has changed since, with the pasted text added at its end, so
 * nothing typed meanwhile is lost either.
 */
export function keepAsText(paste: LongPaste, current: string): string {
  return current === paste.before ? paste.after : current + paste.text;
}

/**
 * The pasted text as a UTF-8 plain-text file (a Blob encodes strings as UTF-8). The name says
 * only what it is and the day, nothing of what it says. The type has no charset parameter:
 * an attachment's type is a bare media type (see parseIncident).
 */
export function pastedTextFile(text: string, now: Date): File {
  return new File([text], `pasted-text-${localDate(now)}.txt`, { type: 'text/plain' });
}
