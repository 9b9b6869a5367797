// A fingerprint: the diary's tree head at some size, short enough to read out, write down or send
// to someone (a friend, a caseworker, the police). A later export proves the diary it came from
// extends that exact tree, so an earlier state put back, or links quietly dropped, show.
//
// Shown as "{size} · XXXX XXXX XXXX XXXX XXXX XXXX XXXX XXXX": the first 32 hex digits (128 bits)
// of the root, which no one can match by trying, in groups that are easy to compare by eye.

import type { TreeHead } from './merkle';

export interface ParsedFingerprint {
  size: number;
  /** Lowercase hex, 32 digits (as shown) or 64 (a whole root pasted in). */
  rootPrefix: string;
}

const SHOWN_DIGITS = 32;

/** "{size} · XXXX XXXX …" from a tree head. */
export function formatFingerprint(head: TreeHead): string {
  const groups =
    head.root
      .slice(0, SHOWN_DIGITS)
      .toUpperCase()
      .match(/.{1,4}/g) ?? [];
  return `${head.size} · ${groups.join(' ')}`;
}

// The size, then at least one separator, then the root's digits.
const FINGERPRINT = /^\s*(\d{1,16})[\s\p{P}\p{S}]+([\s\S]*)$/u;
// Any spacing or punctuation between digit groups (spaces, dashes, dots, the middle dot).
const SEPARATORS = /[\s\p{P}\p{S}]/gu;
const DIGITS = /^(?:[0-9a-f]{32}|[0-9a-f]{64})$/;

/**
 * A fingerprint as someone typed or pasted it back: whatever separators between groups, upper or lower case.
 * The size is needed (a root alone does not say which tree). Null when it cannot be read; a
 * wrong letter (say O for 0) is refused, not guessed at.
 */
export function parseFingerprint(text: string): ParsedFingerprint | null {
  if (typeof text !== 'string') return null;
  const match = FINGERPRINT.exec(text.normalize('NFKC'));
  if (match === null) return null;
  const size = Number(match[1]);
  const rootPrefix = (match[2] ?? '').replace(SEPARATORS, '').toLowerCase();
  if (!Number.isSafeInteger(size) || !DIGITS.test(rootPrefix)) return null;
  return { size, rootPrefix };
}

/** True when a parsed fingerprint names exactly this tree head. */
export function fingerprintMatches(parsed: ParsedFingerprint, head: TreeHead): boolean {
  return parsed.size === head.size && parsed.rootPrefix.length >= SHOWN_DIGITS && head.root.startsWith(parsed.rootPrefix);
}
