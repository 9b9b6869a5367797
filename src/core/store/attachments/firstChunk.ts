import { decryptBlobChunks } from '../../crypto/blobs';
import { isCryptoError } from '../../crypto/errors';
import type { ChunkRow } from '../db';

/**
 * Whether `key` opens chunk 0 of an attachment (its first plaintext, then stop): which key a file
 * is under while the data key is being replaced (a file is never half under each).
 */
export async function opensFirstChunk(key: CryptoKey, attachmentId: string, row: ChunkRow): Promise<boolean> {
  const chunks = decryptBlobChunks(key, attachmentId, [{ index: 0, iv: row.iv, data: row.data, last: row.last }]);
  try {
    await chunks.next();
    return true;
  } catch (error) {
    if (isCryptoError(error)) return false;
    throw error;
  } finally {
    await chunks.return(undefined);
  }
}
