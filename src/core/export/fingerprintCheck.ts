// Whether an export's diary contains a fingerprint someone was given earlier, and where. A
// version 1 file carries every link, so the tree of its first n links can be computed; a version
// 2 file carries only its own tree head and the earlier fingerprints it proves, and cannot show
// the diary at any other size.
//
// This answers for the file as given: whether its links and proofs hold is verifyExportDocument's
// to say, and a screen shows both.

import { fingerprintMatches, parseFingerprint, treeHead, verifyConsistency, type ParsedFingerprint, type TreeHead } from '../evidence';
import type { ExportDocument } from './exportDocument';

export type FingerprintCheck =
  /** Not a fingerprint: a number of links and 32 (or 64) hex digits are needed. */
  | { result: 'unreadable' }
  /** This file's own fingerprint: the diary at `size` links when the export was made. */
  | { result: 'this-export'; size: number }
  /** An earlier fingerprint the file proves this diary continues from, shared at `sharedAt`. */
  | { result: 'earlier'; size: number; sharedAt: string }
  /** Version 1: the diary's first `size` links, the last of them written at `lastRecordedAt` (null for size 0). */
  | { result: 'prefix'; size: number; lastRecordedAt: string | null }
  /** This diary had other contents at that size: it does not contain this fingerprint. */
  | { result: 'differs'; size: number }
  /**
   * A diary with more links than this file says it had: a fingerprint from after this file was
   * made, or from another diary. `generatedAt` is when the file says it was made (its own claim):
   * a file made after the reader was given the fingerprint, yet smaller, points to records removed.
   */
  | { result: 'larger'; size: number; exportSize: number; generatedAt: string }
  /** Version 2: this file does not show the diary at that size (its links at that size are not in it). */
  | { result: 'not-shown'; size: number };

function differsOrMatches(parsed: ParsedFingerprint, head: TreeHead): boolean | null {
  if (fingerprintMatches(parsed, head)) return true;
  return parsed.size === head.size ? false : null;
}

export async function checkFingerprint(document: ExportDocument, text: string): Promise<FingerprintCheck> {
  const parsed = parseFingerprint(text);
  if (parsed === null) return { result: 'unreadable' };
  const { size } = parsed;
  if (document.version === 1) {
    const { links } = document.chain;
    if (size > links.length) return { result: 'larger', size, exportSize: links.length, generatedAt: document.generatedAt };
    const prefix = links.slice(0, size);
    let head: TreeHead;
    try {
      head = await treeHead(prefix.map((link) => link.hash));
    } catch {
      // A malformed link hash: the file does not verify, and shows no tree at that size.
      return { result: 'not-shown', size };
    }
    if (!fingerprintMatches(parsed, head)) return { result: 'differs', size };
    if (size === links.length) return { result: 'this-export', size };
    return { result: 'prefix', size, lastRecordedAt: prefix.at(-1)?.recordedAt ?? null };
  }
  const { chain } = document;
  const whole: TreeHead = { size: chain.size, root: chain.root };
  if (size > chain.size) return { result: 'larger', size, exportSize: chain.size, generatedAt: document.generatedAt };
  const own = differsOrMatches(parsed, whole);
  if (own !== null) return own ? { result: 'this-export', size } : { result: 'differs', size };
  for (const earlier of chain.earlier) {
    if (earlier.size !== size) continue;
    // Only a proven earlier fingerprint says anything about this diary.
    if (!(await verifyConsistency({ size: earlier.size, root: earlier.root }, whole, earlier.proof))) continue;
    return fingerprintMatches(parsed, earlier) ? { result: 'earlier', size, sharedAt: earlier.sharedAt } : { result: 'differs', size };
  }
  return { result: 'not-shown', size };
}
