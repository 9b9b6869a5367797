// A Merkle tree over the chain's link hashes, exactly as RFC 9162 section 2.1 (Certificate
// Transparency v2) defines it, so that anyone can check a proof with a standard tool:
//   leaf = SHA-256(0x00 || link hash bytes), node = SHA-256(0x01 || left || right),
//   split at the largest power of two below n, empty tree = SHA-256("").
//
// Why a tree on top of the chain: an export can then prove that each version it carries is
// link i of a diary of n links (an inclusion proof, log n hashes) without carrying the other
// links, and that the diary now extends the one an earlier fingerprint named (a consistency
// proof) without carrying anything in between.
//
// Hashing: thousands of small hashes per tree. WebCrypto's promise per digest costs more than the
// hashing itself, so this uses hash-wasm's synchronous SHA-256 (loaded on first use, like the
// streaming hash), about a microsecond per node.

import { loadSyncSha256 } from '../crypto/syncSha256';
import { bytesToHex, hexToBytes, isSha256Hex } from './hex';

export interface TreeHead {
  /** Number of links the tree covers. */
  size: number;
  /** RFC 9162 tree hash, 64 lowercase hex digits. */
  root: string;
}

/** Longest proof accepted: a tree of 2^64 leaves needs no more. */
export const MAX_PROOF_LENGTH = 64;

type Digest = Uint8Array;

interface Hasher {
  leaf(data: Digest): Digest;
  node(left: Digest, right: Digest): Digest;
  empty(): Digest;
}

let hasherPromise: Promise<Hasher> | undefined;

function loadHasher(): Promise<Hasher> {
  hasherPromise ??= (async () => {
    // The one instance hash.ts uses too (syncSha256.ts); each digest below runs without an await.
    const sha = await loadSyncSha256();
    if (!sha) throw new Error('SHA-256 (hash-wasm) could not be loaded');
    // One buffer per shape: a prefix byte and one or two 32-byte digests.
    const leafInput = new Uint8Array(33);
    const nodeInput = new Uint8Array(65);
    leafInput[0] = 0x00;
    nodeInput[0] = 0x01;
    const digest = (input: Uint8Array): Digest => sha.init().update(input).digest('binary');
    return {
      leaf: (data) => {
        leafInput.set(data, 1);
        return digest(leafInput);
      },
      node: (left, right) => {
        nodeInput.set(left, 1);
        nodeInput.set(right, 33);
        return digest(nodeInput);
      },
      empty: () => digest(new Uint8Array(0)),
    };
  })();
  return hasherPromise;
}

/** Link hashes as bytes; throws TypeError for one that is not 64 lowercase hex digits. */
function leafData(linkHashes: readonly string[]): Digest[] {
  return linkHashes.map((hash, i) => {
    const bytes = isSha256Hex(hash) ? hexToBytes(hash) : null;
    if (bytes === null) throw new TypeError(`linkHashes[${i}]: must be 64 lowercase hex digits`);
    return bytes;
  });
}

/** The largest power of two smaller than n (n >= 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The tree over a list of leaves, with every perfect subtree's root kept: levels[l][j] covers
 * leaves [j * 2^l, (j + 1) * 2^l). Every range RFC 9162's recursion visits is either one of these
 * (aligned, a power of two long) or runs to the end of the tree, so a proof needs O(log² n)
 * hashes once the tree is built (O(n)), not O(n) each.
 */
class Tree {
  private readonly levels: Digest[][];

  constructor(
    private readonly h: Hasher,
    leaves: Digest[],
  ) {
    this.levels = [leaves];
    for (let level = leaves; level.length > 1;) {
      const up: Digest[] = [];
      for (let j = 0; j + 1 < level.length; j += 2) up.push(h.node(level[j] as Digest, level[j + 1] as Digest));
      this.levels.push(up);
      level = up;
    }
  }

  get size(): number {
    return (this.levels[0] as Digest[]).length;
  }

  root(): Digest {
    return this.size === 0 ? this.h.empty() : this.range(0, this.size);
  }

  /** MTH over leaves [from, to), from < to. */
  range(from: number, to: number): Digest {
    const n = to - from;
    const level = Math.round(Math.log2(n));
    if (2 ** level === n) {
      const perfect = this.levels[level]?.[from / n];
      if (perfect !== undefined) return perfect;
    }
    const k = splitPoint(n);
    return this.h.node(this.range(from, from + k), this.range(from + k, to));
  }

  /** RFC 9162 2.1.3.1 PATH(m, D[from:to]), lowest level first. */
  path(m: number, from: number, to: number): Digest[] {
    if (to - from === 1) return [];
    const k = splitPoint(to - from);
    return m < k
      ? [...this.path(m, from, from + k), this.range(from + k, to)]
      : [...this.path(m - k, from + k, to), this.range(from, from + k)];
  }

  /** RFC 9162 2.1.4.1 SUBPROOF(m, D[from:to], b). */
  subproof(m: number, from: number, to: number, whole: boolean): Digest[] {
    if (m === to - from) return whole ? [] : [this.range(from, to)];
    const k = splitPoint(to - from);
    return m <= k
      ? [...this.subproof(m, from, from + k, whole), this.range(from + k, to)]
      : [...this.subproof(m - k, from + k, to, false), this.range(from, from + k)];
  }
}

// Exports ask for one proof per exported link over the same list: keep the last tree built for
// each list (checked against a copy, since an array can change between calls).
const built = new WeakMap<readonly string[], { hashes: string[]; tree: Tree }>();

async function treeOf(linkHashes: readonly string[]): Promise<Tree> {
  const cached = built.get(linkHashes);
  if (cached !== undefined && cached.hashes.length === linkHashes.length && cached.hashes.every((x, i) => x === linkHashes[i])) {
    return cached.tree;
  }
  const data = leafData(linkHashes);
  const h = await loadHasher();
  const tree = new Tree(
    h,
    data.map((d) => h.leaf(d)),
  );
  built.set(linkHashes, { hashes: [...linkHashes], tree });
  return tree;
}

/** The tree head over all the link hashes, in chain order. Throws TypeError for a malformed hash. */
export async function treeHead(linkHashes: readonly string[]): Promise<TreeHead> {
  const tree = await treeOf(linkHashes);
  return { size: tree.size, root: bytesToHex(tree.root()) };
}

/**
 * The root of every prefix of 1..n links. Built on the whole tree, each prefix's root is its
 * perfect subtrees (one per set bit of its size) joined from the right: O(log n) hashes each.
 */
export async function prefixRoots(linkHashes: readonly string[]): Promise<string[]> {
  const tree = await treeOf(linkHashes);
  return Array.from({ length: tree.size }, (_, i) => bytesToHex(tree.range(0, i + 1)));
}

function checkIndex(value: number, max: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) throw new RangeError(`${name} out of range`);
}

/**
 * The RFC 9162 inclusion proof of link `index` in the tree over all `linkHashes`, lowest level
 * first. Throws RangeError for an index outside the tree, TypeError for a malformed hash.
 */
export async function inclusionProof(linkHashes: readonly string[], index: number): Promise<string[]> {
  checkIndex(index, linkHashes.length - 1, 'index');
  const tree = await treeOf(linkHashes);
  return tree.path(index, 0, tree.size).map(bytesToHex);
}

/** inclusionProof for several links of the same list, the tree built once. */
export async function inclusionProofs(linkHashes: readonly string[], indices: readonly number[]): Promise<string[][]> {
  for (const index of indices) checkIndex(index, linkHashes.length - 1, 'index');
  const tree = await treeOf(linkHashes);
  return indices.map((index) => tree.path(index, 0, tree.size).map(bytesToHex));
}

/**
 * The RFC 9162 consistency proof that the tree of the first `oldSize` links is a prefix of the
 * tree over all `linkHashes`. Empty when oldSize is 0 or the whole length (nothing to prove).
 * Throws RangeError for oldSize outside 0..n, TypeError for a malformed hash.
 */
export async function consistencyProof(linkHashes: readonly string[], oldSize: number): Promise<string[]> {
  checkIndex(oldSize, linkHashes.length, 'oldSize');
  const tree = await treeOf(linkHashes);
  if (oldSize === 0 || oldSize === tree.size) return [];
  return tree.subproof(oldSize, 0, tree.size, true).map(bytesToHex);
}

/** A tree head from outside, checked: a safe size from 0 and a 64-hex root. */
function readHead(head: unknown): { size: number; root: Digest } | null {
  if (typeof head !== 'object' || head === null) return null;
  const { size, root } = head as { size?: unknown; root?: unknown };
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0 || !isSha256Hex(root)) return null;
  const bytes = hexToBytes(root);
  return bytes === null ? null : { size, root: bytes };
}

/** A proof from outside as digests, or null when it is not an array of at most 64 hashes. */
function readProof(proof: unknown): Digest[] | null {
  if (!Array.isArray(proof) || proof.length > MAX_PROOF_LENGTH) return null;
  const out: Digest[] = [];
  for (const item of proof as unknown[]) {
    const bytes = isSha256Hex(item) ? hexToBytes(item) : null;
    if (bytes === null) return null;
    out.push(bytes);
  }
  return out;
}

function equalDigests(a: Digest, b: Digest): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

// Sizes may be up to 2^53 - 1, beyond what the 32-bit shift operators handle: halve by division.
const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/**
 * True when `proof` shows that `linkHash` is link `index` of the tree with `head` (RFC 9162
 * 2.1.3.2). False, never an exception, for anything malformed or out of range.
 */
export async function verifyInclusion(linkHash: string, index: number, head: TreeHead, proof: readonly string[]): Promise<boolean> {
  try {
    const tree = readHead(head);
    const data = isSha256Hex(linkHash) ? hexToBytes(linkHash) : null;
    const path = readProof(proof);
    if (tree === null || data === null || path === null) return false;
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0 || index >= tree.size) return false;
    const h = await loadHasher();
    let fn = index;
    let sn = tree.size - 1;
    let r = h.leaf(data);
    for (const p of path) {
      if (sn === 0) return false;
      if (isOdd(fn) || fn === sn) {
        r = h.node(p, r);
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      } else {
        r = h.node(r, p);
      }
      fn = half(fn);
      sn = half(sn);
    }
    return sn === 0 && equalDigests(r, tree.root);
  } catch {
    // A Proxy or getter in hostile input.
    return false;
  }
}

/**
 * True when `proof` shows that the tree `older` is a prefix of the tree `newer` (RFC 9162
 * 2.1.4.2). Equal sizes need equal roots and an empty proof; an older size of 0 needs the empty
 * tree's root and an empty proof. False, never an exception, for anything malformed.
 */
export async function verifyConsistency(older: TreeHead, newer: TreeHead, proof: readonly string[]): Promise<boolean> {
  try {
    const first = readHead(older);
    const second = readHead(newer);
    const path = readProof(proof);
    if (first === null || second === null || path === null || first.size > second.size) return false;
    const h = await loadHasher();
    if (first.size === 0) return path.length === 0 && equalDigests(first.root, h.empty());
    if (first.size === second.size) return path.length === 0 && equalDigests(first.root, second.root);
    if (path.length === 0) return false;
    // A power-of-two old tree is itself a node of the new one: the proof leaves it out.
    const steps = isPowerOfTwo(first.size) ? [first.root, ...path] : path;
    let fn = first.size - 1;
    let sn = second.size - 1;
    while (isOdd(fn)) {
      fn = half(fn);
      sn = half(sn);
    }
    let fr = steps[0] as Digest;
    let sr = fr;
    for (const c of steps.slice(1)) {
      if (sn === 0) return false;
      if (isOdd(fn) || fn === sn) {
        fr = h.node(c, fr);
        sr = h.node(c, sr);
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      } else {
        sr = h.node(sr, c);
      }
      fn = half(fn);
      sn = half(sn);
    }
    return sn === 0 && equalDigests(fr, first.root) && equalDigests(sr, second.root);
  } catch {
    return false;
  }
}

function isPowerOfTwo(n: number): boolean {
  let m = n;
  while (m > 1 && !isOdd(m)) m = half(m);
  return m === 1;
}
