// An InboxStore as what a backup reads and a restore writes (see backupInbox.ts). Kept apart
// from backupInbox.ts: this one needs Dexie, which the backup checker's worker must not load.

import { dexieInboxWriter, type InboxStore } from '../inbox/inbox';
import { InboxError } from '../inbox/errors';
import { INBOX_PUBLIC_KEY, publicKeyFromMeta } from '../inbox/inboxRows';
import { resealInboxItem } from '../inbox/seal';
import type { DaybookDatabase } from '../store/db';
import { guardStorage } from '../store/storageErrors';
import type { BackupInbox } from './backupInbox';

/**
 * An InboxStore as a BackupInbox. Sealing again uses the public key in the meta table after
 * ensureKeys() has put back the one that belongs to the vault's private key (someone holding the
 * locked phone could have swapped in their own).
 */
export function backupInboxOf(store: InboxStore, db: DaybookDatabase): BackupInbox {
  return {
    list: () => store.list(),
    count: () => store.count(),
    read: (id) => store.read(id),
    remove: (id) => store.remove(id),
    reseal: async (meta, bytes) => {
      await store.ensureKeys();
      const raw = publicKeyFromMeta((await guardStorage('read', () => db.meta.get(INBOX_PUBLIC_KEY)))?.value);
      if (!raw) throw new InboxError('inbox/no-key', 'No inbox key is stored');
      return resealInboxItem(dexieInboxWriter(db), raw, meta, bytes);
    },
  };
}
