// AES-256-GCM with additional data: the one primitive every record, chunk and
// wrapped key goes through.

import { asBufferSource } from './encoding';
import { DecryptionError } from './errors';
import { randomBytes } from './random';

/** 96-bit IVs: the size GCM is designed for (no GHASH-derived counter). */
export const IV_BYTES = 12;
/** Full-length 128-bit authentication tag, appended to the ciphertext by WebCrypto. */
export const TAG_BYTES = 16;

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

export function newIv(): Uint8Array<ArrayBuffer> {
  return randomBytes(IV_BYTES);
}

function gcmParams(iv: Uint8Array, additionalData: Uint8Array): AesGcmParams {
  return {
    name: 'AES-GCM',
    iv: asBufferSource(iv),
    additionalData: asBufferSource(additionalData),
    tagLength: TAG_BYTES * 8,
  };
}

/**
 * Encrypts with a caller-chosen IV. Exported only so known-answer tests can
 * pin the IV; production code must use encryptBytes, which never reuses one.
 */
export async function encryptBytesWithIv(
  key: CryptoKey,
  iv: Uint8Array,
  plaintext: Uint8Array,
  additionalData: Uint8Array,
): Promise<Sealed> {
  if (iv.length !== IV_BYTES) throw new RangeError(`IV must be ${IV_BYTES} bytes`);
  const data = await crypto.subtle.encrypt(gcmParams(iv, additionalData), key, asBufferSource(plaintext));
  return { iv: asBufferSource(iv), data: new Uint8Array(data) };
}

/** Encrypts under a fresh random IV. `data` is ciphertext followed by the tag. */
export async function encryptBytes(key: CryptoKey, plaintext: Uint8Array, additionalData: Uint8Array): Promise<Sealed> {
  return encryptBytesWithIv(key, newIv(), plaintext, additionalData);
}

/** Throws DecryptionError if the IV, ciphertext, tag, additional data or key is wrong. */
export async function decryptBytes(
  key: CryptoKey,
  iv: Uint8Array,
  data: Uint8Array,
  additionalData: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  if (iv.length !== IV_BYTES) throw new DecryptionError('IV has the wrong length');
  if (data.length < TAG_BYTES) throw new DecryptionError('ciphertext is shorter than a tag');
  try {
    const plaintext = await crypto.subtle.decrypt(gcmParams(iv, additionalData), key, asBufferSource(data));
    return new Uint8Array(plaintext);
  } catch (cause) {
    // Browsers report a failed tag as OperationError; treat any failure the same,
    // so raw platform messages never reach the UI.
    throw new DecryptionError(undefined, { cause });
  }
}
