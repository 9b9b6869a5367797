// Applies a checked backup to this device's diary by its merge plan: files first (so no
// incident ever refers to a missing file), then the diary in one write, then checklist results.
// A failure while writing files removes the files this restore added; nothing else was written.
//
// A restore that deletes or changes incidents here (a backup of this same diary, further along,
// or one merged in that gives an incident here a version of its own: see MergePlan.changes)
// needs the diary passphrase confirmed first, after seeing exactly those changes; restoreBackup
// refuses it otherwise, whoever calls.

import type { AttachmentStore } from '../store/attachmentStore';
import type { ChecklistStore } from '../store/checklistStore';
import type { DiaryRepository } from '../store/diaryRepository';
import type { FileRecord } from '../export/encryptedFile';
import { GENESIS_HASH } from '../evidence';
import { parseBackupMeta } from './backupRecords';
import { backupRecords, type CheckedBackup } from './checkBackup';
import { planMerge, type MergePlan, type RestoreChange } from './mergePlan';
import { RestoreError, RestoreNotConfirmedError } from './restoreErrors';

export interface RestoreTargets {
  diary: DiaryRepository;
  attachments: AttachmentStore;
  checklists: ChecklistStore;
}

export interface RestoreOptions {
  /**
   * The changes the person was shown (MergePlan.changes of the plan on screen), passed only once
   * they have typed the diary passphrase again (vault.confirmPassphrase succeeded). The plan is
   * worked out again at restore: unless its changes are these (the same incidents, each deleted
   * or changed as shown), the restore is refused. Without it, a plan with changes is refused.
   */
  confirmed?: readonly RestoreChange[];
}

export interface RestoreResult {
  plan: MergePlan;
  addedFiles: number;
}

/** Whether this vault made the backup's seal, over exactly the backup's last link and size. */
async function sealedByThisDiary(backup: CheckedBackup, diary: DiaryRepository): Promise<boolean> {
  if (backup.seal === null) return false;
  const last = backup.records.at(-1)?.link.hash ?? GENESIS_HASH;
  return diary.isThisDiarysSeal(backup.seal, last, backup.records.length);
}

/** What restoring would do here, without doing it. */
export async function planRestore(backup: CheckedBackup, targets: RestoreTargets): Promise<MergePlan> {
  const [checklists, storedFileIds, sealed] = await Promise.all([
    targets.checklists.list(),
    targets.attachments.completeIds([...backup.files.keys()]),
    sealedByThisDiary(backup, targets.diary),
  ]);
  // The records are read after every await, so the plan is made against the diary as it now is.
  return planMerge(
    { records: targets.diary.allRecords(), checklistIds: new Set(checklists.map((c) => c.id)), storedFileIds },
    backup,
    sealed,
  );
}

/** The same incidents, each deleted or changed as in `shown` (in any order). */
function sameChanges(planned: readonly RestoreChange[], shown: readonly RestoreChange[]): boolean {
  const key = (change: RestoreChange) => JSON.stringify([change.entryId, change.kind]);
  const expected = new Set(shown.map(key));
  return planned.length === shown.length && expected.size === shown.length && planned.every((change) => expected.has(key(change)));
}

/** The chunks of one file from the records that follow its 'file' record. */
async function* chunksOf(records: AsyncIterator<FileRecord>, id: string): AsyncGenerator<{ bytes: Uint8Array; last: boolean }> {
  for (;;) {
    const next = await records.next();
    if (next.done) throw new RestoreError('truncated');
    const meta = parseBackupMeta(next.value.meta);
    if (meta?.t !== 'chunk' || meta.id !== id || !next.value.bytes) throw new RestoreError('corrupt');
    yield { bytes: next.value.bytes, last: meta.last };
    if (meta.last) return;
  }
}

async function restoreFiles(backup: CheckedBackup, plan: MergePlan, attachments: AttachmentStore, added: string[]): Promise<void> {
  const wanted = new Map(plan.files.map((ref) => [ref.id, ref]));
  if (wanted.size === 0) return;
  const records = backupRecords(backup.source)[Symbol.asyncIterator]();
  try {
    while (wanted.size > 0) {
      const next = await records.next();
      if (next.done) return;
      const meta = parseBackupMeta(next.value.meta);
      if (meta?.t !== 'file') continue;
      const ref = wanted.get(meta.ref.id);
      if (!ref) continue;
      await attachments.restore(ref, chunksOf(records, ref.id));
      added.push(ref.id);
      wanted.delete(ref.id);
    }
  } finally {
    await records.return?.(undefined);
  }
}

/**
 * Restores by the plan as it is now (worked out again). Throws RestoreNotConfirmedError, nothing
 * written, when that plan deletes or changes anything here and `options.confirmed` is not set,
 * or when `options.confirmed` is set and is not that plan's changes (the diary or the choice
 * changed since they were shown: show the plan again).
 */
export async function restoreBackup(backup: CheckedBackup, targets: RestoreTargets, options: RestoreOptions = {}): Promise<RestoreResult> {
  const plan = await planRestore(backup, targets);
  const { confirmed } = options;
  if (confirmed ? !sameChanges(plan.changes, confirmed) : plan.changes.length > 0) throw new RestoreNotConfirmedError();
  const added: string[] = [];
  try {
    await restoreFiles(backup, plan, targets.attachments, added);
    if (plan.verbatim.length > 0) await targets.diary.appendVerbatim(plan.verbatim);
    if (plan.imported.length > 0) await targets.diary.appendImported(plan.imported);
  } catch (error) {
    await targets.attachments.removeAll(added).catch(() => undefined);
    throw error;
  }
  // Results are independent records: one failing leaves the diary restored, and restoring
  // again adds only what is missing.
  for (const result of plan.checklists) await targets.checklists.save(result);
  return { plan, addedFiles: added.length };
}
