// The body that a revision's contentHash is taken over.
//
// Why a salt: an export may leave entries out, and a diary may be disclosed
// in court, yet every link (and so every contentHash) stays visible. Without
// a secret salt, anyone holding the export could confirm a guess at a
// left-out entry ("was it 'he was outside at 10pm'?") by hashing candidates.
// A random 128-bit salt, stored encrypted with the content and shipped only
// when the content itself is shipped, makes such guesses useless.

import { bytesToHex } from './hex';

export interface RevisionContent<T> {
  v: 1;
  /** 32 lowercase hex digits, fresh for every revision. */
  salt: string;
  body: T;
  /**
   * Set when the revision was brought in from another diary's backup whose chain had gone its
   * own way: where and when it was first written. The chain commits to this claim when the
   * revision is imported, and the original link can be checked against the backup's chain.
   */
  origin?: RevisionOrigin;
}

export interface RevisionOrigin {
  /** When it was first written down, in the diary it came from. */
  recordedAt: string;
  /** Its contentHash there (the same salt and body, without this origin). */
  contentHash: string;
  /** The hash of its link in that diary's chain. */
  linkHash: string;
}

const SALT_BYTES = 16;

/** Wraps one revision's body with a fresh random salt, ready for contentHash(). */
export function newRevisionContent<T>(body: T): RevisionContent<T> {
  const salt = bytesToHex(crypto.getRandomValues(new Uint8Array(SALT_BYTES)));
  return { v: 1, salt, body };
}
