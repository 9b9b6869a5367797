import { createContext } from 'react';
import type { CreatedBackup } from '../../core/backup/createBackup';
import type { CheckedBackup } from '../../core/backup/checkBackup';
import type { MergePlan } from '../../core/backup/mergePlan';
import type { RestoreResult } from '../../core/backup/restoreBackup';
import type { ChainVerification } from '../../core/evidence';
import type { Incident } from '../../core/model/incident';
import type { DiarySnapshot, RevisionRecord } from '../../core/store/diaryRepository';
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
  add: (incident: Incident) => Promise<string>;
  /** `basedOn`: the version being edited; a newer one saved elsewhere refuses the edit (EntryChangedError). */
  edit: (id: string, incident: Incident, basedOn?: number) => Promise<void>;
  remove: (id: string) => Promise<void>;
  /** Revisions of one entry, oldest first, with their content where it still exists. */
  history: (entryId: string) => RevisionRecord[];
  /** Every link with its content where it still exists, in chain order (for exports). */
  records: () => readonly RevisionRecord[];
  /** Encrypted stores of the unlocked vault besides the diary. */
  stores: UnlockedStores;
  /** An encrypted backup of everything, under a passphrase chosen for it. */
  makeBackup: (passphrase: string, options: { now: Date; onProgress?: (done: number, total: number) => void }) => Promise<CreatedBackup>;
  /** What restoring a checked backup would do here, without doing it. */
  planRestore: (backup: CheckedBackup) => Promise<MergePlan>;
  /** Restores a checked backup into this diary. */
  restore: (backup: CheckedBackup) => Promise<RestoreResult>;
}

/** Null while locked, and until the diary has been read after unlocking. */
export const DiaryContext = createContext<DiaryContextValue | null>(null);
