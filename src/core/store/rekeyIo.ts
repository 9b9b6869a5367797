// The storage side of re-encrypting under a new data key (rekey.ts): IndexedDB on the page, each
// write in one short transaction that stores a row only if it is still the row that was read.

import { bytesEqual } from '../crypto/encoding';
import type { EncryptedChunk } from '../crypto/blobs';
import { attachmentIdOf, chunkId, chunkRange } from './attachments/chunkIds';
import type { ChunkRow, DaybookDatabase, EncryptedTableName } from './db';
import { runRekey, TABLES, type RekeyIo, type RekeyKeys, type RekeyOptions, type RekeyResult } from './rekey';
import { guardStorage, toStorageError } from './storageErrors';

/**
 * Staging rows for a file's re-encrypted chunks: `\uffff` first, which no attachment id can
 * contain (model/incident.ts isAttachmentId), so no attachment's key range holds them and no
 * staging key looks like a first chunk (AttachmentStore.storedIds()).
 */
const STAGING_PREFIX = '\uffffrekey\u0000';
const stagingPrefix = (attachmentId: string) => `${STAGING_PREFIX}${attachmentId}\u0000`;
const stagingId = (attachmentId: string, index: number) => `${stagingPrefix(attachmentId)}${String(index).padStart(8, '0')}`;
const STAGING_RANGE = { lower: STAGING_PREFIX, upper: `${STAGING_PREFIX}\uffff` };

/** A row moved on by someone else meanwhile: the whole swap is given up (rolled back). */
class ChangedMeanwhile extends Error {}

export interface RekeyIoOptions {
  /** Called before every storage call: throws once the vault is locked, which stops the run. */
  check?: () => void;
  /** Tests: called before every write; a throw stops the run as a crash would. */
  beforeWrite?: () => void | Promise<void>;
  /** Awaited before every read but the first (tests hold a run mid-way with it). */
  pause?: () => Promise<void>;
}

/** RekeyIo over the app's database. */
export function dexieRekeyIo(db: DaybookDatabase, options: RekeyIoOptions = {}): RekeyIo {
  let reads = 0;
  const beforeRead = async () => {
    options.check?.();
    if (reads++ > 0 && options.pause) await options.pause();
    options.check?.();
  };
  const beforeWrite = async () => {
    options.check?.();
    await options.beforeWrite?.();
  };
  const staged = (attachmentId: string) =>
    db.chunks.where('id').between(stagingPrefix(attachmentId), `${stagingPrefix(attachmentId)}\uffff`, true, true);
  return {
    async count() {
      options.check?.();
      return guardStorage('read', () =>
        db.transaction('r', [...TABLES.map((name) => db.encrypted(name)), db.chunks], async () => {
          const counts = await Promise.all(TABLES.map((name) => db.encrypted(name).count()));
          const staging = await db.chunks.where('id').between(STAGING_RANGE.lower, STAGING_RANGE.upper, true, true).count();
          return counts.reduce((a, b) => a + b, 0) + (await db.chunks.count()) - staging;
        }),
      );
    },
    async readRows(name: EncryptedTableName, after, limit) {
      await beforeRead();
      const table = db.encrypted(name);
      return guardStorage('read', () =>
        (after === undefined ? table.orderBy('id') : table.where('id').above(after)).limit(limit).toArray(),
      );
    },
    async writeRows(name, writes) {
      await beforeWrite();
      const table = db.encrypted(name);
      return guardStorage('write', () =>
        db.transaction('rw', table, async () => {
          let stored = 0;
          for (const { row, readIv } of writes) {
            const now = await table.get(row.id);
            if (!now || !bytesEqual(now.iv, readIv)) continue;
            await table.put(row);
            stored += 1;
          }
          return stored;
        }),
      );
    },
    async clearStaging() {
      await beforeWrite();
      await guardStorage('write', () => db.chunks.where('id').between(STAGING_RANGE.lower, STAGING_RANGE.upper, true, true).delete());
    },
    async files() {
      await beforeRead();
      const keys = await guardStorage('read', () => db.chunks.toCollection().primaryKeys());
      const files = new Map<string, number>();
      for (const key of keys) {
        if (key.startsWith(STAGING_PREFIX)) continue;
        const id = attachmentIdOf(key);
        files.set(id, (files.get(id) ?? 0) + 1);
      }
      return [...files];
    },
    async firstChunk(attachmentId) {
      await beforeRead();
      return guardStorage('read', () => db.chunks.get(chunkId(attachmentId, 0)));
    },
    async readChunks(attachmentId, after, limit) {
      await beforeRead();
      const { lower, upper } = chunkRange(attachmentId);
      return guardStorage('read', () =>
        db.chunks
          .where('id')
          .between(after ?? lower, upper, after === undefined, true)
          .limit(limit)
          .toArray(),
      );
    },
    async stage(attachmentId, chunks: EncryptedChunk[]) {
      await beforeWrite();
      const rows: ChunkRow[] = chunks.map((chunk) => ({
        id: stagingId(attachmentId, chunk.index),
        iv: chunk.iv,
        data: chunk.data,
        last: chunk.last,
      }));
      await guardStorage('write', () => db.transaction('rw', db.chunks, () => db.chunks.bulkPut(rows)));
    },
    async swap(attachmentId, readIvs) {
      await beforeWrite();
      const { lower, upper } = chunkRange(attachmentId);
      try {
        await db.transaction('rw', db.chunks, async () => {
          if ((await db.chunks.where('id').between(lower, upper, true, true).count()) !== readIvs.length) throw new ChangedMeanwhile();
          for (const [index, iv] of readIvs.entries()) {
            const real = await db.chunks.get(chunkId(attachmentId, index));
            if (!real || !bytesEqual(real.iv, iv)) throw new ChangedMeanwhile();
          }
          // One chunk in memory at a time: only IndexedDB requests are awaited in here.
          for (const index of readIvs.keys()) {
            const row = await db.chunks.get(stagingId(attachmentId, index));
            if (!row) throw new ChangedMeanwhile();
            await db.chunks.put({ ...row, id: chunkId(attachmentId, index) });
            await db.chunks.delete(row.id);
          }
        });
        return true;
      } catch (error) {
        if (!(error instanceof ChangedMeanwhile)) throw toStorageError(error, 'write');
        await guardStorage('write', () => staged(attachmentId).delete());
        return false;
      }
    },
    async dropStaging(attachmentId) {
      await guardStorage('write', () => staged(attachmentId).delete());
    },
  };
}

/** Re-encrypts here, on this thread (tests, and where no worker starts): see rekey.ts. */
export function rekeyAll(db: DaybookDatabase, keys: RekeyKeys, options: RekeyOptions & RekeyIoOptions = {}): Promise<RekeyResult> {
  return runRekey(keys, dexieRekeyIo(db, options), options);
}
