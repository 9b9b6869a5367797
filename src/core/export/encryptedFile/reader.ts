// Opens an encrypted file and reads it a frame at a time. Only
// EncryptedFileError ever escapes: anything else a hostile file provokes is
// reported as 'corrupt'.

import { deriveKeyEncryptionKey, unwrapDataKey } from '../../crypto';
import { KdfUnavailableError } from '../../crypto/errors';
import { WindowedBlobReader } from './blobSlice';
import { BudgetTracker, READ_BUDGETS, type ReadBudget } from './budget';
import { asEncryptedFileError, EncryptedFileError } from './errors';
import { FRAME_BODY_LIMITS, isFrameType, openFrame } from './frameCrypto';
import { FORMAT_VERSION, FRAME_PREFIX_BYTES, FrameType, readU32, sha256, wrapPurpose } from './format';
import type { EncryptedFileKind } from './format';
import { readHeader } from './header';
import { decodeEndPlaintext, decodeRecordPlaintext } from './recordCodec';
import type { FileRecord } from './recordCodec';

export interface EncryptedFileInfo {
  kind: EncryptedFileKind;
  version: number;
}

export interface EncryptedFileReader {
  readonly kind: EncryptedFileKind;
  /**
   * Yields the records in order, reading one frame at a time. Throws
   * 'truncated' or 'corrupt' part-way, possibly after yielding records, so
   * treat what was read as complete only once iteration finishes: that happens
   * only after the end frame is verified and the record count matches.
   */
  records(): AsyncGenerator<FileRecord, void, undefined>;
  /**
   * What reading the file again needs, as plain data that survives postMessage (a Blob, a
   * non-extractable CryptoKey, bytes): a worker that checked the file hands it to the page,
   * which reads it again with readerFromSource, without the passphrase or Argon2id.
   */
  readonly source: EncryptedFileSource;
}

export interface EncryptedFileSource {
  file: Blob;
  kind: EncryptedFileKind;
  /** The file key, already unwrapped. */
  key: CryptoKey;
  /** SHA-256 of everything before the first frame, which every frame is bound to. */
  headerHash: Uint8Array;
  /** Offset of the first frame. */
  firstFrame: number;
  budget: ReadBudget;
}

/** A reader over a file opened before (here or in a worker): see EncryptedFileReader.source. */
export function readerFromSource(source: EncryptedFileSource): EncryptedFileReader {
  return new FrameReader(source);
}

/** Reads the header only (no passphrase): tells a backup from a package, and spots foreign or newer files. */
export async function inspectEncryptedFile(file: Blob): Promise<EncryptedFileInfo> {
  try {
    const { header } = await readHeader(file);
    return { kind: header.kind, version: FORMAT_VERSION };
  } catch (error) {
    throw asEncryptedFileError(error);
  }
}

export interface OpenOptions {
  /** What the reader takes in; READ_BUDGETS[kind] unless a test needs a smaller one. */
  budget?: Readonly<ReadBudget>;
}

/**
 * Checks the header, kind, KDF cost and file size, derives the key (Argon2id)
 * and unwraps the file key: a wrong passphrase fails here, before any record
 * is read. Records are then read within the kind's budget (budget.ts).
 */
export async function openEncryptedFile(
  file: Blob,
  passphrase: string,
  kind: EncryptedFileKind,
  options: OpenOptions = {},
): Promise<EncryptedFileReader> {
  try {
    const { header, headerBytes } = await readHeader(file);
    if (header.kind !== kind) {
      throw new EncryptedFileError('wrong-kind', `expected ${kind}, found ${header.kind}`, { kind: header.kind });
    }
    const budget = options.budget ?? READ_BUDGETS[kind];
    new BudgetTracker(budget).checkFileSize(file.size);
    if (typeof passphrase !== 'string' || passphrase.length === 0) {
      throw new EncryptedFileError('wrong-passphrase', 'the passphrase is empty');
    }
    const kek = await deriveKeyEncryptionKey(passphrase, header.kdf);
    let key: CryptoKey;
    try {
      key = await unwrapDataKey(kek, header.wrappedKey, wrapPurpose(kind));
    } catch (cause) {
      throw new EncryptedFileError('wrong-passphrase', 'the file key did not unwrap', { cause });
    }
    return new FrameReader({
      file,
      key,
      headerHash: await sha256(headerBytes),
      firstFrame: headerBytes.length,
      kind,
      budget: { ...budget },
    });
  } catch (error) {
    // Not the file's fault: say what the browser cannot do rather than call the file damaged.
    if (error instanceof KdfUnavailableError) throw new EncryptedFileError('kdf-unavailable', 'Argon2id cannot run here', { cause: error });
    throw asEncryptedFileError(error);
  }
}

type FrameOutcome = { done: false; record: FileRecord; next: number } | { done: true };

class FrameReader implements EncryptedFileReader {
  readonly kind: EncryptedFileKind;

  constructor(readonly source: EncryptedFileSource) {
    this.kind = source.kind;
  }

  async *records(): AsyncGenerator<FileRecord, void, undefined> {
    let offset = this.source.firstFrame;
    // Fresh totals and read window for each read: a restore reads the file a second time.
    const tracker = new BudgetTracker(this.source.budget);
    const windowed = new WindowedBlobReader(this.source.file);
    for (let index = 0; ; index++) {
      let outcome: FrameOutcome;
      try {
        outcome = await this.readFrame(windowed, offset, index, tracker);
      } catch (error) {
        throw asEncryptedFileError(error);
      }
      if (outcome.done) return;
      offset = outcome.next;
      // Outside the try: an error the consumer throws into the generator is theirs, not the file's.
      yield outcome.record;
    }
  }

  /** Reads frame `index` at `offset`: its prefix and then its body, through the read window. */
  private async readFrame(windowed: WindowedBlobReader, offset: number, index: number, tracker: BudgetTracker): Promise<FrameOutcome> {
    const { file, key, headerHash } = this.source;
    if (offset === file.size) throw new EncryptedFileError('truncated', 'the end frame is missing');
    if (file.size - offset < FRAME_PREFIX_BYTES) throw new EncryptedFileError('truncated', `frame ${index} is cut short`);
    const prefix = await windowed.read(offset, offset + FRAME_PREFIX_BYTES);
    const bodyLength = readU32(prefix, 0);
    const type = prefix[4] ?? 0;
    if (!isFrameType(type)) throw new EncryptedFileError('corrupt', `frame ${index} has an unknown type`);
    if (type === FrameType.record) tracker.checkRecordIndex(index);
    const limits = FRAME_BODY_LIMITS[type];
    // Checked before reading, so a hostile length never sizes an allocation.
    if (bodyLength < limits.min || bodyLength > limits.max) {
      throw new EncryptedFileError('corrupt', `frame ${index} has an impossible length`);
    }
    const bodyStart = offset + FRAME_PREFIX_BYTES;
    const next = bodyStart + bodyLength;
    if (next > file.size) throw new EncryptedFileError('truncated', `frame ${index} is cut short`);
    const plaintext = await openFrame(key, headerHash, index, type, await windowed.read(bodyStart, next));
    if (type === FrameType.record) {
      let record: FileRecord;
      try {
        record = decodeRecordPlaintext(plaintext, (metaBytes) => tracker.addMetaBytes(metaBytes));
      } finally {
        plaintext.fill(0);
      }
      tracker.checkRecord(record.meta);
      return { done: false, record, next };
    }
    // The end frame's index is bound into its additional data, so it already equals the
    // number of records read; the stored count is checked as well, as the format promises.
    if (decodeEndPlaintext(plaintext) !== index) throw new EncryptedFileError('corrupt', 'record count does not match');
    if (next !== file.size) throw new EncryptedFileError('corrupt', 'data after the end frame');
    return { done: true };
  }
}
