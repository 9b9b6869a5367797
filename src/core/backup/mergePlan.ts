// How a backup joins the diary on this device, worked out before anything is written.
//
// - The same diary, further along in the backup (or an empty diary here): its links are
//   copied exactly, so the chain, its times and its head are the backup's.
// - The same diary, already as far here: nothing to add.
// - Diaries that went their own ways (a new diary started before the backup was restored):
//   each revision not already here is appended as a new link of this chain, carrying its
//   origin (first written when, and its link there). A revision is "already here" when its
//   original content hash is one of this chain's or one an earlier import recorded, so
//   restoring the same backup twice adds nothing. A restore never deletes anything here.

import type { SavedChecklistResult } from '../checklist/result';
import type { RevisionContent } from '../evidence';
import type { AttachmentRef, Incident } from '../model/incident';
import type { RevisionRecord } from '../store/diaryRepository';
import { newRecordId } from '../store/encryptedTable';
import type { CheckedBackup } from './checkBackup';
import { RestoreError } from './restoreErrors';

export interface ImportedRevision {
  entryId: string;
  content: RevisionContent<Incident>;
}

export interface MergePlan {
  relation: 'empty' | 'behind' | 'same' | 'diverged';
  /** Links that continue this chain exactly ('empty' or 'behind'). */
  verbatim: RevisionRecord[];
  /** Revisions appended as new links ('diverged'). */
  imported: ImportedRevision[];
  checklists: SavedChecklistResult[];
  /** Files to bring in: referred to after the restore, carried by the backup, not stored here. */
  files: AttachmentRef[];
  /** Incidents that will appear here for the first time. */
  newIncidents: number;
  /** Incidents already here that gain versions. */
  updatedIncidents: number;
  /** Incidents here that the backup (the same diary, further along) records as deleted. */
  deletedIncidents: number;
}

export interface MergeTarget {
  records: readonly RevisionRecord[];
  checklistIds: ReadonlySet<string>;
  storedFileIds: ReadonlySet<string>;
}

type BackupPart = Pick<CheckedBackup, 'records' | 'checklists' | 'files'> & { verification?: CheckedBackup['verification'] };

function relationOf(here: readonly RevisionRecord[], there: readonly RevisionRecord[]): MergePlan['relation'] {
  if (here.length === 0) return 'empty';
  const hereLast = here[here.length - 1];
  const thereAtHere = there[here.length - 1];
  if (there.length >= here.length && thereAtHere && hereLast && thereAtHere.link.hash === hereLast.link.hash) {
    return there.length === here.length ? 'same' : 'behind';
  }
  const thereLast = there[there.length - 1];
  const hereAtThere = here[there.length - 1];
  if (there.length === 0 || (thereLast && hereAtThere && thereLast.link.hash === hereAtThere.link.hash)) return 'same';
  return 'diverged';
}

/** The hash a revision's content had where it was first written. */
function originalHash(record: RevisionRecord): string {
  return record.content?.origin?.contentHash ?? record.origin?.contentHash ?? record.link.contentHash;
}

/** A version held here, to be linked again: same salt and body, saying where it was first written. */
function relinked(record: RevisionRecord, content: RevisionContent<Incident>): RevisionContent<Incident> {
  const origin = content.origin ?? { recordedAt: record.link.recordedAt, contentHash: record.link.contentHash, linkHash: record.link.hash };
  return { v: 1, salt: content.salt, body: content.body, origin };
}

function importsFor(here: readonly RevisionRecord[], there: readonly RevisionRecord[]): ImportedRevision[] {
  const known = new Set(here.map(originalHash));
  const deletedHere = new Set(here.filter((r) => r.link.kind === 'tombstone').map((r) => r.link.entryId));
  const latestHere = new Map<string, RevisionRecord>();
  for (const record of here) if (record.link.kind === 'revision' && record.content) latestHere.set(record.link.entryId, record);
  /** Where each backup entry's revisions go here (a fresh id when the entry was deleted here). */
  const target = new Map<string, string>();
  const importsByEntry = new Map<string, ImportedRevision[]>();
  const imported: ImportedRevision[] = [];
  for (const record of there) {
    const { link, content } = record;
    if (link.kind !== 'revision' || content === null) continue;
    const hash = originalHash(record);
    if (known.has(hash)) continue;
    known.add(hash);
    // An entry deleted here stays deleted: a version of it the backup has and this diary
    // never saw comes back as an incident of its own rather than be lost.
    let entryId = target.get(link.entryId);
    if (entryId === undefined) {
      entryId = deletedHere.has(link.entryId) ? newRecordId() : link.entryId;
      target.set(link.entryId, entryId);
    }
    const origin = content.origin ?? { recordedAt: link.recordedAt, contentHash: link.contentHash, linkHash: link.hash };
    const item: ImportedRevision = { entryId, content: { v: 1, salt: content.salt, body: content.body, origin } };
    imported.push(item);
    importsByEntry.set(entryId, [...(importsByEntry.get(entryId) ?? []), item]);
  }
  // Versions arrive in the backup's chain order, not the order they were written. The version
  // shown must be the newest one written, wherever: if that is not the last one appended, it is
  // linked again at the end (carrying where and when it was first written), and the history
  // keeps every version.
  for (const [entryId, items] of importsByEntry) {
    const local = deletedHere.has(entryId) ? undefined : latestHere.get(entryId);
    const candidates = items.map((item) => item.content);
    if (local?.content) candidates.push(relinked(local, local.content));
    const newest = candidates.reduce((a, b) => ((b.origin?.recordedAt ?? '') > (a.origin?.recordedAt ?? '') ? b : a));
    if (newest !== items[items.length - 1]?.content) imported.push({ entryId, content: newest });
  }
  return imported;
}

export function planMerge(target: MergeTarget, backup: BackupPart): MergePlan {
  const here = target.records;
  const there = backup.records;
  const relation = relationOf(here, there);
  // A chain that does not verify is restored only into an empty diary, copied as it is: merged,
  // its entries would gain fresh, sound links and the break would no longer show.
  if (backup.verification && !backup.verification.ok && relation !== 'empty' && relation !== 'same') {
    throw new RestoreError('diary-does-not-verify');
  }
  // A version set aside (its content not restored) whose content did not match its link: even
  // into an empty diary, restoring would drop the very content that shows the break.
  const broken = backup.verification && !backup.verification.ok ? backup.verification : null;
  if (broken?.reason === 'content-mismatch' && there[broken.brokenAt]?.content === null) {
    throw new RestoreError('set-aside-does-not-verify');
  }
  const verbatim = relation === 'empty' || relation === 'behind' ? there.slice(here.length) : [];
  const imported = relation === 'diverged' ? importsFor(here, there) : [];

  const entriesHere = new Set(here.map((r) => r.link.entryId));
  // Incidents that will show something they did not: a version with content (not a version set
  // aside or erased, and not an entry the same records go on to delete).
  const deletedThere = new Set(verbatim.filter((r) => r.link.kind === 'tombstone').map((r) => r.link.entryId));
  const touched = new Set([
    ...verbatim
      .filter((r) => r.link.kind === 'revision' && r.content !== null && !deletedThere.has(r.link.entryId))
      .map((r) => r.link.entryId),
    ...imported.map((i) => i.entryId),
  ]);
  const newIncidents = [...touched].filter((id) => !entriesHere.has(id)).length;
  const deletedHere = new Set(here.filter((r) => r.link.kind === 'tombstone').map((r) => r.link.entryId));
  const deletedIncidents = new Set(
    verbatim
      .filter((r) => r.link.kind === 'tombstone' && entriesHere.has(r.link.entryId) && !deletedHere.has(r.link.entryId))
      .map((r) => r.link.entryId),
  ).size;

  const referenced = new Set<string>();
  for (const { content } of [...here, ...verbatim]) for (const ref of content?.body.attachments ?? []) referenced.add(ref.id);
  for (const { content } of imported) for (const ref of content.body.attachments) referenced.add(ref.id);
  const files = [...backup.files.values()].filter((ref) => referenced.has(ref.id) && !target.storedFileIds.has(ref.id));

  return {
    relation,
    verbatim,
    imported,
    checklists: backup.checklists.filter((c) => !target.checklistIds.has(c.id)),
    files,
    newIncidents,
    updatedIncidents: touched.size - newIncidents,
    deletedIncidents,
  };
}

/** True when restoring would change nothing here. */
export function planIsEmpty(plan: MergePlan): boolean {
  return plan.verbatim.length === 0 && plan.imported.length === 0 && plan.checklists.length === 0 && plan.files.length === 0;
}
