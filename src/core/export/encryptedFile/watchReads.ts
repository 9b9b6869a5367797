// Progress for reading a file, without the readers knowing about progress: the file is handed
// to them as a Blob that reports each range read from it. The encrypted-file reader reads a
// window (1 MiB) at a time in order, so the end of the last range read is how far it has got,
// ahead of the records handed on by at most one window.

import { readSlice } from './blobSlice';
import { HEADER_PREFIX_BYTES, MAGIC, readU32 } from './format';

/**
 * `file` as a Blob that calls `onRead(start, end)` for each range read (slice()). It is built
 * from `file`, which browsers do not copy: both refer to the same bytes.
 */
export function readsWatched(file: Blob, onRead: (start: number, end: number) => void): Blob {
  const size = file.size;
  return new (class extends Blob {
    override slice(start?: number, end?: number, contentType?: string): Blob {
      const from = Math.max(0, Math.min(start ?? 0, size));
      onRead(from, Math.max(from, Math.min(end ?? size, size)));
      return super.slice(start, end, contentType);
    }
  })([file], { type: file.type });
}

/**
 * Where an encrypted file's first frame starts, from its first 16 bytes; null when they are not
 * an encrypted file's (the reader itself then says what is wrong).
 */
export async function firstFrameOffset(file: Blob): Promise<number | null> {
  try {
    const prefix = await readSlice(file, 0, HEADER_PREFIX_BYTES);
    for (let i = 0; i < MAGIC.length; i++) if (prefix[i] !== MAGIC[i]) return null;
    return HEADER_PREFIX_BYTES + readU32(prefix, MAGIC.length);
  } catch {
    return null;
  }
}

/**
 * `file` as a Blob that reports how far the records have been read: `onFrames(end)` for each
 * read among the frames (not the header's, which come before the key is derived).
 */
export async function watchFrameReads(file: Blob, onFrames: (end: number) => void): Promise<Blob> {
  const firstFrame = (await firstFrameOffset(file)) ?? Number.POSITIVE_INFINITY;
  return readsWatched(file, (start, end) => {
    if (start >= firstFrame) onFrames(end);
  });
}
