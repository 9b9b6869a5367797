// Streaming a recording into the sealed inbox as it is made (issue 17 point 4), with the public
// key alone, so it keeps writing while the diary locks. No Dexie and no React here.
//
// Format. The item is sealed as seal.ts seals one (a fresh ephemeral key, the same item key
// derivation, the same meta additional data), but its item row is written FIRST, when
// recording starts, and written again in the SAME IndexedDB transaction as every chunk (the
// writer's put()). Each version of the meta is encrypted afresh and says how far the item goes:
// `streamChunks` (how many chunks), `size` and `sha256` of everything so far (hashed from the
// first byte, hash-wasm's running state), `durationMs`, and `state`: 'recording' until Stop,
// then 'stopped' with `endedAt`. A crash or a closed page leaves the last committed pair: an
// item still 'recording' whose bytes are exactly its first `streamChunks` chunks, at most the
// last timeslice (about a second) short. The reader (inbox.ts) returns exactly that prefix,
// checked against the size and the SHA-256 the authenticated meta names.
//
// Chunks. Each chunk is one piece of what the recorder handed over (at most INBOX_CHUNK_BYTES,
// never empty), encrypted with additional data "daybook-inbox-stream-chunk:" + id + ":" + index:
// it cannot be moved to another item or place, nor pass for a chunk of an item sealed whole (its
// additional data differs). The row's `last` flag is always false: while recording nobody knows
// which chunk is last, so the end is what the meta says, never a flag on a chunk.
//
// What someone with access to IndexedDB (but not the unlocked vault) can do. Change, swap or
// move a chunk: it no longer decrypts, and the item is reported damaged. Delete a chunk the
// meta covers: damaged. Add chunks beyond the meta: ignored (the meta names the end). Put back
// an item row they copied earlier: its meta is authentic but older, still 'recording', so the
// item reads as interrupted at that earlier point (a 'stopped' meta is written only once, last).
// Replace the item row with one made under their own ephemeral key: the chunks do not decrypt
// (damaged), or, replacing the chunks too, it is a new item of theirs, which the inbox allows
// anyone holding the phone to add (and nothing marks an item as recorded by the owner). Delete
// the whole item: as for any inbox item, it is gone.

import { encryptBytes, type Sealed } from '../crypto/aead';
import { utf8Encode } from '../crypto/encoding';
import { createStreamingSha256, type StreamingSha256 } from '../crypto/streamingSha256';
import { inboxStreamClosed, inboxTooLarge } from './errors';
import { INBOX_CHUNK_BYTES, inboxChunkId, MAX_INBOX_ITEM_BYTES, type InboxChunkRow, type InboxItemRow } from './inboxRows';
import { MAX_STREAM_CHUNKS, metaAdditionalData, metaJson, newItemKey, type InboxItemMeta } from './seal';

export { MAX_STREAM_CHUNKS } from './seal';

/** Where a streamed item goes: the item row and (unless null) one chunk in ONE transaction. */
export interface InboxStreamWriter {
  put(item: InboxItemRow, chunk: InboxChunkRow | null): Promise<void>;
}

export interface StreamStart {
  via: 'recording' | 'camera';
  name: string;
  /** The media type without parameters (audio/webm, video/mp4). */
  type: string;
  /** When recording started (device clock). */
  receivedAt: Date;
}

export const streamChunkAdditionalData = (itemId: string, index: number) => utf8Encode(`daybook-inbox-stream-chunk:${itemId}:${index}`);

// Which streamed items are being written now: in this page, and (Web Locks) in any tab of the
// app. A lock is let go when its page closes or crashes, so an item whose lock is gone and whose
// meta still says 'recording' was cut off.
const LOCK_PREFIX = 'daybook-inbox-stream:';
const liveHere = new Set<string>();

function locks(): LockManager | undefined {
  return typeof navigator === 'object' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
}

function holdLive(id: string): () => void {
  liveHere.add(id);
  let release: () => void = () => undefined;
  const manager = locks();
  if (manager) {
    const held = new Promise<void>((resolve) => (release = resolve));
    manager.request(LOCK_PREFIX + id, () => held).catch(() => undefined);
  }
  return () => {
    liveHere.delete(id);
    release();
  };
}

/** The ids of streamed items a recorder is writing now, in this tab or another. */
export async function liveStreamIds(): Promise<Set<string>> {
  const ids = new Set(liveHere);
  try {
    const held = (await locks()?.query())?.held ?? [];
    for (const lock of held) if (lock.name?.startsWith(LOCK_PREFIX)) ids.add(lock.name.slice(LOCK_PREFIX.length));
  } catch {
    // No lock manager answer: this tab's own recordings are still known.
  }
  return ids;
}

/**
 * Seals a recording into the inbox as it is made. open() writes the item row (no bytes yet);
 * every append() writes its chunks, each with the item row describing everything so far, in one
 * transaction; finish() marks it stopped. Calls run one after another in the order made. Once a
 * write fails, the sealer is closed: what is stored stays a consistent, shorter item.
 */
export class InboxStreamSealer {
  private meta: InboxItemMeta;
  private chunks = 0;
  private closed = false;
  private tail: Promise<void> = Promise.resolve();
  private release: () => void = () => undefined;

  private constructor(
    private readonly writer: InboxStreamWriter,
    readonly id: string,
    private readonly key: CryptoKey,
    private readonly ephemeralRaw: Uint8Array,
    private readonly hash: StreamingSha256,
    start: StreamStart,
  ) {
    this.meta = {
      v: 1,
      via: start.via,
      receivedAt: start.receivedAt.toISOString(),
      name: start.name.slice(0, 1000),
      type: start.type.slice(0, 255),
      size: 0,
      sha256: hash.digestHex(),
      state: 'recording',
      durationMs: 0,
    };
  }

  /** Starts an item sealed to `publicKeyRaw`, its row written before this resolves. */
  static async open(writer: InboxStreamWriter, publicKeyRaw: Uint8Array, start: StreamStart): Promise<InboxStreamSealer> {
    const { id, key, ephemeralRaw } = await newItemKey(publicKeyRaw);
    const sealer = new InboxStreamSealer(writer, id, key, ephemeralRaw, await createStreamingSha256(), start);
    sealer.release = holdLive(id);
    try {
      await sealer.writer.put(await sealer.itemRow(), null);
    } catch (error) {
      sealer.close();
      throw error;
    }
    return sealer;
  }

  /** Bytes stored so far. */
  get size(): number {
    return this.meta.size;
  }

  /** SHA-256 of the bytes stored so far. */
  get sha256(): string {
    return this.meta.sha256;
  }

  /** Chunks stored so far. */
  get chunkCount(): number {
    return this.chunks;
  }

  /** Whether `bytes` more would still fit in one item (MAX_INBOX_ITEM_BYTES, MAX_STREAM_CHUNKS). */
  fits(bytes: number): boolean {
    return this.meta.size + bytes <= MAX_INBOX_ITEM_BYTES && this.chunks + Math.ceil(bytes / INBOX_CHUNK_BYTES) <= MAX_STREAM_CHUNKS;
  }

  /**
   * Appends `bytes` (recorded up to `durationMs`), in pieces of at most INBOX_CHUNK_BYTES.
   * InboxError 'inbox/too-large' where they would not fit (nothing of them written),
   * 'inbox/stream-closed' after finish() or a failed write.
   */
  append(bytes: Uint8Array, durationMs: number): Promise<void> {
    return this.queue(async () => {
      if (!this.fits(bytes.length)) throw inboxTooLarge();
      for (let offset = 0; offset < bytes.length; offset += INBOX_CHUNK_BYTES) {
        const piece = bytes.subarray(offset, offset + INBOX_CHUNK_BYTES);
        const index = this.chunks;
        const sealed = await encryptBytes(this.key, piece, streamChunkAdditionalData(this.id, index));
        this.hash.update(piece);
        this.meta = { ...this.meta, size: this.meta.size + piece.length, sha256: this.hash.digestHex(), durationMs: wholeMs(durationMs) };
        this.chunks = index + 1;
        await this.writer.put(await this.itemRow(), { id: inboxChunkId(this.id, index), iv: sealed.iv, data: sealed.data, last: false });
      }
    });
  }

  /** Marks the item stopped at `endedAt` after `durationMs`; nothing more is written to it. */
  finish(durationMs: number, endedAt: Date): Promise<void> {
    return this.queue(async () => {
      this.meta = { ...this.meta, state: 'stopped', durationMs: wholeMs(durationMs), endedAt: endedAt.toISOString() };
      await this.writer.put(await this.itemRow(), null);
      this.close();
    });
  }

  /** Writes nothing more (after an error, or when the page leaves); what is stored reads as interrupted. */
  close(): void {
    this.closed = true;
    this.release();
  }

  private queue(work: () => Promise<void>): Promise<void> {
    const run = this.tail.then(async () => {
      if (this.closed) throw inboxStreamClosed();
      try {
        await work();
      } catch (error) {
        // Too large leaves the item as it was and open (the recorder then stops it); any other
        // failure may have left the hash ahead of what is stored, so nothing more is written.
        if ((error as { code?: unknown } | null)?.code !== 'inbox/too-large') this.close();
        throw error;
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async itemRow(): Promise<InboxItemRow> {
    const sealed: Sealed = await encryptBytes(this.key, metaJson(this.meta, this.chunks), metaAdditionalData(this.id));
    return { id: this.id, ephemeralPublicKey: this.ephemeralRaw, iv: sealed.iv, meta: sealed.data, chunks: this.chunks };
  }
}

function wholeMs(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? Math.min(Math.round(ms), 7 * 24 * 3600 * 1000) : 0;
}
