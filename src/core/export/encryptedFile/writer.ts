// Writes an encrypted file record by record. Only ciphertext is kept, folded
// into a Blob as it grows, so a large diary never has to sit in memory whole.

import { DEFAULT_KDF_COST, deriveKeyEncryptionKey, generateWrappableDataKey, newKdfParams, unwrapDataKey, wrapDataKey } from '../../crypto';
import type { KdfCost } from '../../crypto';
import { randomBytes } from '../../crypto/random';
import { taskCancelled } from '../../crypto/kdf';
import { BlobAccumulator } from './blobAccumulator';
import { sealFrame } from './frameCrypto';
import { ENCRYPTED_FILE_KINDS, FILE_ID_BYTES, FrameType, MAX_RECORDS, sha256, wrapPurpose } from './format';
import type { EncryptedFileKind, FrameTypeValue } from './format';
import { encodeHeader } from './header';
import { encodeEndPlaintext, encodeRecordPlaintext } from './recordCodec';
import type { FileRecord } from './recordCodec';

export interface EncryptedFileWriterOptions {
  kind: EncryptedFileKind;
  /** Chosen by the user for this file; never the vault passphrase by default. */
  passphrase: string;
  /** Argon2id cost; DEFAULT_KDF_COST unless a test needs speed. */
  kdfCost?: KdfCost;
  /**
   * Aborting it while the key is derived terminates the Argon2id worker (and the passphrase's
   * bytes with it) at once; at any point before create returns, it rejects with
   * TaskCancelledError and no writer is made.
   */
  signal?: AbortSignal;
}

export const ENCRYPTED_FILE_MIME_TYPE = 'application/octet-stream';

export class EncryptedFileWriter {
  private recordCount = 0;
  private finished = false;
  /** Frames are appended in index order even if add() is called without awaiting. */
  private tail: Promise<void> = Promise.resolve();

  private constructor(
    private readonly key: CryptoKey,
    private readonly headerHash: Uint8Array,
    private readonly output: BlobAccumulator,
  ) {}

  /** Derives the passphrase key (Argon2id, fresh salt), makes a random file key and writes the header. */
  static async create(options: EncryptedFileWriterOptions): Promise<EncryptedFileWriter> {
    const { kind, passphrase, kdfCost = DEFAULT_KDF_COST, signal } = options;
    if (!ENCRYPTED_FILE_KINDS.includes(kind)) throw new TypeError(`unknown encrypted file kind: ${String(kind)}`);
    if (typeof passphrase !== 'string' || passphrase.length === 0) throw new RangeError('Passphrase must not be empty');
    const kdf = newKdfParams(kdfCost);
    const kek = await deriveKeyEncryptionKey(passphrase, kdf, signal ? { signal } : {});
    const purpose = wrapPurpose(kind);
    const wrappedKey = await wrapDataKey(kek, await generateWrappableDataKey(), purpose);
    // Keep only a non-extractable copy of the file key, as the vault does.
    const key = await unwrapDataKey(kek, wrappedKey, purpose);
    const headerBytes = encodeHeader({ kind, kdf, wrappedKey, fileId: randomBytes(FILE_ID_BYTES) });
    const output = new BlobAccumulator();
    output.append(headerBytes);
    const headerHash = await sha256(headerBytes);
    // Stopped while the file key was made: no writer, as if stopped a moment sooner. (The task
    // runner is loaded by now, so this adds nothing to what loads with the writer.)
    if (signal?.aborted) throw await taskCancelled();
    return new EncryptedFileWriter(key, headerHash, output);
  }

  /**
   * Encrypts one record. Throws TypeError for a malformed record and RangeError
   * for one over MAX_RECORD_PLAINTEXT_BYTES; either leaves the writer usable.
   */
  async add(record: FileRecord): Promise<void> {
    if (this.finished) throw new Error('EncryptedFileWriter: add() after finish()');
    if (this.recordCount >= MAX_RECORDS) throw new RangeError('too many records for one file');
    const plaintext = encodeRecordPlaintext(record);
    const index = this.recordCount;
    this.recordCount += 1;
    await this.enqueue(FrameType.record, index, plaintext);
  }

  /** Waits for pending records, writes the end frame and returns the whole file. */
  async finish(): Promise<Blob> {
    if (this.finished) throw new Error('EncryptedFileWriter: finish() called twice');
    this.finished = true;
    await this.enqueue(FrameType.end, this.recordCount, encodeEndPlaintext(this.recordCount));
    return this.output.toBlob(ENCRYPTED_FILE_MIME_TYPE);
  }

  private enqueue(type: FrameTypeValue, index: number, plaintext: Uint8Array<ArrayBuffer>): Promise<void> {
    // If a frame fails, the chain stays rejected: a file with a gap must never be finished.
    this.tail = this.tail.then(async () => {
      try {
        this.output.append(...(await sealFrame(this.key, this.headerHash, index, type, plaintext)));
      } finally {
        plaintext.fill(0); // best effort: plaintext copies should not linger in the heap
      }
    });
    return this.tail;
  }
}
