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

export async function createBackup(
  sources: BackupSources,
  passphrase: string,
  options: { kdfCost?: KdfCost; now?: Date; onProgress?: (done: number, total: number) => void } = {},
): Promise<CreatedBackup> {
  const { records, seal } = await recordsAndSeal(sources.diary);
  const checklists = await sources.checklists.list();
  const files = attachmentsOf([records]);
  const createdAt = (options.now ?? new Date()).toISOString();
  const writer = await EncryptedFileWriter.create({ kind: 'backup', passphrase, kdfCost: options.kdfCost });
  const add = (meta: BackupMeta, bytes?: Uint8Array) => writer.add(bytes ? { meta: { ...meta }, bytes } : { meta: { ...meta } });

  await add({ t: 'info', v: BACKUP_CONTENT_VERSION, createdAt, links: records.length, checklists: checklists.length, files: files.length });
  for (const { link, content, origin } of records) await add(origin ? { t: 'rev', link, content, origin } : { t: 'rev', link, content });
  await add({ t: 'seal', seal });
  for (const result of checklists) await add({ t: 'check', result });
  const total = files.reduce((sum, ref) => sum + ref.size, 0);
  let done = 0;
  const damagedFiles: AttachmentRef[] = [];
  for (const ref of files) {
    await add({ t: 'file', ref });
    // Chunks come out of the store decrypted one at a time, so a large video is never whole
    // in memory; the next chunk decides whether this one is the last.
    try {
      for await (const { bytes, index, last } of markLast(sources.attachments.plaintextChunks(ref))) {
        await add({ t: 'chunk', id: ref.id, index, last }, bytes);
        done += bytes.byteLength;
        options.onProgress?.(done, total);
      }
    } catch (error) {
      // A file damaged on this device must not stop the rest of the diary being backed up.
      if (!(error instanceof AttachmentCorruptError)) throw error;
      await add({ t: 'broken', id: ref.id });
      damagedFiles.push(ref);
    }
  }
  const file = await writer.finish();
  const incidents = sources.diary.snapshot().entries.length;
  return {
    file,
    summary: { createdAt, incidents, links: records.length, checklists: checklists.length, files: files.length - damagedFiles.length },
    damagedFiles,
  };
}
