// Chunk rows are keyed `${attachmentId}:${index padded to 8 digits}`, so one attachment's chunks
// are a contiguous key range read in order, and nothing but the position is visible in the key.

import { isAttachmentId } from '../../model/incident';

const INDEX_DIGITS = 8;

/**
 * Refuses ids that could reach outside their own key range: a ':' would make `a:0` cover some
 * of `a`'s chunks, and refs can arrive from imported files.
 */
export function assertAttachmentId(attachmentId: string): void {
  if (!isAttachmentId(attachmentId)) {
    throw new TypeError('Invalid attachment id');
  }
}

export function chunkId(attachmentId: string, index: number): string {
  return `${attachmentId}:${String(index).padStart(INDEX_DIGITS, '0')}`;
}

/** Bounds (inclusive) of every chunk key of one attachment. */
export function chunkRange(attachmentId: string): { lower: string; upper: string } {
  return { lower: `${attachmentId}:`, upper: `${attachmentId}:\uffff` };
}

/** The index a row's key names; NaN for a malformed key, which the decryptor rejects as out of order. */
export function chunkIndex(attachmentId: string, rowId: string): number {
  const suffix = rowId.slice(attachmentId.length + 1);
  return /^\d+$/.test(suffix) ? Number(suffix) : Number.NaN;
}

/** Key of the first chunk: every stored attachment has exactly one. */
export function isFirstChunkId(rowId: string): boolean {
  return rowId.endsWith(`:${'0'.repeat(INDEX_DIGITS)}`);
}

export function attachmentIdOf(rowId: string): string {
  return rowId.slice(0, rowId.lastIndexOf(':'));
}
