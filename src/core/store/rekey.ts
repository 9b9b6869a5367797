// Re-encrypting every stored row under a new data key (docs/vault-format.md, "Replacing the data
// key"). The vault has already stored the new key's wraps with the previous key's beside them
// ("retiring"), so a reload at any point loses nothing: this runs again and carries on.
//
// No row says which key encrypted it: a row that opens under the new key is done, one that opens
// only under the previous key is re-encrypted, one that opens under neither is left as it was
// (it could not be read before either) and counted. A pass that finds nothing left to do is the
// check that every row opens under the new key; only then may the vault drop the previous key.
//
// Each write stores a row only if it is still the row that was read (same IV), so a row written
// meanwhile by the diary (always under the new key) is never overwritten with older content.
// Records keep their additional data (table and id). A file's chunks are re-encrypted into
// staging rows first, then moved into place in one transaction, so a file is never half under
// one key and half under the other. The seal row gets a new MAC under the new seal key only
// where its MAC verifies under the previous one: a seal that was invalid stays invalid.

import { decryptBlobChunks, encryptChunk, type EncryptedChunk } from '../crypto/blobs';
import { DecryptionError } from '../crypto/errors';
import { decryptRecord, encryptRecord } from '../crypto/records';
import type { VaultKeys } from '../crypto/vaultKeys';
import { sealChain, verifySeal, type ChainSeal } from '../evidence/chainSeal';
import { chunkIndex } from './attachments/chunkIds';
import { opensFirstChunk } from './attachments/firstChunk';
import type { ChunkRow, EncryptedRow, EncryptedTableName } from './db';
import { PACK_SIZE, PACKED_MARKER_ID, rowWriting } from './diary/packs';
import { SEAL_ROW_ID } from './diary/seal';

// This module does no storage itself (RekeyIo does, on the page), so it can run in a worker
// (rekeyTask.ts): the re-encryption there, IndexedDB on the page.

export interface RekeyProgress {
  /** Rows and file chunks looked at in the first pass. */
  done: number;
  /** Rows and file chunks stored when the pass began. */
  total: number;
}

export interface RekeyKeys {
  /** The new keys: every row ends under these. */
  current: VaultKeys;
  /** The keys being replaced. */
  previous: VaultKeys;
}

export interface RekeyResult {
  /** Rows or files that open under neither key (damaged before), left as they were. */
  unreadable: number;
}

/** A row to write, and the IV of the row as it was read: stored only if that is still the row. */
export interface RowWrite {
  row: EncryptedRow;
  readIv: Uint8Array;
}

/** What re-encrypting needs of storage (rekeyIo.ts over IndexedDB). Every call may throw once the vault locks. */
export interface RekeyIo {
  /** Rows and file chunks stored (staging rows not counted). */
  count(): Promise<number>;
  /** Up to `limit` rows of `table` in key order, after `after` (from the start when undefined). */
  readRows(table: EncryptedTableName, after: string | undefined, limit: number): Promise<EncryptedRow[]>;
  /** Writes each row whose stored IV is still its readIv, in one transaction; returns how many. */
  writeRows(table: EncryptedTableName, writes: RowWrite[]): Promise<number>;
  /** Deletes every staging row (left by a run that stopped). */
  clearStaging(): Promise<void>;
  /** Every stored file: its id and number of chunks. */
  files(): Promise<[string, number][]>;
  firstChunk(attachmentId: string): Promise<ChunkRow | undefined>;
  /** Up to `limit` of a file's chunks in key order, after the row id `after`. */
  readChunks(attachmentId: string, after: string | undefined, limit: number): Promise<ChunkRow[]>;
  /** Stores re-encrypted chunks (ids of the form `index`) as staging rows of the file. */
  stage(attachmentId: string, chunks: EncryptedChunk[]): Promise<void>;
  /** Moves a file's staging rows over its chunks if they still have `readIvs`; false (staging dropped) if not. */
  swap(attachmentId: string, readIvs: Uint8Array[]): Promise<boolean>;
  dropStaging(attachmentId: string): Promise<void>;
}

export interface RekeyOptions {
  onProgress?: (progress: RekeyProgress) => void;
  /** Records read per batch (file chunks go four at a time). */
  batchSize?: number;
}

// `revisions` before `packs`: a load that packs rows meanwhile writes its packs under the new
// key, and the pass that follows finds them done.
export const TABLES: readonly EncryptedTableName[] = ['settings', 'drafts', 'revisions', 'packs', 'checklists'];
const DEFAULT_BATCH = 200;
export const CHUNKS_PER_BATCH = 4;
/** A pass that still found work is followed by another; this many without settling is an error. */
const MAX_PASSES = 8;

interface PassCounts {
  /** Rows (or files) rewritten under the new key. */
  written: number;
  /** Rows under the previous key that changed before they could be rewritten. */
  skipped: number;
  unreadable: number;
}

async function opens(key: CryptoKey, table: string, row: EncryptedRow): Promise<boolean> {
  try {
    await decryptRecord(key, table, row.id, row);
    return true;
  } catch (error) {
    if (error instanceof DecryptionError) return false;
    throw error;
  }
}

/** The seal row's value with its MAC made again under the new seal key, if the previous key made it. */
async function resealed(value: unknown, keys: RekeyKeys): Promise<unknown> {
  if (typeof value !== 'object' || value === null) return value;
  const seal = (value as { seal?: unknown }).seal;
  if (!(await verifySeal(keys.previous.chainKey, seal))) return value;
  const { size, head } = seal as ChainSeal;
  // Same fields, same order, a MAC of the same length: the padded row keeps its length.
  return { ...value, seal: await sealChain(keys.current.chainKey, size, head) };
}

class Rekeyer {
  private done = 0;
  private total = 0;

  constructor(
    private readonly keys: RekeyKeys,
    private readonly io: RekeyIo,
    private readonly options: RekeyOptions,
  ) {}

  async run(): Promise<RekeyResult> {
    this.total = await this.io.count();
    this.report();
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      const counts = await this.pass();
      // The first pass's count is the progress shown; later passes only tidy up.
      this.done = this.total;
      this.report();
      if (counts.written === 0 && counts.skipped === 0) return { unreadable: counts.unreadable };
    }
    throw new Error('Rows kept changing while the data key was being replaced');
  }

  private report(): void {
    this.options.onProgress?.({ done: Math.min(this.done, this.total), total: this.total });
  }

  private async pass(): Promise<PassCounts> {
    const counts: PassCounts = { written: 0, skipped: 0, unreadable: 0 };
    for (const name of TABLES) await this.table(name, counts);
    await this.io.clearStaging();
    for (const [attachmentId, chunkCount] of await this.io.files()) {
      await this.file(attachmentId, counts);
      this.done += chunkCount;
      this.report();
    }
    return counts;
  }

  private async table(name: EncryptedTableName, counts: PassCounts): Promise<void> {
    const { current, previous } = this.keys;
    // A pack holds PACK_SIZE records: read as few at a time as that many rows would be.
    const size = Math.max(1, Math.floor((this.options.batchSize ?? DEFAULT_BATCH) / (name === 'packs' ? PACK_SIZE : 1)));
    let after: string | undefined;
    for (;;) {
      const rows = await this.io.readRows(name, after, size);
      const last = rows.at(-1);
      if (!last) return;
      after = last.id;
      const writes: RowWrite[] = [];
      for (const row of rows) {
        // Random bytes under no key (diary/packs.ts): not a row to re-encrypt, nor a damaged one.
        if (name === 'revisions' && row.id === PACKED_MARKER_ID) continue;
        if (await opens(current.dataKey, name, row)) continue;
        let value: unknown;
        try {
          value = await decryptRecord<unknown>(previous.dataKey, name, row.id, row);
        } catch (error) {
          if (!(error instanceof DecryptionError)) throw error;
          counts.unreadable += 1;
          continue;
        }
        if (name === 'settings' && row.id === SEAL_ROW_ID) value = await resealed(value, this.keys);
        writes.push({
          row: { id: row.id, ...(await encryptRecord(current.dataKey, name, row.id, value, rowWriting(name))) },
          readIv: row.iv,
        });
      }
      if (writes.length > 0) {
        const written = await this.io.writeRows(name, writes);
        counts.written += written;
        counts.skipped += writes.length - written;
      }
      this.done += rows.length;
      this.report();
    }
  }

  /** One file: nothing to do, unreadable, or re-encrypted into staging rows then swapped in. */
  private async file(attachmentId: string, counts: PassCounts): Promise<void> {
    const { current, previous } = this.keys;
    const first = await this.io.firstChunk(attachmentId);
    if (first && (await opensFirstChunk(current.dataKey, attachmentId, first))) return;
    if (!first || !(await opensFirstChunk(previous.dataKey, attachmentId, first))) {
      counts.unreadable += 1;
      return;
    }
    const readIvs: Uint8Array[] = [];
    let lastRead: ChunkRow | undefined;
    const source = this.readChunks(attachmentId, (row) => {
      readIvs.push(row.iv);
      lastRead = row;
    });
    let batch: EncryptedChunk[] = [];
    let index = 0;
    try {
      for await (const plaintext of decryptBlobChunks(previous.dataKey, attachmentId, source)) {
        const last = lastRead?.last === true;
        batch.push(await encryptChunk(current.dataKey, attachmentId, index, last, plaintext));
        plaintext.fill(0);
        index += 1;
        if (batch.length >= CHUNKS_PER_BATCH || last) {
          await this.io.stage(attachmentId, batch);
          batch = [];
        }
      }
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      // Damaged past its first chunk: it could not be opened before either.
      await this.io.dropStaging(attachmentId);
      counts.unreadable += 1;
      return;
    }
    if (await this.io.swap(attachmentId, readIvs)) counts.written += 1;
    else counts.skipped += 1;
  }

  /** A file's chunks in order, a few per read; `seen` hears of each before it is decrypted. */
  private async *readChunks(attachmentId: string, seen: (row: ChunkRow) => void): AsyncGenerator<EncryptedChunk, void, undefined> {
    let after: string | undefined;
    for (;;) {
      const rows = await this.io.readChunks(attachmentId, after, CHUNKS_PER_BATCH);
      for (const row of rows) {
        seen(row);
        // A gap in the keys reads as chunks out of order: the file is damaged, left as it was.
        yield { index: chunkIndex(attachmentId, row.id), iv: row.iv, data: row.data, last: row.last };
      }
      const lastRow = rows.at(-1);
      if (!lastRow || rows.length < CHUNKS_PER_BATCH) return;
      after = lastRow.id;
    }
  }
}

/**
 * Re-encrypts every row and file chunk not yet under `keys.current` (see the top of this file),
 * pass after pass until a pass finds nothing left. Resolves once every row opens under the new
 * key (or under neither); only then may the previous key go. Running again carries on.
 */
export function runRekey(keys: RekeyKeys, io: RekeyIo, options: RekeyOptions = {}): Promise<RekeyResult> {
  return new Rekeyer(keys, io, options).run();
}
