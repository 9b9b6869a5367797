import { AttachmentStore } from '../store/attachmentStore';
import { BackupStatusStore } from '../store/backupStatusStore';
import { ChecklistStore } from '../store/checklistStore';
import { DraftStore } from '../store/draftStore';
import { appVault } from './instance';

// Kept apart from instance.ts, which the first screen loads: these stores are only needed by
// screens that are loaded later, so their code stays out of the first download.

/** Attachments (encrypted in chunks) over the app's vault. */
export function appAttachments(): AttachmentStore {
  const vault = appVault();
  return new AttachmentStore(vault.db, () => vault.session.dataKey());
}

/** Drafts of forms being filled in, encrypted, over the app's vault. */
export function appDrafts(): DraftStore {
  const vault = appVault();
  return new DraftStore(vault.db, () => vault.session.dataKey());
}

/** Saved checklist results, encrypted, over the app's vault. */
export function appChecklistResults(): ChecklistStore {
  const vault = appVault();
  return new ChecklistStore(vault.db, () => vault.session.dataKey());
}

/** When the last backup was made, encrypted, over the app's vault. */
export function appBackupStatus(): BackupStatusStore {
  const vault = appVault();
  return new BackupStatusStore(vault.db, () => vault.session.dataKey());
}
