import { prefixRoots } from '../evidence';
import type { SharedFingerprint } from './fingerprintStore';

/** The root of the tree over no links (RFC 9162: the hash of the empty string). */
const EMPTY_ROOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * Each fingerprint the person shared that the diary's chain, as it is now, does not contain:
 * one of more links than the chain has, or whose root is not the root of the chain's first
 * `size` links. Either means records were removed or changed after it was shared. In the order
 * given. Throws TypeError for a malformed link hash.
 */
export async function sharedNotContained(
  linkHashes: readonly string[],
  shared: readonly SharedFingerprint[],
): Promise<SharedFingerprint[]> {
  if (shared.length === 0) return [];
  const roots = shared.some(({ size }) => size >= 1 && size <= linkHashes.length) ? await prefixRoots(linkHashes) : [];
  return shared.filter(({ size, root }) => {
    if (!Number.isSafeInteger(size) || size < 0 || size > linkHashes.length) return true;
    return (size === 0 ? EMPTY_ROOT : roots[size - 1]) !== root.toLowerCase();
  });
}
