import { createContext } from 'react';
import type { BackupOptions, CreatedBackup } from '../../core/backup/createBackup';
import type { CheckedBackup } from '../../core/backup/checkBackup';
import type { MergePlan } from '../../core/backup/mergePlan';
import type { RestoreOptions, RestoreResult } from '../../core/backup/restoreBackup';
import type { ChainVerification, TreeHead } from '../../core/evidence';
import type { Incident } from '../../core/model/incident';
import type { CourtOrder } from '../../core/model/order';
import type { DiarySnapshot, RevisionRecord, SealFinding, SealState } from '../../core/store/diaryRepository';
import type { SharedFingerprint } from '../../core/store/fingerprintStore';
import type { UnlockedStores } from '../../core/vault/featureStores';

/**
 * The unlocked diary as screens see it: its state, and named actions and queries. The app's
 * DiaryProvider supplies it; tests can supply their own. Every write announces itself, so
 * `snapshot` and `integrity` follow without anyone asking for a refresh.
 */
export interface DiaryContextValue {
  state: 'ready' | 'failed';
  snapshot: DiarySnapshot | null;
  /** Null until the chain has been checked (just after the first paint). */
  integrity: ChainVerification | null;
  /**
   * The chain could not be checked after a change, even when tried again (a worker that could
   * not start or ran out of memory): nothing is said to be checked until a later check succeeds.
   */
  checkFailed: boolean;
  /**
   * What the diary's seal said when it was read: whether records are missing from the end of
   * the chain, or the seal starts now (a diary from before version 2). Known at once.
   */
  seal: SealState;
  /**
   * Every warning the seal has ever given (records missing, seal invalid), oldest first, with
   * when it was noticed: kept after the diary is sealed again, so a later save cannot hide it.
   */
  sealFindings: readonly SealFinding[];
  /**
   * Fingerprints the person shared that the diary as it is now does not contain (more records
   * than it has, or another root at that size): records were removed or changed since. Empty
   * until compared (just after the first paint), and compared again after each change.
   */
  fingerprintsNotContained: readonly SharedFingerprint[];
  /** The diary's fingerprint now: the Merkle tree head over every link. */
  treeHead: () => Promise<TreeHead>;
  add: (incident: Incident) => Promise<string>;
  /** `basedOn`: the version being edited; a newer one saved elsewhere refuses the edit (EntryChangedError). */
  edit: (id: string, incident: Incident, basedOn?: number) => Promise<void>;
  /** Removes an incident or an order: its content erased, a tombstone recorded. */
  remove: (id: string) => Promise<void>;
  /** Saves a new court order; its id. */
  addOrder: (order: CourtOrder) => Promise<string>;
  /** A new version of an order, as `edit` is for an incident. */
  editOrder: (id: string, order: CourtOrder, basedOn?: number) => Promise<void>;
  /** Revisions of one entry, oldest first, with their content where it still exists. */
  history: (entryId: string) => RevisionRecord[];
  /** Every link with its content where it still exists, in chain order (for exports). */
  records: () => readonly RevisionRecord[];
  /** Encrypted stores of the unlocked vault besides the diary (fingerprints shared among them). */
  stores: UnlockedStores;
  /** An encrypted backup of everything, under a passphrase chosen for it. */
  /** Aborting `options.signal` stops it at the next record or chunk (TaskCancelledError). */
  makeBackup: (passphrase: string, options: Omit<BackupOptions, 'kdfCost'> & { now: Date }) => Promise<CreatedBackup>;
  /** What restoring a checked backup would do here, without doing it. */
  planRestore: (backup: CheckedBackup) => Promise<MergePlan>;
  /**
   * Restores a checked backup into this diary. A restore that would delete or change anything
   * here is refused unless `options.confirmed` (the passphrase was confirmed after seeing the plan).
   */
  restore: (backup: CheckedBackup, options?: RestoreOptions) => Promise<RestoreResult>;
  /**
   * Checks the diary passphrase again, changing nothing (before a restore deletes anything).
   * WrongPassphraseError when wrong, UnlockThrottledError while the wait after failures runs.
   */
  confirmPassphrase: (passphrase: string) => Promise<void>;
}

/** Null while locked, and until the diary has been read after unlocking. */
export const DiaryContext = createContext<DiaryContextValue | null>(null);
