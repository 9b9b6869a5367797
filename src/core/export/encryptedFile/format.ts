// Constants of the encrypted file format (docs/encrypted-file-format.md), shared
// by the writer and the reader so the two cannot drift apart.

import { utf8Encode } from '../../crypto';

export type EncryptedFileKind = 'backup' | 'evidence-package';

export const ENCRYPTED_FILE_KINDS: readonly EncryptedFileKind[] = ['backup', 'evidence-package'];

/** "DAYBOOK", NUL, "ENCF": 12 bytes that open every file. */
export const MAGIC = utf8Encode('DAYBOOK\0ENCF');

/** The `format` value in the header JSON. */
export const HEADER_FORMAT = 'daybook-encrypted-file';
export const FORMAT_VERSION = 1;

export const U32_BYTES = 4;
/** Bytes before the header JSON: magic, then its length. */
export const HEADER_PREFIX_BYTES = MAGIC.length + U32_BYTES;
/** Far above a real header (~300 bytes); stops a hostile file from naming a huge one. */
export const MAX_HEADER_JSON_BYTES = 64 * 1024;

export const FILE_ID_BYTES = 16;

/** The frame type byte, in clear before the IV and bound into the additional data. */
export const FrameType = { record: 1, end: 2 } as const;
export type FrameTypeValue = (typeof FrameType)[keyof typeof FrameType];

/** Bytes before a frame's body: its body length (u32) and its type (u8). */
export const FRAME_PREFIX_BYTES = U32_BYTES + 1;

/**
 * Largest record plaintext (flag, meta length, meta JSON and bytes): room for a
 * 1 MiB attachment chunk with plenty to spare, small enough that a hostile
 * file cannot make the reader allocate more than a few MiB per frame.
 */
export const MAX_RECORD_PLAINTEXT_BYTES = 4 * 1024 * 1024;
/** Record plaintext before the meta JSON: payload flag (u8) and meta length (u32). */
export const RECORD_PLAINTEXT_PREFIX_BYTES = 1 + U32_BYTES;
/** The end frame's plaintext is the record count, a u32. */
export const END_PLAINTEXT_BYTES = U32_BYTES;

/** Frame indices (and so record counts) are u32; the end frame needs an index too. */
export const MAX_RECORDS = 0xffff_fffe;

const FRAME_CONTEXT = 'daybook/encrypted-file/frame/v1';
/** SHA-256 of everything before the first frame. */
export const HEADER_HASH_BYTES = 32;

/**
 * The label the file key is wrapped under. Naming the kind means a package
 * whose header is edited to say "backup" fails to unwrap, so one kind can
 * never be passed off as the other.
 */
export function wrapPurpose(kind: EncryptedFileKind): string {
  return `daybook/wrap/encrypted-file/${kind}/v1`;
}

/**
 * Additional data for frame `index`: context, NUL, header hash, index (u32)
 * and type (u8). All fields after the context have fixed lengths, so no two
 * different inputs give the same bytes.
 */
export function frameAdditionalData(headerHash: Uint8Array, index: number, type: FrameTypeValue): Uint8Array<ArrayBuffer> {
  if (headerHash.length !== HEADER_HASH_BYTES) throw new RangeError('header hash must be 32 bytes');
  const context = utf8Encode(`${FRAME_CONTEXT}\0`);
  const bytes = new Uint8Array(context.length + HEADER_HASH_BYTES + U32_BYTES + 1);
  bytes.set(context, 0);
  bytes.set(headerHash, context.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(context.length + HEADER_HASH_BYTES, index);
  view.setUint8(context.length + HEADER_HASH_BYTES + U32_BYTES, type);
  return bytes;
}

export async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** Big-endian, like every integer in the format. */
export function writeU32(target: Uint8Array, offset: number, value: number): void {
  new DataView(target.buffer, target.byteOffset, target.byteLength).setUint32(offset, value);
}

export function readU32(source: Uint8Array, offset: number): number {
  return new DataView(source.buffer, source.byteOffset, source.byteLength).getUint32(offset);
}
