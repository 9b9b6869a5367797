// Attachments (photos, audio, video) encrypted in chunks, so a large file is
// read, encrypted and decrypted a slice at a time instead of whole in memory.
//
// Each chunk's additional data names the blob, the chunk's index and whether it
// is the last one. So reordering, dropping, duplicating or truncating chunks,
// or moving chunks between blobs, all fail authentication or the sequence check.

import { decryptBytes, encryptBytes } from './aead';
import { isBytes, utf8Encode } from './encoding';
import { DecryptionError } from './errors';

export const BLOB_CHUNK_BYTES = 1024 * 1024;

export interface EncryptedChunk {
  index: number;
  iv: Uint8Array;
  data: Uint8Array;
  last: boolean;
}

const CHUNK_CONTEXT = 'daybook/blob-chunk/v1';

function chunkAdditionalData(blobId: string, index: number, last: boolean): Uint8Array<ArrayBuffer> {
  if (blobId.includes('\0')) throw new TypeError('blobId must not contain NUL');
  return utf8Encode(`${CHUNK_CONTEXT}\0${blobId}\0${index}\0${last ? 'last' : 'more'}`);
}

/** Blob.arrayBuffer(), falling back to FileReader where it is missing (older Safari, jsdom). */
function readBlob(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('Could not read blob'));
    reader.readAsArrayBuffer(blob);
  });
}

/** Encrypts one chunk of a blob whose chunks arrive one at a time (e.g. from a backup file). */
export async function encryptChunk(
  key: CryptoKey,
  blobId: string,
  index: number,
  last: boolean,
  plaintext: Uint8Array,
): Promise<EncryptedChunk> {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError('index must be a non-negative integer');
  const { iv, data } = await encryptBytes(key, plaintext, chunkAdditionalData(blobId, index, last));
  return { index, iv, data, last };
}

/**
 * Encrypts `source` chunk by chunk. An empty blob yields one empty last chunk,
 * so "no chunks at all" always means truncation.
 */
export async function* encryptBlobChunks(
  key: CryptoKey,
  blobId: string,
  source: Blob,
  chunkSize: number = BLOB_CHUNK_BYTES,
): AsyncGenerator<EncryptedChunk, void, undefined> {
  if (!Number.isInteger(chunkSize) || chunkSize <= 0) throw new RangeError('chunkSize must be a positive integer');
  let index = 0;
  let offset = 0;
  for (;;) {
    const end = Math.min(offset + chunkSize, source.size);
    const last = end >= source.size;
    const plaintext = new Uint8Array(await readBlob(source.slice(offset, end)));
    const chunk = await encryptChunk(key, blobId, index, last, plaintext);
    plaintext.fill(0);
    yield chunk;
    if (last) return;
    index += 1;
    offset = end;
  }
}

/**
 * Decrypts chunks in order, yielding plaintext slices. Throws DecryptionError if
 * a chunk fails authentication, indices are not 0..n-1 in order, anything
 * follows the last chunk, or the stream ends without one. Because errors can
 * arrive after earlier slices were yielded, treat the output as complete only
 * once iteration finishes without throwing.
 */
export async function* decryptBlobChunks(
  key: CryptoKey,
  blobId: string,
  chunks: AsyncIterable<EncryptedChunk> | Iterable<EncryptedChunk>,
): AsyncGenerator<Uint8Array<ArrayBuffer>, void, undefined> {
  let expectedIndex = 0;
  let sawLast = false;
  for await (const chunk of chunks) {
    if (sawLast) throw new DecryptionError('data after the last chunk');
    if (chunk.index !== expectedIndex) throw new DecryptionError('chunks missing or out of order');
    if (!isBytes(chunk.iv) || !isBytes(chunk.data)) throw new DecryptionError('chunk is malformed');
    // `last` comes from storage, but it is authenticated through the additional data.
    const last = chunk.last === true;
    const plaintext = await decryptBytes(key, chunk.iv, chunk.data, chunkAdditionalData(blobId, chunk.index, last));
    sawLast = last;
    expectedIndex += 1;
    yield plaintext;
  }
  if (!sawLast) throw new DecryptionError('blob is truncated');
}

/** Decrypts a whole attachment into a Blob (for display or download). */
export async function decryptBlobToBlob(
  key: CryptoKey,
  blobId: string,
  chunks: AsyncIterable<EncryptedChunk> | Iterable<EncryptedChunk>,
  type: string,
): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for await (const part of decryptBlobChunks(key, blobId, chunks)) parts.push(part);
  return new Blob(parts, { type });
}
