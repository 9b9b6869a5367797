// The chain-seal key (docs/evidence-v2-design.md section 5): an HMAC key that seals the diary's
// head, so rows deleted from the end of the chain are noticed at the next unlock.
//
// It comes from the data key's own bytes through HKDF, not from a secret of its own: nothing new
// is stored, every way of opening the vault (passphrase, recovery key) gives the same seal key,
// and a passphrase change, which only rewraps the data key, keeps it. The bytes are unwrapped a
// second time as an HKDF base key, so they never reach script.

import { utf8Encode } from './encoding';
import { unwrapAsHkdfBase } from './keyWrap';
import type { WrappedKey, WrapPurpose } from './keyWrap';

/** HKDF info: binds the derived key to this one purpose and format version. */
export const CHAIN_SEAL_INFO = 'daybook/chain-seal/v2';

/** HMAC-SHA-256 with a 256-bit key (fixed here: HKDF would otherwise pick the 512-bit block size). */
const CHAIN_KEY_ALGORITHM: HmacImportParams = { name: 'HMAC', hash: 'SHA-256', length: 256 };

/** HKDF-SHA-256 (empty salt, CHAIN_SEAL_INFO) from an HKDF base key to a non-extractable HMAC key. */
export function deriveChainKey(base: CryptoKey): Promise<CryptoKey> {
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8Encode(CHAIN_SEAL_INFO) },
    base,
    CHAIN_KEY_ALGORITHM,
    false,
    ['sign', 'verify'],
  );
}

/** The seal key of the data key wrapped in `wrapped` (the same wrap that gives the data key). */
export async function unwrapChainKey(kek: CryptoKey, wrapped: WrappedKey, purpose: WrapPurpose): Promise<CryptoKey> {
  return deriveChainKey(await unwrapAsHkdfBase(kek, wrapped, purpose));
}
