// Sealing and opening one frame: length, type, IV and ciphertext, with the
// additional data that pins the frame to its file, position and type.

import { decryptBytes, encryptBytes } from '../../crypto';
import { IV_BYTES, TAG_BYTES } from '../../crypto/aead';
import { EncryptedFileError } from './errors';
import {
  END_PLAINTEXT_BYTES,
  FRAME_PREFIX_BYTES,
  frameAdditionalData,
  FrameType,
  MAX_RECORD_PLAINTEXT_BYTES,
  RECORD_PLAINTEXT_PREFIX_BYTES,
  writeU32,
} from './format';
import type { FrameTypeValue } from './format';

/** The smallest record plaintext: flags, meta length and "{}". */
const MIN_RECORD_PLAINTEXT_BYTES = RECORD_PLAINTEXT_PREFIX_BYTES + 2;

/** Body lengths (IV + ciphertext + tag) a well-formed frame of each type can have. */
export const FRAME_BODY_LIMITS: Readonly<Record<FrameTypeValue, { min: number; max: number }>> = {
  [FrameType.record]: {
    min: IV_BYTES + MIN_RECORD_PLAINTEXT_BYTES + TAG_BYTES,
    max: IV_BYTES + MAX_RECORD_PLAINTEXT_BYTES + TAG_BYTES,
  },
  [FrameType.end]: {
    min: IV_BYTES + END_PLAINTEXT_BYTES + TAG_BYTES,
    max: IV_BYTES + END_PLAINTEXT_BYTES + TAG_BYTES,
  },
};

export function isFrameType(value: number): value is FrameTypeValue {
  return value === FrameType.record || value === FrameType.end;
}

/** The frame as parts to append: prefix and IV in one small array, then the ciphertext. */
export async function sealFrame(
  key: CryptoKey,
  headerHash: Uint8Array,
  index: number,
  type: FrameTypeValue,
  plaintext: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>[]> {
  const { iv, data } = await encryptBytes(key, plaintext, frameAdditionalData(headerHash, index, type));
  const head = new Uint8Array(FRAME_PREFIX_BYTES + IV_BYTES);
  writeU32(head, 0, IV_BYTES + data.length);
  head[4] = type;
  head.set(iv, FRAME_PREFIX_BYTES);
  return [head, data];
}

/** Decrypts a frame body (IV then ciphertext); 'corrupt' if it fails authentication. */
export async function openFrame(
  key: CryptoKey,
  headerHash: Uint8Array,
  index: number,
  type: FrameTypeValue,
  body: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return await decryptBytes(key, body.subarray(0, IV_BYTES), body.subarray(IV_BYTES), frameAdditionalData(headerHash, index, type));
  } catch (cause) {
    throw new EncryptedFileError('corrupt', `frame ${index} failed authentication`, { cause });
  }
}
