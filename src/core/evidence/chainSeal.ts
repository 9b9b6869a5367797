// The sealed head: the diary's last link (its number and hash) under a MAC only this vault's key
// can make. Stored beside the chain and rewritten with every write, it lets the diary tell, on
// load, that links at the end were removed (a chain cut short still verifies on its own). The key
// comes from src/core/crypto/chainKey.ts.
//
// What it cannot catch: the whole database put back to an earlier state, seal and all. Fingerprints
// held by someone else catch that.

import { utf8Encode } from '../crypto/encoding';
import { canonicalJson } from './canonicalJson';
import { bytesToHex, hexToBytes, isSha256Hex } from './hex';

export interface ChainSeal {
  v: 2;
  /** Number of links in the chain when sealed. */
  size: number;
  /** The hash of link size - 1 (GENESIS_HASH for an empty diary). */
  head: string;
  /** HMAC-SHA-256 over the canonical seal message, 64 lowercase hex digits. */
  mac: string;
}

/** What the MAC covers; the purpose keeps it from ever matching a MAC made for something else. */
function sealMessage(size: number, head: string): Uint8Array<ArrayBuffer> {
  return utf8Encode(canonicalJson({ purpose: 'daybook chain seal', v: 2, size, head }));
}

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Seals a chain of `size` links ending at `head`. Throws TypeError for a malformed size or head. */
export async function sealChain(key: CryptoKey, size: number, head: string): Promise<ChainSeal> {
  if (!isSize(size)) throw new TypeError('size must be a whole number from 0');
  if (!isSha256Hex(head)) throw new TypeError('head must be 64 lowercase hex digits');
  const mac = await crypto.subtle.sign('HMAC', key, sealMessage(size, head));
  return { v: 2, size, head, mac: bytesToHex(new Uint8Array(mac)) };
}

const SEAL_KEYS = ['v', 'size', 'head', 'mac'];

/** A well-formed seal: exactly v 2, size, head and mac, each of its type and format. */
export function isWellFormedSeal(value: unknown): value is ChainSeal {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== SEAL_KEYS.length || !SEAL_KEYS.every((key) => Object.hasOwn(value, key))) return false;
  const seal = value as Record<string, unknown>;
  return seal.v === 2 && isSize(seal.size) && isSha256Hex(seal.head) && isSha256Hex(seal.mac);
}

/**
 * True when `value` is a well-formed seal whose MAC this key made. Checked in constant time by
 * WebCrypto. False, never an exception, for anything else.
 */
export async function verifySeal(key: CryptoKey, value: unknown): Promise<boolean> {
  try {
    if (!isWellFormedSeal(value)) return false;
    const mac = hexToBytes(value.mac);
    if (mac === null) return false;
    return await crypto.subtle.verify('HMAC', key, mac, sealMessage(value.size, value.head));
  } catch {
    // A key that cannot verify HMAC, or a getter in hostile input.
    return false;
  }
}
