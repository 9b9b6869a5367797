// Writes an encrypted backup of everything: every link of the diary with its content, the
// diary's sealed head, saved checklist results, and every file any held version refers to, a
// chunk at a time.

import type { KdfCost } from '../crypto';
import { EncryptedFileWriter } from '../export/encryptedFile';
import { markLast } from '../export/markLast';
import { attachmentsOf } from '../export/selection';
import type { AttachmentRef } from '../model/incident';
import { AttachmentCorruptError, type AttachmentStore } from '../store/attachmentStore';
import type { ChecklistStore } from '../store/checklistStore';
import type { ChainSeal } from '../evidence';
import type { DiaryRepository, RevisionRecord } from '../store/diaryRepository';
import { stopIfCancelled, whileRunning } from '../workers/cancel';
import { BACKUP_CONTENT_VERSION, type BackupMeta } from './backupRecords';

export interface BackupSources {
  diary: DiaryRepository;
  attachments: AttachmentStore;
  checklists: ChecklistStore;
}

export interface BackupSummary {
  createdAt: string;
  incidents: number;
  links: number;
  checklists: number;
  files: number;
}

/**
 * What a backup's progress counts: 'records' the records written before the files (the
 * backup's description, every link, the seal, each checklist result), 'files' the files
 * finished (written, or found damaged). Each phase starts at 0 and ends at its total.
 */
export type BackupPhase = 'records' | 'files';

export interface BackupOptions {
  kdfCost?: KdfCost;
  now?: Date;
  /**
   * Checked before every record and every chunk: once aborted, no more is decrypted or
   * encrypted, what was written is dropped, and the call rejects with TaskCancelledError.
   */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, phase: BackupPhase) => void;
}

export interface CreatedBackup {
  file: Blob;
  summary: BackupSummary;
  /** Files whose stored bytes were damaged on this device, so they are not in the backup. */
  damagedFiles: AttachmentRef[];
}

/**
 * The records and the seal over them, taken together: the seal is read asynchronously, so a save
 * in another tab meanwhile would leave them apart (and the backup would no longer be recognised
 * as this diary's). Read again then; a diary that keeps changing gets what there is.
 */
async function recordsAndSeal(diary: DiaryRepository): Promise<{ records: readonly RevisionRecord[]; seal: ChainSeal }> {
  for (let attempt = 0; ; attempt++) {
    const records = diary.allRecords();
    const seal = await diary.currentSeal();
    // allRecords() hands out a new list after every change.
    if (diary.allRecords() === records || attempt === 4) return { records, seal };
  }
}

export async function createBackup(sources: BackupSources, passphrase: string, options: BackupOptions = {}): Promise<CreatedBackup> {
  const { signal, onProgress } = options;
  stopIfCancelled(signal);
  const { records, seal } = await recordsAndSeal(sources.diary);
  const checklists = await sources.checklists.list();
  const files = attachmentsOf([records]);
  const createdAt = (options.now ?? new Date()).toISOString();
  stopIfCancelled(signal);
  // A stop while the file key is derived ends the Argon2id worker, passphrase and all. Later,
  // the writer (and every frame it holds) is simply let go: nothing is returned.
  const writer = await EncryptedFileWriter.create({ kind: 'backup', passphrase, kdfCost: options.kdfCost, signal });
  const add = async (meta: BackupMeta, bytes?: Uint8Array) => {
    stopIfCancelled(signal);
    await writer.add(bytes ? { meta: { ...meta }, bytes } : { meta: { ...meta } });
  };
  let done = 0;
  const total = 2 + records.length + checklists.length;
  /** A record before the files: written, then counted. */
  const addRecord = async (meta: BackupMeta) => {
    await add(meta);
    onProgress?.(++done, total, 'records');
  };

  onProgress?.(0, total, 'records');
  await addRecord({
    t: 'info',
    v: BACKUP_CONTENT_VERSION,
    createdAt,
    links: records.length,
    checklists: checklists.length,
    files: files.length,
  });
  for (const { link, content, origin } of records)
    await addRecord(origin ? { t: 'rev', link, content, origin } : { t: 'rev', link, content });
  await addRecord({ t: 'seal', seal });
  for (const result of checklists) await addRecord({ t: 'check', result });
  const damagedFiles: AttachmentRef[] = [];
  if (files.length > 0) onProgress?.(0, files.length, 'files');
  for (const [index, ref] of files.entries()) {
    await add({ t: 'file', ref });
    // Chunks come out of the store decrypted one at a time, so a large video is never whole
    // in memory; the next chunk decides whether this one is the last. Leaving the loop early
    // (cancelled) closes the store's reader, so nothing more is decrypted.
    try {
      for await (const { bytes, index: chunk, last } of markLast(whileRunning(sources.attachments.plaintextChunks(ref), signal))) {
        await add({ t: 'chunk', id: ref.id, index: chunk, last }, bytes);
      }
    } catch (error) {
      // A file damaged on this device must not stop the rest of the diary being backed up.
      if (!(error instanceof AttachmentCorruptError)) throw error;
      await add({ t: 'broken', id: ref.id });
      damagedFiles.push(ref);
    }
    onProgress?.(index + 1, files.length, 'files');
  }
  stopIfCancelled(signal);
  const file = await writer.finish();
  const incidents = sources.diary.snapshot().entries.length;
  return {
    file,
    summary: { createdAt, incidents, links: records.length, checklists: checklists.length, files: files.length - damagedFiles.length },
    damagedFiles,
  };
}
