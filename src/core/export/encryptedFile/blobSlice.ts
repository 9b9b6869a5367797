// Reads one range of a file. Everything the reader reads goes through here, a
// header or a frame at a time, so a large file is never in memory whole.

import { EncryptedFileError } from './errors';

function readWithFileReader(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('Could not read blob'));
    reader.readAsArrayBuffer(blob);
  });
}

/** Bytes [start, end) of `file`; 'truncated' if the file has become shorter since its size was read. */
export async function readSlice(file: Blob, start: number, end: number): Promise<Uint8Array<ArrayBuffer>> {
  const part = file.slice(start, end);
  // Blob.arrayBuffer is missing in older Safari and jsdom.
  const buffer = typeof part.arrayBuffer === 'function' ? await part.arrayBuffer() : await readWithFileReader(part);
  if (buffer.byteLength !== end - start) throw new EncryptedFileError('truncated', 'the file ended while being read');
  return new Uint8Array(buffer);
}

/**
 * Bytes a reader fetches at once. Each Blob read costs about a millisecond in Chromium however
 * small, and a backup has a record per revision: reading a window at a time keeps a 5,000-
 * incident backup from costing ten seconds of reads, while memory stays at one window (or one
 * frame, if larger).
 */
export const READ_WINDOW_BYTES = 1024 * 1024;

/** Sequential reads of a file through a window read ahead of them. */
export class WindowedBlobReader {
  private windowStart = 0;
  private window: Uint8Array<ArrayBuffer> = new Uint8Array(0);

  constructor(
    private readonly file: Blob,
    private readonly windowBytes: number = READ_WINDOW_BYTES,
  ) {}

  /** A copy of bytes [start, end); 'truncated' if the file is shorter. */
  async read(start: number, end: number): Promise<Uint8Array<ArrayBuffer>> {
    const windowEnd = this.windowStart + this.window.length;
    if (start < this.windowStart || end > windowEnd) {
      // Never past the end of the file: readSlice reports a short read as truncation.
      const readEnd = Math.max(end, Math.min(this.file.size, start + this.windowBytes));
      this.window = await readSlice(this.file, start, readEnd);
      this.windowStart = start;
    }
    return this.window.slice(start - this.windowStart, end - this.windowStart);
  }
}
