import type { CheckedBackup } from '../../core/backup/checkBackup';
import type { MergePlan } from '../../core/backup/mergePlan';

export type RestoreJoinedKey =
  | 'restore.joinedBehind'
  | 'restore.joinedSame'
  | 'restore.joinedMerged'
  | 'restore.joinedMergedChanges'
  | 'restore.joinedEmptySealed'
  | 'restore.joinedEmptyOtherKey'
  | 'restore.joinedEmptyNoSeal'
  | 'restore.joinedEmptyNotVerified';

/**
 * How a restore joined the backup to this diary, as one sentence's key. Only what was checked is
 * claimed: a chain copied as it is "was checked" only if it verified, and a seal "was this
 * diary's" only if this vault's key verified it.
 */
export function restoreJoinedKey(plan: MergePlan, backup: Pick<CheckedBackup, 'seal' | 'verification'>): RestoreJoinedKey {
  switch (plan.relation) {
    case 'behind':
      return 'restore.joinedBehind';
    case 'same':
      return 'restore.joinedSame';
    case 'merged':
      // Nothing removed either way, but an incident here may now show a version from the backup.
      return plan.changes.length > 0 ? 'restore.joinedMergedChanges' : 'restore.joinedMerged';
    case 'empty':
      if (!backup.verification.ok) return 'restore.joinedEmptyNotVerified';
      if (plan.sealedByThisDiary) return 'restore.joinedEmptySealed';
      return backup.seal === null ? 'restore.joinedEmptyNoSeal' : 'restore.joinedEmptyOtherKey';
  }
}

export interface RestoreChangesWording {
  /** Why these incidents are listed. */
  why: 'restore.changesWhy' | 'restore.changesWhyMerged';
  /** Beside an incident the restore gives a version ('changed'). */
  changed: 'restore.changeChanged' | 'restore.changeMerged';
  /** The closing count of what was deleted and given a version. */
  done: 'restore.doneChanges' | 'restore.doneChangesMerged';
  /** The count of incidents already here that gain versions. */
  updated: 'restore.updatedIncidents' | 'restore.updatedIncidentsMerged';
}

/**
 * How a plan's changes are put. This same diary further along ('behind') deletes incidents and
 * gives them its own later versions; a backup merged in deletes nothing and gives an incident a
 * version from another diary, which may be older or newer than the one here (by a time only the
 * backup vouches for), so it never says "later".
 */
export function restoreChangesWording(plan: Pick<MergePlan, 'relation'>): RestoreChangesWording {
  return plan.relation === 'merged'
    ? {
        why: 'restore.changesWhyMerged',
        changed: 'restore.changeMerged',
        done: 'restore.doneChangesMerged',
        updated: 'restore.updatedIncidentsMerged',
      }
    : { why: 'restore.changesWhy', changed: 'restore.changeChanged', done: 'restore.doneChanges', updated: 'restore.updatedIncidents' };
}
