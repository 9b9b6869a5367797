// What a tombstone link's contentHash covers.
//
// Deleting an entry erases the stored content of all its revisions, but their
// links (with their contentHash) stay in the chain, and one more link of kind
// 'tombstone' records that, and when, it was deleted. The tombstone's own
// content is a small body derived entirely from the chain: which entry, which
// revision was the last one, and that revision's contentHash. Because it is
// derivable, nothing needs storing for it and verifyChain always checks it,
// so a tombstone cannot be moved to another entry or made to point at
// different content. It holds no user text, so it needs no salt.

import { contentHash } from './hash';

export interface TombstoneBody {
  v: 1;
  /** The id of the deleted entry. */
  tombstone: string;
  /** The entry's last revision before deletion. */
  deletesRevision: number;
  /** That revision's contentHash. */
  deletedContentHash: string;
}

export function tombstoneBody(entryId: string, lastRevision: number, lastContentHash: string): TombstoneBody {
  return { v: 1, tombstone: entryId, deletesRevision: lastRevision, deletedContentHash: lastContentHash };
}

/** The contentHash a tombstone link for this entry must carry. */
export function tombstoneContentHash(entryId: string, lastRevision: number, lastContentHash: string): Promise<string> {
  return contentHash(tombstoneBody(entryId, lastRevision, lastContentHash));
}
