// Applies a checked backup to this device's diary by its merge plan: files first (so no
// incident ever refers to a missing file), with the sealed inbox's items (content version 3)
// sealed again into this vault's inbox as they come, then the diary in one write, then checklist
// results. A failure while writing files or inbox items removes the files and items this restore
// added; nothing else was written. Inbox items go in only while the inbox holds fewer than it
// lists (MAX_LISTED_ITEMS, counted as the restore begins): the rest are counted, not written.
// Stopping (options.signal) is heard only while files are written, and is handled the same way;
// once the diary's records are being written it is ignored, so no diary is left half-restored.
//
// A restore that deletes or changes incidents here (a backup of this same diary, further along,
// or one merged in that gives an incident here a version of its own: see MergePlan.changes)
// needs the diary passphrase confirmed first, after seeing exactly those changes; restoreBackup
// refuses it otherwise, whoever calls.

import type { AttachmentStore } from '../store/attachmentStore';
import type { ChecklistStore } from '../store/checklistStore';
import type { DiaryRepository } from '../store/diaryRepository';
import type { FileRecord } from '../export/encryptedFile';
import type { CountProgress } from '../workers/protocol';
import { TaskCancelledError } from '../workers/runTask';
import { GENESIS_HASH } from '../evidence';
import { MAX_LISTED_ITEMS } from '../inbox/inbox';
import type { InboxItemMeta } from '../inbox/seal';
import { attachmentsOf } from '../export/selection';
import { inboxItemKey, inboxItemsToAdd, type BackupInbox } from './backupInbox';
import { parseBackupMeta } from './backupRecords';
import { backupRecords, type CheckedBackup } from './checkBackup';
import { planMerge, type MergePlan, type RestoreChange } from './mergePlan';
import { RestoreError, RestoreNotConfirmedError } from './restoreErrors';

export interface RestoreTargets {
  diary: DiaryRepository;
  attachments: AttachmentStore;
  checklists: ChecklistStore;
  /** This vault's sealed inbox: the backup's inbox items go there (without it, none are restored). */
  inbox?: BackupInbox;
}

export interface RestoreOptions {
  /**
   * The changes the person was shown (MergePlan.changes of the plan on screen), passed only once
   * they have typed the diary passphrase again (vault.confirmPassphrase succeeded). The plan is
   * worked out again at restore: unless its changes are these (the same incidents, each deleted
   * or changed as shown), the restore is refused. Without it, a plan with changes is refused.
   */
  confirmed?: readonly RestoreChange[];
  /**
   * Stops the restore while it writes files: the files it added are removed and it rejects with
   * TaskCancelledError, nothing written. Ignored once the diary's records are being written.
   */
  signal?: AbortSignal;
  /** How far it has got (see RestoreProgress); called in order, never going back. */
  onProgress?: (progress: RestoreProgress) => void;
}

/**
 * 'files': bytes of the files to add, written so far. 'records': the diary's records and
 * checklist results written so far (the diary's in one step): from here on it cannot be stopped.
 */
export type RestoreProgress = CountProgress<'files' | 'records'> & { phase: 'files' | 'records' };

export interface RestoreResult {
  plan: MergePlan;
  addedFiles: number;
  /** Inbox items sealed into this vault's inbox (shown in New items). */
  addedInboxItems: number;
  /** Inbox items of the backup not restored because the inbox was full (plan.inboxItemsWithoutRoom). */
  inboxItemsWithoutRoom: number;
}

/** Whether this vault made the backup's seal, over exactly the backup's last link and size. */
async function sealedByThisDiary(backup: CheckedBackup, diary: DiaryRepository): Promise<boolean> {
  if (backup.seal === null) return false;
  const last = backup.records.at(-1)?.link.hash ?? GENESIS_HASH;
  return diary.isThisDiarysSeal(backup.seal, last, backup.records.length);
}

/** What restoring would do here, without doing it. */
export async function planRestore(backup: CheckedBackup, targets: RestoreTargets): Promise<MergePlan> {
  // A backup checked before version 3 (or handed over without it) has no inbox items.
  const backupInbox = backup.inbox ?? [];
  const inbox = backupInbox.length > 0 ? targets.inbox : undefined;
  const [checklists, storedFileIds, sealed, inboxHere, storedHere] = await Promise.all([
    targets.checklists.list(),
    targets.attachments.completeIds([...backup.files.keys()]),
    sealedByThisDiary(backup, targets.diary),
    inbox ? inbox.list() : Promise.resolve([]),
    inbox ? inbox.count() : Promise.resolve(0),
  ]);
  // The records are read after every await, so the plan is made against the diary as it now is.
  const records = targets.diary.allRecords();
  const plan = planMerge({ records, checklistIds: new Set(checklists.map((c) => c.id)), storedFileIds }, backup, sealed);
  if (!inbox) return plan;
  // An item made into an incident here, or in the backup, is that incident's file now.
  const filesHere = attachmentsOf([records, backup.records]);
  const toAdd = inboxItemsToAdd(backupInbox, inboxHere, filesHere);
  // New items lists at most MAX_LISTED_ITEMS: an item restored beyond them could never be shown
  // (nor made into an incident, nor backed up again). The backup's first ones fit (Daybook writes the oldest first).
  const room = Math.max(0, MAX_LISTED_ITEMS - Math.max(storedHere, inboxHere.length));
  return { ...plan, inboxItems: toAdd.slice(0, room), inboxItemsWithoutRoom: Math.max(0, toAdd.length - room) };
}

/** The same incidents, each deleted or changed as in `shown` (in any order). */
function sameChanges(planned: readonly RestoreChange[], shown: readonly RestoreChange[]): boolean {
  const key = (change: RestoreChange) => JSON.stringify([change.entryId, change.kind]);
  const expected = new Set(shown.map(key));
  return planned.length === shown.length && expected.size === shown.length && planned.every((change) => expected.has(key(change)));
}

function stopIfAsked(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TaskCancelledError();
}

/** Counts the bytes of the files written, and tells. */
interface FileProgress {
  signal: AbortSignal | undefined;
  wrote: (bytes: number) => void;
}

/**
 * The chunks of one file from the records that follow its 'file' record. A stop ends it with
 * TaskCancelledError, which attachments.restore answers by removing the part it wrote.
 */
async function* chunksOf(
  records: AsyncIterator<FileRecord>,
  id: string,
  progress: FileProgress,
): AsyncGenerator<{ bytes: Uint8Array; last: boolean }> {
  for (;;) {
    stopIfAsked(progress.signal);
    const next = await records.next();
    if (next.done) throw new RestoreError('truncated');
    const meta = parseBackupMeta(next.value.meta);
    if (meta?.t !== 'chunk' || meta.id !== id || !next.value.bytes) throw new RestoreError('corrupt');
    yield { bytes: next.value.bytes, last: meta.last };
    // Counted once stored (or batched to be): attachments.restore asks for the next one only then.
    progress.wrote(next.value.bytes.byteLength);
    if (meta.last) return;
  }
}

/**
 * An inbox item's bytes from the records that follow its 'inbox' record, whole (as the inbox
 * seals them): at most its meta's size, checked while reading; resealInboxItem checks the
 * SHA-256 again before anything is written.
 */
async function inboxItemBytes(records: AsyncIterator<FileRecord>, meta: InboxItemMeta, progress: FileProgress): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (let index = 0; ; index++) {
    stopIfAsked(progress.signal);
    const next = await records.next();
    if (next.done) throw new RestoreError('truncated');
    const chunk = parseBackupMeta(next.value.meta);
    const bytes = next.value.bytes;
    if (chunk?.t !== 'inbox-chunk' || chunk.index !== index || !bytes) throw new RestoreError('corrupt');
    size += bytes.byteLength;
    if (size > meta.size) throw new RestoreError('corrupt');
    parts.push(new Uint8Array(bytes));
    progress.wrote(bytes.byteLength);
    if (chunk.last) return new Blob(parts, { type: meta.type });
  }
}

/** Where the files and inbox items this restore wrote are noted, to be taken out again on failure. */
interface Added {
  files: string[];
  inboxItems: string[];
}

async function restoreFiles(
  backup: CheckedBackup,
  plan: MergePlan,
  targets: RestoreTargets,
  added: Added,
  progress: FileProgress,
): Promise<void> {
  const wanted = new Map(plan.files.map((ref) => [ref.id, ref]));
  const inbox = targets.inbox;
  const wantedItems = new Set(inbox ? (plan.inboxItems ?? []).map(inboxItemKey) : []);
  if (wanted.size === 0 && wantedItems.size === 0) return;
  const records = backupRecords(backup.source)[Symbol.asyncIterator]();
  try {
    while (wanted.size > 0 || wantedItems.size > 0) {
      stopIfAsked(progress.signal);
      const next = await records.next();
      if (next.done) return;
      const meta = parseBackupMeta(next.value.meta);
      if (meta?.t === 'inbox' && inbox && wantedItems.delete(inboxItemKey(meta.meta))) {
        const bytes = await inboxItemBytes(records, meta.meta, progress);
        stopIfAsked(progress.signal);
        added.inboxItems.push(await inbox.reseal(meta.meta, bytes));
        continue;
      }
      if (meta?.t !== 'file') continue;
      const ref = wanted.get(meta.ref.id);
      if (!ref) continue;
      await targets.attachments.restore(ref, chunksOf(records, ref.id, progress));
      added.files.push(ref.id);
      wanted.delete(ref.id);
    }
  } finally {
    await records.return?.(undefined);
  }
}

/**
 * Takes out what a failed or stopped restore wrote: its files, then its inbox items, each tried
 * even when an earlier one fails (a file left behind must not keep the items in New items too).
 * Throws the first failure once all were tried.
 */
async function removeAdded(targets: RestoreTargets, added: Added): Promise<void> {
  const failures: unknown[] = [];
  const attempt = async (remove: () => Promise<void>) => {
    try {
      await remove();
    } catch (error) {
      failures.push(error);
    }
  };
  await attempt(() => targets.attachments.removeAll(added.files));
  const inbox = targets.inbox;
  if (inbox) for (const id of added.inboxItems) await attempt(() => inbox.remove(id));
  if (failures.length > 0) throw failures[0];
}

/**
 * Restores by the plan as it is now (worked out again). Throws RestoreNotConfirmedError, nothing
 * written, when that plan deletes or changes anything here and `options.confirmed` is not set,
 * or when `options.confirmed` is set and is not that plan's changes (the diary or the choice
 * changed since they were shown: show the plan again). Rejects with TaskCancelledError when
 * `options.signal` stops it before the diary's records are written: the files it added are
 * removed again, nothing else was written.
 */
export async function restoreBackup(backup: CheckedBackup, targets: RestoreTargets, options: RestoreOptions = {}): Promise<RestoreResult> {
  const { confirmed, signal, onProgress } = options;
  stopIfAsked(signal);
  const plan = await planRestore(backup, targets);
  if (confirmed ? !sameChanges(plan.changes, confirmed) : plan.changes.length > 0) throw new RestoreNotConfirmedError();
  const inboxItems = targets.inbox ? (plan.inboxItems ?? []) : [];
  const fileBytes = plan.files.reduce((sum, ref) => sum + ref.size, 0) + inboxItems.reduce((sum, meta) => sum + meta.size, 0);
  let written = 0;
  // A file whose chunks add up to more than its ref says is refused by attachments.restore;
  // the count still never passes the total.
  const files: FileProgress = {
    signal,
    wrote: (bytes) => {
      written = Math.min(fileBytes, written + bytes);
      onProgress?.({ phase: 'files', done: written, total: fileBytes });
    },
  };
  const diaryRecords = plan.verbatim.length + plan.imported.length;
  const recordsTotal = diaryRecords + plan.checklists.length;
  const added: Added = { files: [], inboxItems: [] };
  try {
    if (plan.files.length > 0 || inboxItems.length > 0) onProgress?.({ phase: 'files', done: 0, total: fileBytes });
    await restoreFiles(backup, plan, targets, added, files);
    // The last moment a stop is heard: from here the diary is written whatever happens.
    stopIfAsked(signal);
    onProgress?.({ phase: 'records', done: 0, total: recordsTotal });
    if (plan.verbatim.length > 0) await targets.diary.appendVerbatim(plan.verbatim);
    if (plan.imported.length > 0) await targets.diary.appendImported(plan.imported);
  } catch (error) {
    try {
      await removeAdded(targets, added);
    } catch (removal) {
      // A stop says nothing was written: when the files could not be taken out again, the
      // storage failure is told instead.
      if (error instanceof TaskCancelledError) throw removal;
    }
    throw error;
  }
  onProgress?.({ phase: 'records', done: diaryRecords, total: recordsTotal });
  // Results are independent records: one failing leaves the diary restored, and restoring
  // again adds only what is missing.
  let done = diaryRecords;
  for (const result of plan.checklists) {
    await targets.checklists.save(result);
    done += 1;
    onProgress?.({ phase: 'records', done, total: recordsTotal });
  }
  return {
    plan,
    addedFiles: added.files.length,
    addedInboxItems: added.inboxItems.length,
    inboxItemsWithoutRoom: plan.inboxItemsWithoutRoom ?? 0,
  };
}
