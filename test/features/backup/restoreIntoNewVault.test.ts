// Setting up a new device from a backup brings back what was waiting in New items (issue 17,
// point 7): the items are sealed into the new vault's own inbox, meta as it was.

import { describe, expect, it } from 'vitest';
import type { BackupInbox } from '../../../src/core/backup/backupInbox';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { createBackup } from '../../../src/core/backup/createBackup';
import type { InboxItemMeta } from '../../../src/core/inbox/seal';
import { createUnlockedStores } from '../../../src/core/vault/featureStores';
import { restoreIntoNewVault } from '../../../src/features/backup/restoreIntoNewVault';
import { FAST_COST } from '../../core/crypto/helpers';
import { incident, newDevice, PASSPHRASE } from '../../core/backup/backupFixture';
import { createdVault } from '../../support/vault';

describe('setting up from a backup with items in New items', () => {
  it('seals them into the new vault’s inbox with their original meta', async () => {
    const bytes = new TextEncoder().encode('Stał pod oknem 22:05');
    const sha256 = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
    const meta: InboxItemMeta = {
      v: 1,
      via: 'quick-note',
      receivedAt: '2026-01-05T22:05:13.000Z',
      name: '',
      type: 'text/plain',
      size: bytes.length,
      sha256,
    };
    const inbox: Pick<BackupInbox, 'list' | 'count' | 'read'> = {
      list: async () => [{ id: 'one', status: 'ok', meta }],
      count: async () => 1,
      read: async () => ({ meta, bytes: new Blob([bytes]) }),
    };
    const source = await newDevice();
    await source.diary.add(incident('Wpis'));
    const made = await createBackup({ ...source, inbox }, PASSPHRASE, { kdfCost: FAST_COST });
    const checked = await checkBackup(made.file, PASSPHRASE);

    const { vault } = await createdVault();
    expect(await restoreIntoNewVault(checked, vault)).toBeNull();
    const stores = createUnlockedStores(vault);
    const listed = await stores.inbox.list();
    expect(listed).toEqual([{ id: expect.any(String), status: 'ok', meta }]);
    const id = listed[0]?.id ?? '';
    expect(await stores.inbox.readText(id)).toBe('Stał pod oknem 22:05');
  }, 60_000);
});
