// Test helper (not a test file): long pasted text, and reading stored bytes back in jsdom.

/**
 * A message thread of `length` characters (UTF-16 code units, as the limits count them), with
 * Welsh letters and an emoji in it, so its UTF-8 bytes differ from its characters.
 */
export function aLongThread(length: number): string {
  const line = 'Ŵyn 21:14 — Rwy’n gwybod ble rwyt ti. I know where you are 👀\n';
  const text = line.repeat(Math.ceil(length / line.length)).slice(0, length - 1);
  // Never half an emoji at the cut: that would not be text any more.
  return `${/[\uD800-\uDBFF]$/.test(text) ? `${text.slice(0, -1)}x` : text}.`;
}

/** jsdom's Blob has no arrayBuffer(): read it the old way. */
export function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(blob);
  });
}
