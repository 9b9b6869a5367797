import { BLOB_CHUNK_BYTES, decryptBlobChunks, encryptBlobChunks, encryptChunk, isCryptoError, type EncryptedChunk } from '../crypto';
import type { AttachmentRef } from '../model/incident';
import { assertAttachmentId, attachmentIdOf, chunkId, chunkIndex, chunkRange, isFirstChunkId } from './attachments/chunkIds';
import { isFileReadError, readBytes } from './attachments/readBytes';
import { refName, refType } from './attachments/refFields';
import type { ChunkRow, DaybookDatabase } from './db';
import { newRecordId } from './encryptedTable';
import { guardStorage } from './storageErrors';
import { AttachmentCorruptError, AttachmentTooLargeError, AttachmentUnreadableError } from './attachments/errors';

export { AttachmentCorruptError, AttachmentTooLargeError, AttachmentUnreadableError } from './attachments/errors';
export type { AttachmentErrorCode } from './attachments/errors';
import { createStreamingSha256 } from '../crypto/streamingSha256';
import { retiringKeysOf } from '../crypto/retiringKeys';
import { opensFirstChunk } from './attachments/firstChunk';
/**
 * 100 MiB per file. Phone browsers give an origin a share of free disk that can be small on a
 * full phone (and Safari may ask or evict beyond about 1 GB), a shown file is decrypted whole
 * into one Blob in memory, and backups carry every attachment. 100 MiB holds photos, screenshots,
 * voice notes and a minute or two of phone video while no single file can eat the quota; longer
 * recordings are better kept elsewhere and noted under "evidence kept elsewhere".
 */
export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;

/**
 * Chunks written per transaction: 4 x 1 MiB keeps each transaction short and the ciphertext
 * waiting in memory small, without paying a transaction per chunk.
 */
export const CHUNKS_PER_WRITE = 4;

/** Chunks read per transaction when opening, so a large file is never all ciphertext in memory. */
const CHUNKS_PER_READ = 4;

export interface AttachmentStoreOptions {
  /** Plaintext bytes per chunk; smaller only in tests. */
  chunkSize?: number;
  chunksPerWrite?: number;
}

/**
 * Attachment bytes, encrypted in chunks bound to a random attachment id. The file is stored
 * unaltered (no re-encoding, metadata kept) and its SHA-256 recorded in the ref; the ref itself
 * (name, type, size, hash) lives only inside the encrypted incident, never in plaintext.
 */
export class AttachmentStore {
  private readonly chunkSize: number;
  private readonly chunksPerWrite: number;

  constructor(
    private readonly db: DaybookDatabase,
    private readonly key: () => CryptoKey,
    options: AttachmentStoreOptions = {},
  ) {
    this.chunkSize = options.chunkSize ?? BLOB_CHUNK_BYTES;
    this.chunksPerWrite = options.chunksPerWrite ?? CHUNKS_PER_WRITE;
  }

  /**
   * Encrypts and stores a file. Throws AttachmentTooLargeError before reading anything,
   * StorageError when a write fails, AttachmentUnreadableError when the file cannot be read;
   * after a failure none of its chunks remain.
   */
  async save(file: Blob, name: string): Promise<AttachmentRef> {
    if (file.size > MAX_ATTACHMENT_BYTES) throw new AttachmentTooLargeError(file.size, MAX_ATTACHMENT_BYTES);
    const key = this.key();
    const id = newRecordId();
    const hasher = await createStreamingSha256();
    let batch: ChunkRow[] = [];
    try {
      for await (const chunk of encryptBlobChunks(key, id, file, this.chunkSize)) {
        // The hash is of the original bytes, read again slice by slice (the encryptor zeroes
        // its own copy), so a large file is never whole in memory.
        const start = chunk.index * this.chunkSize;
        const plaintext = await readBytes(file.slice(start, Math.min(start + this.chunkSize, file.size)));
        hasher.update(plaintext);
        plaintext.fill(0);
        batch.push({ id: chunkId(id, chunk.index), iv: chunk.iv, data: chunk.data, last: chunk.last });
        if (batch.length >= this.chunksPerWrite || chunk.last) {
          // Locking mid-save stops here: the key getter throws once the vault is locked.
          this.key();
          await this.writeBatch(batch);
          batch = [];
        }
      }
    } catch (error) {
      await this.discard(id);
      if (isFileReadError(error)) throw new AttachmentUnreadableError({ cause: error });
      throw error;
    }
    return { id, name: refName(name), type: refType(file.type), size: file.size, sha256: hasher.digestHex() };
  }

  /**
   * Decrypts an attachment and checks it against the ref's size and SHA-256. Throws
   * AttachmentCorruptError if anything is missing, tampered with or altered.
   */
  async open(ref: AttachmentRef): Promise<Blob> {
    assertAttachmentId(ref.id);
    const key = this.key();
    // While the data key is being replaced, a file not yet re-encrypted opens with the previous
    // key. A file's chunks are re-encrypted all at once (rekey.ts), so one key opens them all.
    const previous = retiringKeysOf(key)?.dataKey;
    try {
      return await this.openWith(key, ref);
    } catch (error) {
      if (!previous || !(error instanceof AttachmentCorruptError)) throw error;
      return this.openWith(previous, ref);
    }
  }

  private async openWith(key: CryptoKey, ref: AttachmentRef): Promise<Blob> {
    const hasher = await createStreamingSha256();
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let size = 0;
    try {
      for await (const part of decryptBlobChunks(key, ref.id, this.readChunks(ref.id))) {
        hasher.update(part);
        parts.push(part);
        size += part.byteLength;
      }
    } catch (error) {
      if (isCryptoError(error)) throw new AttachmentCorruptError({ cause: error });
      throw error;
    }
    if (size !== ref.size || hasher.digestHex() !== ref.sha256.toLowerCase()) throw new AttachmentCorruptError();
    return new Blob(parts, { type: ref.type });
  }

  /**
   * The decrypted bytes of an attachment, a chunk at a time (for backups: a large file is never
   * whole in memory). Checks size and SHA-256 at the end; throws AttachmentCorruptError then
   * or earlier, so only a run that finishes is complete.
   */
  async *plaintextChunks(ref: AttachmentRef): AsyncGenerator<Uint8Array<ArrayBuffer>, void, undefined> {
    assertAttachmentId(ref.id);
    const key = await this.keyOpening(ref.id);
    const hasher = await createStreamingSha256();
    let size = 0;
    try {
      for await (const part of decryptBlobChunks(key, ref.id, this.readChunks(ref.id))) {
        hasher.update(part);
        size += part.byteLength;
        yield part;
      }
    } catch (error) {
      if (isCryptoError(error)) throw new AttachmentCorruptError({ cause: error });
      throw error;
    }
    if (size !== ref.size || hasher.digestHex() !== ref.sha256.toLowerCase()) throw new AttachmentCorruptError();
  }

  /**
   * Stores an attachment under its existing id from plaintext chunks in order (from a backup),
   * checking them against the ref's size and SHA-256. On any failure none of it remains.
   */
  async restore(ref: AttachmentRef, parts: AsyncIterable<{ bytes: Uint8Array; last: boolean }>): Promise<void> {
    assertAttachmentId(ref.id);
    const key = this.key();
    const hasher = await createStreamingSha256();
    let size = 0;
    let index = 0;
    let batch: ChunkRow[] = [];
    let sawLast = false;
    // Whatever an earlier, interrupted restore of this file left behind goes first.
    await guardStorage('write', () => this.chunksOf(ref.id).delete());
    try {
      for await (const { bytes, last } of parts) {
        if (sawLast) throw new AttachmentCorruptError();
        hasher.update(bytes);
        size += bytes.byteLength;
        const chunk = await encryptChunk(key, ref.id, index, last, bytes);
        batch.push({ id: chunkId(ref.id, index), iv: chunk.iv, data: chunk.data, last });
        index += 1;
        sawLast = last;
        if (batch.length >= this.chunksPerWrite || last) {
          if (last && (size !== ref.size || hasher.digestHex() !== ref.sha256.toLowerCase())) throw new AttachmentCorruptError();
          // Locking mid-restore stops here, as it does when saving.
          this.key();
          await this.writeBatch(batch);
          batch = [];
        }
      }
      if (!sawLast) throw new AttachmentCorruptError();
    } catch (error) {
      await this.discard(ref.id);
      throw error;
    }
  }

  /**
   * The key that opens this attachment's first chunk: the current one, or the previous one for a
   * file not yet re-encrypted while the data key is being replaced (the current one otherwise,
   * for the decryption to report what is wrong).
   */
  private async keyOpening(attachmentId: string): Promise<CryptoKey> {
    const key = this.key();
    const previous = retiringKeysOf(key)?.dataKey;
    if (!previous) return key;
    const first = await guardStorage('read', () => this.db.chunks.get(chunkId(attachmentId, 0)));
    if (!first || (await opensFirstChunk(key, attachmentId, first))) return key;
    return (await opensFirstChunk(previous, attachmentId, first)) ? previous : key;
  }

  /** Deletes every chunk of one attachment (nothing else). */
  async remove(attachmentId: string): Promise<void> {
    await this.removeAll([attachmentId]);
  }

  /** Deletes the chunks of several attachments in one transaction, e.g. when an incident is deleted. */
  async removeAll(attachmentIds: readonly string[]): Promise<void> {
    attachmentIds.forEach(assertAttachmentId);
    if (attachmentIds.length === 0) return;
    await guardStorage('write', () =>
      this.db.transaction('rw', this.db.chunks, () => Promise.all(attachmentIds.map((id) => this.chunksOf(id).delete()))),
    );
  }

  /**
   * Which of these attachments are stored whole: their final chunk is there. A write cut short
   * (a tab closed mid-restore) leaves only the first chunks, and such a file must be written again.
   */
  async completeIds(attachmentIds: readonly string[]): Promise<Set<string>> {
    const complete = new Set<string>();
    for (const id of attachmentIds) {
      assertAttachmentId(id);
      const lastRow = await guardStorage('read', () => this.chunksOf(id).last());
      if (lastRow?.last === true) complete.add(id);
    }
    return complete;
  }

  /** Ids of every stored attachment (keys only, nothing decrypted): for finding orphans. */
  async storedIds(): Promise<string[]> {
    const keys = await guardStorage('read', () => this.db.chunks.toCollection().primaryKeys());
    return keys.filter(isFirstChunkId).map(attachmentIdOf);
  }

  private chunksOf(attachmentId: string) {
    const { lower, upper } = chunkRange(attachmentId);
    return this.db.chunks.where('id').between(lower, upper, true, true);
  }

  /** One short transaction with nothing but the write: all encryption happened before. */
  private async writeBatch(rows: ChunkRow[]): Promise<void> {
    await guardStorage('write', () => this.db.transaction('rw', this.db.chunks, () => this.db.chunks.bulkAdd(rows)));
  }

  /** Best effort: if even this fails, what remains is unreferenced ciphertext that storedIds() finds. */
  private async discard(attachmentId: string): Promise<void> {
    try {
      await this.chunksOf(attachmentId).delete();
    } catch {
      // The original failure is the one worth reporting.
    }
  }

  /** Reads chunks a few at a time, each read its own transaction, in key (= index) order. */
  private async *readChunks(attachmentId: string): AsyncGenerator<EncryptedChunk, void, undefined> {
    const { upper } = chunkRange(attachmentId);
    let lower = chunkRange(attachmentId).lower;
    let includeLower = true;
    for (;;) {
      const from = lower;
      const fromIncluded = includeLower;
      const rows = await guardStorage('read', () =>
        this.db.chunks.where('id').between(from, upper, fromIncluded, true).limit(CHUNKS_PER_READ).toArray(),
      );
      for (const row of rows) {
        yield { index: chunkIndex(attachmentId, row.id), iv: row.iv, data: row.data, last: row.last };
      }
      const lastRow = rows[rows.length - 1];
      if (!lastRow || rows.length < CHUNKS_PER_READ) return;
      lower = lastRow.id;
      includeLower = false;
    }
  }
}
