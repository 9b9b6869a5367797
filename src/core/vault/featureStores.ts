import { AttachmentStore } from '../store/attachmentStore';
import { BackupStatusStore } from '../backup/backupStatusStore';
import { ChecklistStore } from '../store/checklistStore';
import { DraftStore } from '../store/draftStore';
import { FingerprintStore } from '../store/fingerprintStore';
import { InboxStore } from '../inbox/inbox';
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
  /** The sealed inbox: what was shared or noted while locked. */
  inbox: InboxStore;
}

/** The provisioning under way per session key, so stores made twice in one unlock run it once. */
const provisioned = new WeakMap<CryptoKey, Promise<void>>();

/**
 * At every unlock (the app makes the stores then, and at creation): the inbox key pair is made if
 * missing, its public key put back if it was changed (inbox.ts ensureKeys), and chunks of shares
 * cut off before their item was written are removed. Resolves once done; never rejects (a failure
 * is tried again at the next unlock, and the inbox says what it cannot read).
 */
export function provisionInbox(vault: Vault, inbox: InboxStore): Promise<void> {
  let key: CryptoKey;
  try {
    key = vault.session.dataKey();
  } catch {
    return Promise.resolve();
  }
  let running = provisioned.get(key);
  if (!running) {
    running = (async () => {
      await inbox.ensureKeys();
      await inbox.removeOrphanChunks();
    })().catch(() => undefined);
    provisioned.set(key, running);
  }
  return running;
}

/**
 * The stores over a vault; each reads the data key from the vault's session when it needs it.
 * Made at every unlock (and at creation, and setting up from a backup): the inbox's key pair is
 * provisioned then (provisionInbox), without vault.ts knowing of it.
 */
export function createUnlockedStores(vault: Vault): UnlockedStores {
  const key = () => vault.session.dataKey();
  const inbox = new InboxStore(vault.db, key);
  void provisionInbox(vault, inbox);
  return {
    inbox,
    attachments: new AttachmentStore(vault.db, key),
    drafts: new DraftStore(vault.db, key),
    checklists: new ChecklistStore(vault.db, key),
    backupStatus: new BackupStatusStore(vault.db, key),
    fingerprints: new FingerprintStore(vault.db, key),
  };
}
