/**
 * Numbers the chunks of a stream and says which is the last, holding one back to find out: a
 * file's chunks are written as they are decrypted, never all in memory. An empty stream gives
 * one empty last chunk, so a file always ends with a last chunk.
 */
export async function* markLast(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<{ bytes: Uint8Array; index: number; last: boolean }> {
  let pending: Uint8Array | null = null;
  let index = 0;
  for await (const chunk of chunks) {
    if (pending) yield { bytes: pending, index: index++, last: false };
    pending = chunk;
  }
  yield { bytes: pending ?? new Uint8Array(0), index, last: true };
}
