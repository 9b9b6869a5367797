// Raw DEFLATE (RFC 1951) for records written compressed before they are encrypted (records.ts):
// the packs, whose bytes are what reading the diary from IndexedDB costs at unlock (issue 18).
// The browser's own CompressionStream does the work; the compressed bytes carry the length they
// inflate to, so the reader keeps one buffer of that length and refuses anything longer or
// shorter. The engine inflates each chunk written before the reader sees it, so the input is
// written in slices: what it inflates at once is at most about 1,032 times one slice. The real
// guard is upstream: only bytes that authenticated under the data key are ever inflated.

import { bytesEqual } from './encoding';

/** The most a compressed record may inflate to. A larger value is written uncompressed. */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

const LENGTH_BYTES = 4;

export class InflateError extends Error {
  override readonly name = 'InflateError';
}

/** Input written to the engine at a time. */
const SLICE_BYTES = 64 * 1024;

let deflateSupport: boolean | undefined;

/**
 * Whether this engine can write and read raw DEFLATE (Chromium from 103, Firefox from 113, Safari
 * from 16.4). Tried once: older engines have the streams but refuse 'deflate-raw'.
 */
export function canDeflate(): boolean {
  if (deflateSupport === undefined) {
    try {
      new CompressionStream('deflate-raw');
      new DecompressionStream('deflate-raw');
      deflateSupport = true;
    } catch {
      deflateSupport = false;
    }
  }
  return deflateSupport;
}

/** Forgets what canDeflate found (tests that take the streams away). */
export function forgetDeflateSupport(): void {
  deflateSupport = undefined;
}

function streamed(bytes: Uint8Array, through: CompressionStream | DecompressionStream): ReadableStreamDefaultReader<Uint8Array> {
  // Written straight to the stream, not through Blob.stream(), which in Chromium costs several
  // times the inflating itself. Not awaited: the engine takes each slice only as the reader
  // drains it, and a failure of either reaches the reader.
  const writer = through.writable.getWriter();
  for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
    writer.write(bytes.subarray(at, at + SLICE_BYTES) as Uint8Array<ArrayBuffer>).catch(() => undefined);
  }
  writer.close().catch(() => undefined);
  return through.readable.getReader();
}

/**
 * `bytes` deflated, the 4 bytes before the DEFLATE data stating their length (big-endian). Null
 * when over MAX_INFLATED_BYTES, or when the engine fails or its output does not inflate back to
 * `bytes` exactly: checked before anything is written, since a pack replaces the rows it holds.
 */
export async function deflateWithLength(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer> | null> {
  if (bytes.length > MAX_INFLATED_BYTES) return null;
  try {
    const written = await deflatedWithLength(bytes);
    // Checked in a queue of its own: a save never waits behind a read.
    return bytesEqual(await checks(() => inflateNow(written)), bytes) ? written : null;
  } catch {
    return null;
  }
}

async function deflatedWithLength(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const reader = streamed(bytes, new CompressionStream('deflate-raw'));
  const parts: Uint8Array[] = [];
  let total = LENGTH_BYTES;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    total += value.length;
  }
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, bytes.length);
  let at = LENGTH_BYTES;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Runs each task once the one given before it has settled (whether it succeeded or not).
 * Inflates run one after another in each realm (page or worker), reads in one queue and the
 * checks of packs being written in another: in Chromium, eight 30 KB packs inflated at once took
 * about 19 ms against 8 ms one after another, and a load hands the worker a slice of packs at a
 * time, as packing hands the page up to 32 packs to check.
 */
function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<void> = Promise.resolve();
  return (task) => {
    const mine = last.then(task);
    last = mine.then(
      () => undefined,
      () => undefined,
    );
    return mine;
  };
}

const reads = oneAtATime();
const checks = oneAtATime();

/**
 * The bytes deflateWithLength was given. Throws InflateError when the stated length is over the
 * budget, when the data inflates to more or less than it, or when it is not raw DEFLATE. Each
 * starts once the one asked before it has settled, so `bytes` is read later: it must not be
 * changed or transferred until the promise settles.
 */
export function inflateWithLength(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return reads(() => inflateNow(bytes));
}

async function inflateNow(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  if (bytes.length < LENGTH_BYTES) throw new InflateError('too short to hold a length');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  if (length > MAX_INFLATED_BYTES) throw new InflateError('states a length over the budget');
  // One buffer, of the stated length: what inflates past it is refused, never kept.
  const out = new Uint8Array(length);
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let at = 0;
  try {
    reader = streamed(bytes.subarray(LENGTH_BYTES), new DecompressionStream('deflate-raw'));
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.length > length - at) throw new InflateError('inflates to more than it states');
      out.set(value, at);
      at += value.length;
    }
  } catch (error) {
    void reader?.cancel().catch(() => undefined);
    if (error instanceof InflateError) throw error;
    throw new InflateError('not raw DEFLATE', { cause: error });
  }
  if (at !== length) throw new InflateError('inflates to less than it states');
  return out;
}
