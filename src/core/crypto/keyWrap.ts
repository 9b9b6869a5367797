// The data key and its wrapping. The data key encrypts everything; it is only
// ever stored encrypted ("wrapped") under a key-encryption key.

import { asBufferSource, isBytes, utf8Encode } from './encoding';
import { DecryptionError } from './errors';
import { IV_BYTES, newIv, TAG_BYTES } from './aead';
import type { Sealed } from './aead';

const DATA_KEY_BITS = 256;
/** A wrapped 256-bit key: 32 bytes of ciphertext plus the GCM tag. */
export const WRAPPED_KEY_BYTES = DATA_KEY_BITS / 8 + TAG_BYTES;

const DATA_KEY_ALGORITHM: AesKeyGenParams = { name: 'AES-GCM', length: DATA_KEY_BITS };
const DATA_KEY_USAGES: KeyUsage[] = ['encrypt', 'decrypt'];

/**
 * A label bound into each wrap as additional data, so a wrap made for one
 * purpose cannot be passed off as another (e.g. "daybook/wrap/passphrase/v1").
 */
export type WrapPurpose = string;

/** A wrapped key as read back from storage. */
export interface WrappedKey {
  iv: Uint8Array;
  data: Uint8Array;
}

/**
 * A new random data key. It is extractable only so it can be wrapped; callers
 * must wrap it and then keep only a non-extractable copy from unwrapDataKey.
 */
export function generateWrappableDataKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey(DATA_KEY_ALGORITHM, true, DATA_KEY_USAGES);
}

export async function wrapDataKey(kek: CryptoKey, dataKey: CryptoKey, purpose: WrapPurpose): Promise<Sealed> {
  const iv = newIv();
  const data = await crypto.subtle.wrapKey('raw', dataKey, kek, {
    name: 'AES-GCM',
    iv,
    additionalData: utf8Encode(purpose),
  });
  return { iv, data: new Uint8Array(data) };
}

/** What the wrapped bytes are opened as: the data key itself, or the seal key's HKDF base. */
interface UnwrapAs {
  algorithm: AesKeyGenParams | 'HKDF';
  extractable: boolean;
  usages: KeyUsage[];
}

async function unwrap(kek: CryptoKey, wrapped: WrappedKey, purpose: WrapPurpose, as: UnwrapAs): Promise<CryptoKey> {
  if (!isBytes(wrapped.iv) || !isBytes(wrapped.data)) throw new DecryptionError('wrapped key is malformed');
  if (wrapped.iv.length !== IV_BYTES || wrapped.data.length !== WRAPPED_KEY_BYTES) {
    throw new DecryptionError('wrapped key has the wrong length');
  }
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      asBufferSource(wrapped.data),
      kek,
      { name: 'AES-GCM', iv: asBufferSource(wrapped.iv), additionalData: utf8Encode(purpose) },
      as.algorithm,
      as.extractable,
      as.usages,
    );
  } catch (cause) {
    throw new DecryptionError(undefined, { cause });
  }
}

/** The in-memory data key: non-extractable, so script cannot read its bytes. */
export function unwrapDataKey(kek: CryptoKey, wrapped: WrappedKey, purpose: WrapPurpose): Promise<CryptoKey> {
  return unwrap(kek, wrapped, purpose, { algorithm: DATA_KEY_ALGORITHM, extractable: false, usages: DATA_KEY_USAGES });
}

/**
 * An extractable copy, only for rewrapping under a new KEK. Keep it local to
 * the function that rewraps; never return or store it.
 */
export function unwrapDataKeyForRewrap(kek: CryptoKey, wrapped: WrappedKey, purpose: WrapPurpose): Promise<CryptoKey> {
  return unwrap(kek, wrapped, purpose, { algorithm: DATA_KEY_ALGORITHM, extractable: true, usages: DATA_KEY_USAGES });
}

/**
 * The data key's bytes opened a second time as an HKDF base key (non-extractable, derive only),
 * so keys for other purposes can come from the same secret without its bytes ever reaching
 * script. See chainKey.ts.
 */
export function unwrapAsHkdfBase(kek: CryptoKey, wrapped: WrappedKey, purpose: WrapPurpose): Promise<CryptoKey> {
  return unwrap(kek, wrapped, purpose, { algorithm: 'HKDF', extractable: false, usages: ['deriveKey'] });
}
