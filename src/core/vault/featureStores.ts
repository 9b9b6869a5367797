import { AttachmentStore } from '../store/attachmentStore';
import { BackupStatusStore } from '../backup/backupStatusStore';
import { ChecklistStore } from '../store/checklistStore';
import { DraftStore } from '../store/draftStore';
import { FingerprintStore } from '../store/fingerprintStore';
import type { Vault } from './vault';

// Kept apart from instance.ts, which the first screen loads: these stores are only needed once
// the vault is unlocked, so their code stays out of the first download.

/** The encrypted stores of an unlocked vault besides the diary itself. */
export interface UnlockedStores {
  /** Attachments, encrypted in chunks. */
  attachments: AttachmentStore;
  /** Drafts of forms being filled in. */
  drafts: DraftStore;
  /** Saved checklist results. */
  checklists: ChecklistStore;
  /** When the last backup was made, and the reminder's snooze. */
  backupStatus: BackupStatusStore;
  /** Fingerprints of the diary the person has shared, and when. */
  fingerprints: FingerprintStore;
}

/** The stores over a vault; each reads the data key from the vault's session when it needs it. */
export function createUnlockedStores(vault: Vault): UnlockedStores {
  const key = () => vault.session.dataKey();
  return {
    attachments: new AttachmentStore(vault.db, key),
    drafts: new DraftStore(vault.db, key),
    checklists: new ChecklistStore(vault.db, key),
    backupStatus: new BackupStatusStore(vault.db, key),
    fingerprints: new FingerprintStore(vault.db, key),
  };
}
