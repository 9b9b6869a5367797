/** Blob.arrayBuffer(), falling back to FileReader where it is missing (older Safari, jsdom). */
export function readBytes(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new DOMException('Could not read the file', 'NotReadableError'));
    reader.readAsArrayBuffer(blob);
  });
}

/** A file that vanished or changed on disk while being read (the browser's own error names). */
export function isFileReadError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotReadableError' || error.name === 'NotFoundError');
}
