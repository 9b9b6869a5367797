// How a backup joins the diary on this device, worked out before anything is written.
//
// - This same diary, further along in the backup: its links are copied exactly, so the chain, its
//   times and its head are the backup's, and the deletions and edits it carries happen here too.
//   "This same diary" means the backup's seal verifies under this vault's chain key and matches
//   its last link and size: nothing else can be told from a copy. A chain anyone can rebuild
//   from a JSON export's links, continuing this one link for link, is not this diary.
// - This same diary, already as far here: nothing to add.
// - An empty diary here: the links are copied as they are (nothing here can be deleted or
//   changed), whoever sealed them; the plan says whether it was this vault.
// - Anything else (another diary, one that went its own way, a version 1 backup with no seal, a
//   seal this vault did not make): each revision not already here is appended as a new link of
//   this chain, keeping its content version and carrying its origin (first written when, and
//   its link there). A revision is "already here" when its original content hash is one of this
//   chain's or one an earlier import recorded, so restoring the same backup twice adds nothing.
//   Nothing here is deleted or overwritten, but an incident shown here that gains a version can
//   show another one after (the one said to be written last, by a time the backup claims), so
//   the plan lists it in `changes` and the restore needs the diary passphrase confirmed.

import type { InboxItemMeta } from '../inbox/seal';
import type { SavedChecklistResult } from '../checklist/result';
import { excerpt } from '../model/excerpt';
import type { RevisionContent, RevisionOrigin } from '../evidence';
import { isOrderBody, type EntryBody } from '../model/entryBody';
import type { AttachmentRef, IncidentWhen } from '../model/incident';
import type { RevisionRecord } from '../store/diaryRepository';
import { newRecordId } from '../store/encryptedTable';
import type { CheckedBackup } from './checkBackup';
import { RestoreError } from './restoreErrors';

export interface ImportedRevision {
  entryId: string;
  content: RevisionContent<EntryBody>;
}

/** An incident here that a restore would delete or give a new version, as the timeline names it. */
export interface RestoreChange {
  entryId: string;
  /** The start of what happened (the version shown here now). */
  title: string;
  /** When it happened (the version shown here now). */
  happened: IncidentWhen;
  kind: 'deleted' | 'changed';
}

/** How long a change's title is: a line of a list, as the export's incident picker shows it. */
const TITLE_LENGTH = 80;

export interface MergePlan {
  /**
   * - 'empty': nothing here; the backup's links are copied as they are.
   * - 'behind': this same diary (sealed by this vault), further along; its newer links are copied.
   * - 'same': this same diary, no further along than here; nothing to add to the chain.
   * - 'merged': anything else; revisions not already here are appended, each with its origin.
   */
  relation: 'empty' | 'behind' | 'same' | 'merged';
  /** The backup's seal verified under this vault's key and matched its last link and size. */
  sealedByThisDiary: boolean;
  /** Links that continue this chain exactly ('empty' or 'behind'). */
  verbatim: RevisionRecord[];
  /** Revisions appended as new links ('merged'). */
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
  /**
   * Incidents shown here now that the restore deletes or gives a version, in the order it first
   * touches them: a 'behind' plan's copied links (deleted or 'changed'), or a 'merged' plan's
   * versions from another diary ('changed' only: nothing is deleted, but a version's claimed
   * origin time can make it the one shown). An 'empty' or 'same' plan has none. Restoring a plan
   * with any, whatever its relation, needs the diary passphrase confirmed first.
   */
  changes: RestoreChange[];
  /**
   * Items of the sealed inbox the backup carries that are not here yet (not in the inbox, and
   * not made into an incident: see backupInbox.ts inboxItemsToAdd), sealed into this vault's
   * inbox by the restore. Set by planRestore; absent (none) when the restore has no inbox to fill.
   */
  inboxItems?: InboxItemMeta[];
  /**
   * Items of the backup not here yet that are left out because the inbox would then hold more
   * than it lists (MAX_LISTED_ITEMS, inbox.ts), so New items could never show them. Set with inboxItems.
   */
  inboxItemsWithoutRoom?: number;
}

export interface MergeTarget {
  records: readonly RevisionRecord[];
  checklistIds: ReadonlySet<string>;
  storedFileIds: ReadonlySet<string>;
}

type BackupPart = Pick<CheckedBackup, 'records' | 'checklists' | 'files'> & { verification?: CheckedBackup['verification'] };

function relationOf(here: readonly RevisionRecord[], there: readonly RevisionRecord[], sealedByThisDiary: boolean): MergePlan['relation'] {
  if (here.length === 0) return 'empty';
  // Only a chain this vault sealed may carry deletions and edits into this one.
  if (!sealedByThisDiary) return 'merged';
  const hereLast = here[here.length - 1];
  const thereAtHere = there[here.length - 1];
  if (there.length >= here.length && thereAtHere && hereLast && thereAtHere.link.hash === hereLast.link.hash) {
    return there.length === here.length ? 'same' : 'behind';
  }
  const thereLast = there[there.length - 1];
  const hereAtThere = here[there.length - 1];
  if (there.length === 0 || (thereLast && hereAtThere && thereLast.link.hash === hereAtThere.link.hash)) return 'same';
  // Sealed here once, then gone another way (this diary put back to an earlier state, say).
  return 'merged';
}

/** The hash a revision's content had where it was first written. */
function originalHash(record: RevisionRecord): string {
  return record.content?.origin?.contentHash ?? record.origin?.contentHash ?? record.link.contentHash;
}

/** The same content, of the same version (its salts and body), saying where it was first written. */
function withOrigin(content: RevisionContent<EntryBody>, origin: RevisionOrigin): RevisionContent<EntryBody> {
  return content.v === 2
    ? { v: 2, salts: content.salts, body: content.body, origin }
    : { v: 1, salt: content.salt, body: content.body, origin };
}

/** A version held here or in the backup, to be linked again here: its first origin, or its own link. */
function relinked(record: RevisionRecord, content: RevisionContent<EntryBody>): RevisionContent<EntryBody> {
  return withOrigin(
    content,
    content.origin ?? { recordedAt: record.link.recordedAt, contentHash: record.link.contentHash, linkHash: record.link.hash },
  );
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
    // never saw comes back as an incident of its own rather than be lost. So does one that is
    // the other kind here (an order there, an incident here): an entry keeps its kind.
    let entryId = target.get(link.entryId);
    if (entryId === undefined) {
      const here = latestHere.get(link.entryId)?.content;
      const otherKind = here !== undefined && here !== null && isOrderBody(here.body) !== isOrderBody(content.body);
      entryId = deletedHere.has(link.entryId) || otherKind ? newRecordId() : link.entryId;
      target.set(link.entryId, entryId);
    }
    const item: ImportedRevision = { entryId, content: relinked(record, content) };
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

/** How the confirm list names an entry: an incident by what happened and when, an order by its title or court and date made. */
function shownAs(body: EntryBody): { title: string; happened: IncidentWhen } {
  if (!isOrderBody(body)) return { title: excerpt(body.whatHappened, TITLE_LENGTH), happened: body.when };
  const title = excerpt(body.title || body.court, TITLE_LENGTH);
  return { title, happened: body.madeOn ? { kind: 'exact', date: body.madeOn } : { kind: 'ongoing' } };
}

/**
 * The incidents shown here that the restore deletes or gives a new version, in the order it first
 * touches them: by the verbatim copy, or by versions merged from another diary (whose claimed
 * times could make one of them the version shown), so the person confirms either.
 */
function changesOf(
  here: readonly RevisionRecord[],
  verbatim: readonly RevisionRecord[],
  imported: readonly ImportedRevision[],
): RestoreChange[] {
  // What the timeline shows now: each live entry's newest held content.
  const shown = new Map<string, { title: string; happened: IncidentWhen }>();
  for (const { link, content } of here) {
    if (link.kind === 'tombstone') shown.delete(link.entryId);
    else if (content) shown.set(link.entryId, shownAs(content.body));
  }
  const changes = new Map<string, RestoreChange>();
  for (const { link } of verbatim) {
    const incident = shown.get(link.entryId);
    if (!incident) continue;
    const kind = link.kind === 'tombstone' ? 'deleted' : (changes.get(link.entryId)?.kind ?? 'changed');
    changes.set(link.entryId, { entryId: link.entryId, ...incident, kind });
  }
  for (const { entryId } of imported) {
    const incident = shown.get(entryId);
    if (!incident || changes.has(entryId)) continue;
    changes.set(entryId, { entryId, ...incident, kind: 'changed' });
  }
  return [...changes.values()];
}

/**
 * `sealedByThisDiary`: the backup's seal verified under this vault's chain key and matched its
 * last link and size (DiaryRepository.isThisDiarysSeal); false for a backup with no seal.
 */
export function planMerge(target: MergeTarget, backup: BackupPart, sealedByThisDiary: boolean): MergePlan {
  const here = target.records;
  const there = backup.records;
  const relation = relationOf(here, there, sealedByThisDiary);
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
  const imported = relation === 'merged' ? importsFor(here, there) : [];

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
    sealedByThisDiary,
    verbatim,
    imported,
    checklists: backup.checklists.filter((c) => !target.checklistIds.has(c.id)),
    files,
    newIncidents,
    updatedIncidents: touched.size - newIncidents,
    deletedIncidents,
    changes: changesOf(here, verbatim, imported),
  };
}

/** True when restoring would change nothing here. */
export function planIsEmpty(plan: MergePlan): boolean {
  return (
    plan.verbatim.length === 0 &&
    plan.imported.length === 0 &&
    plan.checklists.length === 0 &&
    plan.files.length === 0 &&
    (plan.inboxItems?.length ?? 0) === 0
  );
}
