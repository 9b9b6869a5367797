// Writes an encrypted backup of everything: every link of the diary with its content, the
// diary's sealed head, saved checklist results, every file any held version refers to, a
// chunk at a time, and (content version 3) the items waiting in the sealed inbox, opened with
// the inbox's private key (the vault is unlocked) and carried inside the encrypted backup: those
// it lists (at most MAX_LISTED_ITEMS) that read back whole, except recordings still being made.
// What is left out is counted in the result, for the backup screen to say.

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
import { InboxError } from '../inbox/errors';
import { MAX_LISTED_ITEMS } from '../inbox/inbox';
import { readBytes } from '../store/attachments/readBytes';
import { BACKUP_CONTENT_VERSION, BACKUP_CONTENT_VERSION_WITHOUT_INBOX, type BackupMeta } from './backupRecords';
import { BACKUP_INBOX_CHUNK_BYTES, type BackupInboxSource } from './backupInbox';

export interface BackupSources {
  diary: DiaryRepository;
  attachments: AttachmentStore;
  checklists: ChecklistStore;
  /** The sealed inbox: its items are backed up too (without it, none are). */
  inbox?: BackupInboxSource;
}

export interface BackupSummary {
  createdAt: string;
  incidents: number;
  links: number;
  checklists: number;
  files: number;
  /** Items of the sealed inbox (New items) in the backup. */
  inboxItems: number;
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
  /** Inbox items that could not be opened or read on this device, so they are not in the backup. */
  damagedInboxItems: number;
  /** Recordings still being recorded when the backup was made, so they are not in it. */
  liveInboxItems: number;
  /**
   * Inbox items not in the backup because more are stored than the inbox lists (MAX_LISTED_ITEMS):
   * New items cannot show them either until some are made into incidents.
   */
  inboxItemsBeyondLimit: number;
}

/** The inbox's items as a backup takes them, and those it leaves out (told on the backup screen). */
interface InboxForBackup {
  /** Items that open and read back whole, oldest first: carried. */
  ids: string[];
  /** Items that could not be opened or read on this device. */
  damaged: number;
  /** Recordings still being recorded (in this tab or another). */
  live: number;
  /** Items stored beyond the MAX_LISTED_ITEMS that list() reads. */
  beyondLimit: number;
}

/**
 * Every inbox item that opens and reads back whole (its SHA-256 checked by the inbox), oldest
 * first, by id: read once here to count them for the info record, and again as each is written,
 * so only one item (at most 100 MiB) is in memory at a time. A damaged item is counted, not
 * carried: it stays in the inbox here. So is a recording still being recorded: carried now, it
 * would be restored as a recording cut off early (which it was not), and beside the whole
 * recording once finished, as a second, shorter one.
 */
async function inboxItemsOf(inbox: BackupInboxSource | undefined, signal: AbortSignal | undefined): Promise<InboxForBackup> {
  const taken: InboxForBackup = { ids: [], damaged: 0, live: 0, beyondLimit: 0 };
  if (!inbox) return taken;
  const listed = await inbox.list();
  // list() reads at most MAX_LISTED_ITEMS rows: only then can more be stored than it returned
  // (read after it, so an item added meanwhile, not in the backup either, is counted too).
  if (listed.length >= MAX_LISTED_ITEMS) taken.beyondLimit = Math.max(0, (await inbox.count()) - listed.length);
  for (const item of listed) {
    stopIfCancelled(signal);
    if (item.status !== 'ok') {
      taken.damaged += 1;
      continue;
    }
    if (item.live === true) {
      taken.live += 1;
      continue;
    }
    try {
      await inbox.read(item.id);
      taken.ids.push(item.id);
    } catch (error) {
      // The inbox's own failures (damaged, unreadable, gone meanwhile) only; storage or a lock stops the backup.
      if (!(error instanceof InboxError)) throw error;
      taken.damaged += 1;
    }
  }
  return taken;
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
  const inbox = await inboxItemsOf(sources.inbox, signal);
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
  const counts = { createdAt, links: records.length, checklists: checklists.length, files: files.length };
  // Without inbox items the file is exactly a version 2 backup, which an older Daybook restores.
  await addRecord(
    inbox.ids.length > 0
      ? { t: 'info', v: BACKUP_CONTENT_VERSION, ...counts, inbox: inbox.ids.length }
      : { t: 'info', v: BACKUP_CONTENT_VERSION_WITHOUT_INBOX, ...counts },
  );
  for (const { link, content, origin } of records)
    await addRecord(origin ? { t: 'rev', link, content, origin } : { t: 'rev', link, content });
  await addRecord({ t: 'seal', seal });
  for (const result of checklists) await addRecord({ t: 'check', result });
  const damagedFiles: AttachmentRef[] = [];
  const filesTotal = files.length + inbox.ids.length;
  if (filesTotal > 0) onProgress?.(0, filesTotal, 'files');
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
    onProgress?.(index + 1, filesTotal, 'files');
  }
  // The inbox's items last: a reader older than version 3 never meets them (it refuses the file first).
  for (const [index, id] of inbox.ids.entries()) {
    stopIfCancelled(signal);
    // Read a second time (it was read whole a moment ago): an item taken out of the inbox in
    // another tab meanwhile fails the backup (InboxError 'inbox/not-found') rather than leaving
    // the file short of the items its info record counts.
    const { meta, bytes } = await (sources.inbox as BackupInboxSource).read(id);
    await add({ t: 'inbox', meta });
    const chunks = Math.max(1, Math.ceil(bytes.size / BACKUP_INBOX_CHUNK_BYTES));
    for (let chunk = 0; chunk < chunks; chunk++) {
      const part = bytes.slice(chunk * BACKUP_INBOX_CHUNK_BYTES, (chunk + 1) * BACKUP_INBOX_CHUNK_BYTES);
      await add({ t: 'inbox-chunk', index: chunk, last: chunk === chunks - 1 }, await readBytes(part));
    }
    onProgress?.(files.length + index + 1, filesTotal, 'files');
  }
  stopIfCancelled(signal);
  const file = await writer.finish();
  const incidents = sources.diary.snapshot().entries.length;
  return {
    file,
    summary: {
      createdAt,
      incidents,
      links: records.length,
      checklists: checklists.length,
      files: files.length - damagedFiles.length,
      inboxItems: inbox.ids.length,
    },
    damagedFiles,
    damagedInboxItems: inbox.damaged,
    liveInboxItems: inbox.live,
    inboxItemsBeyondLimit: inbox.beyondLimit,
  };
}
