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
