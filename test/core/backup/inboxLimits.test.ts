// What a backup leaves out of the sealed inbox, and what a restore may add to it (issue 17,
// point 7): a recording still being made is not carried (restored, it would show as cut off, and
// beside the finished recording as a second, shorter one); items stored beyond what the inbox
// lists are counted, not silently dropped; a restore never fills the inbox beyond what New items
// can list; a file claiming more inbox items than any backup carries is refused; and a failed
// restore takes out every item it added even when taking out its files fails.

import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { BackupInbox } from '../../../src/core/backup/backupInbox';
import { BACKUP_LIMITS, parseBackupMeta } from '../../../src/core/backup/backupRecords';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { createBackup } from '../../../src/core/backup/createBackup';
import { backupInboxOf } from '../../../src/core/backup/inboxForBackup';
import { planRestore, restoreBackup } from '../../../src/core/backup/restoreBackup';
import { InboxStore, MAX_LISTED_ITEMS, type OpenedInboxItem } from '../../../src/core/inbox/inbox';
import type { InboxItemMeta } from '../../../src/core/inbox/seal';
import { TaskCancelledError } from '../../../src/core/workers/runTask';
import { FAST_COST } from '../crypto/helpers';
import { incident, newDevice, PASSPHRASE, rejectionOf, type Device } from './backupFixture';

interface Item {
  meta: InboxItemMeta;
  bytes: Blob;
  live?: boolean;
}

async function item(text: string, receivedAt: string, state?: 'recording'): Promise<Item> {
  const bytes = new TextEncoder().encode(text);
  const sha256 = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
  const meta: InboxItemMeta = {
    v: 1,
    via: state ? 'recording' : 'quick-note',
    receivedAt,
    name: state ? 'nagranie.webm' : '',
    type: state ? 'audio/webm' : 'text/plain',
    size: bytes.length,
    sha256,
    ...(state ? { state } : {}),
  };
  return { meta, bytes: new Blob([bytes], { type: meta.type }) };
}

/**
 * An inbox in memory, listed and read as the real one would: `stored` says how many rows it
 * holds (count()), `listed` how many of them list() returns (at most MAX_LISTED_ITEMS).
 */
function memoryInbox(items: Item[], stored = items.length): BackupInbox & { resealed: InboxItemMeta[] } {
  const resealed: InboxItemMeta[] = [];
  return {
    resealed,
    list: async () =>
      items.map((entry, i): OpenedInboxItem => ({
        id: `item-${i}`,
        status: 'ok',
        meta: entry.meta,
        ...(entry.live ? { live: true } : {}),
      })),
    count: async () => stored,
    read: async (id) => {
      const found = items[Number(id.slice(5))];
      if (!found) throw new Error('none');
      return { meta: found.meta, bytes: found.bytes };
    },
    reseal: async (meta) => {
      resealed.push(meta);
      return `new-${resealed.length}`;
    },
    remove: async () => undefined,
  };
}

function damagedInbox(listed: number, stored: number): BackupInbox {
  return {
    list: async () =>
      Array.from({ length: listed }, (_, i): OpenedInboxItem => ({ id: `d-${i}`, status: 'damaged', code: 'inbox/damaged' })),
    count: async () => stored,
    read: async () => Promise.reject(new Error('never read')),
    reseal: async () => Promise.reject(new Error('never sealed')),
    remove: async () => undefined,
  };
}

const make = (device: Device, inbox: BackupInbox) => createBackup({ ...device, inbox }, PASSPHRASE, { kdfCost: FAST_COST });

describe('a recording still being made', () => {
  let note: Item;
  let recording: Item;
  beforeAll(async () => {
    note = await item('Pod oknem 22:05', '2026-01-05T22:05:00.000Z');
    recording = { ...(await item('first seconds of sound', '2026-01-05T22:06:00.000Z', 'recording')), live: true };
  });

  it('is not in the backup, and is counted for the backup screen', async () => {
    const source = await newDevice();
    await source.diary.add(incident('Wpis'));
    const made = await make(source, memoryInbox([note, recording]));
    expect(made.summary.inboxItems).toBe(1);
    expect(made.liveInboxItems).toBe(1);
    expect(made.damagedInboxItems).toBe(0);
    const checked = await checkBackup(made.file, PASSPHRASE);
    expect(checked.inbox).toEqual([note.meta]);
  }, 60_000);

  it('alone, leaves a version 2 backup with no inbox item', async () => {
    const source = await newDevice();
    const made = await make(source, memoryInbox([recording]));
    expect(made.summary.inboxItems).toBe(0);
    expect(made.liveInboxItems).toBe(1);
    expect((await checkBackup(made.file, PASSPHRASE)).info.v).toBe(2);
  }, 60_000);

  it('once cut off (no longer live), is carried: it holds what was recorded until then', async () => {
    const source = await newDevice();
    const made = await make(source, memoryInbox([{ ...recording, live: false }]));
    expect(made.summary.inboxItems).toBe(1);
    expect(made.liveInboxItems).toBe(0);
  }, 60_000);
});

describe('items stored beyond what the inbox lists', () => {
  it('are counted as left out of the backup', async () => {
    const source = await newDevice();
    const made = await make(source, damagedInbox(MAX_LISTED_ITEMS, MAX_LISTED_ITEMS + 7));
    expect(made.damagedInboxItems).toBe(MAX_LISTED_ITEMS);
    expect(made.inboxItemsBeyondLimit).toBe(7);
  }, 60_000);

  it('are none while the inbox lists fewer than its limit (an item added meanwhile is no shortfall of the limit)', async () => {
    const source = await newDevice();
    const made = await make(source, memoryInbox([await item('Jedna', '2026-01-05T08:00:00.000Z')], 3));
    expect(made.summary.inboxItems).toBe(1);
    expect(made.inboxItemsBeyondLimit).toBe(0);
  }, 60_000);
});

describe('a backup file and the inbox limit', () => {
  const info = { t: 'info', v: 3, createdAt: '2026-01-06T12:00:00.000Z', links: 0, checklists: 0, files: 0 };

  it('carries at most as many items as the inbox lists', () => {
    expect(BACKUP_LIMITS.inbox).toBe(MAX_LISTED_ITEMS);
    expect(parseBackupMeta({ ...info, inbox: MAX_LISTED_ITEMS })).not.toBeNull();
    expect(parseBackupMeta({ ...info, inbox: MAX_LISTED_ITEMS + 1 })).toBeNull();
  });
});

describe('a restore into an inbox near its limit', () => {
  let items: Item[];
  let backupFile: Blob;
  beforeAll(async () => {
    items = [
      await item('Pierwsza', '2026-01-05T07:00:00.000Z'),
      await item('Druga', '2026-01-05T08:00:00.000Z'),
      await item('Trzecia', '2026-01-05T09:00:00.000Z'),
    ];
    const source = await newDevice();
    await source.diary.add(incident('Wpis'));
    backupFile = (await make(source, memoryInbox(items))).file;
  }, 60_000);

  it('adds only as many as fit, the oldest, and says how many did not', async () => {
    const target = await newDevice('2026-03-01T09:00:00.000Z');
    const inbox = memoryInbox([], MAX_LISTED_ITEMS - 2);
    const checked = await checkBackup(backupFile, PASSPHRASE);
    const plan = await planRestore(checked, { ...target, inbox });
    expect(plan.inboxItems).toEqual([items[0]?.meta, items[1]?.meta]);
    expect(plan.inboxItemsWithoutRoom).toBe(1);
    const result = await restoreBackup(checked, { ...target, inbox });
    expect(result.addedInboxItems).toBe(2);
    expect(result.inboxItemsWithoutRoom).toBe(1);
    expect(inbox.resealed).toEqual([items[0]?.meta, items[1]?.meta]);
    expect(target.diary.snapshot().entries).toHaveLength(1);
  }, 60_000);

  it('adds none to an inbox already holding more than it lists', async () => {
    const target = await newDevice('2026-03-01T09:00:00.000Z');
    const inbox = memoryInbox([], MAX_LISTED_ITEMS + 50);
    const result = await restoreBackup(await checkBackup(backupFile, PASSPHRASE), { ...target, inbox });
    expect(result.addedInboxItems).toBe(0);
    expect(result.inboxItemsWithoutRoom).toBe(3);
    expect(result.plan.inboxItems).toEqual([]);
    expect(inbox.resealed).toEqual([]);
    // The diary is restored all the same.
    expect(target.diary.snapshot().entries).toHaveLength(1);
  }, 60_000);

  it('counts nothing left out when there is room', async () => {
    const target = await newDevice('2026-03-01T09:00:00.000Z');
    const result = await restoreBackup(await checkBackup(backupFile, PASSPHRASE), { ...target, inbox: memoryInbox([]) });
    expect(result.addedInboxItems).toBe(3);
    expect(result.inboxItemsWithoutRoom).toBe(0);
  }, 60_000);
});

describe('a failed restore whose files cannot be taken out again', () => {
  let backupFile: Blob;
  beforeAll(async () => {
    const source = await newDevice();
    const ref = await source.attachments.save(new Blob([new TextEncoder().encode('zrzut ekranu')], { type: 'image/png' }), 'zrzut.png');
    await source.diary.add(incident('Z plikiem', { attachments: [ref] }));
    backupFile = (
      await make(source, memoryInbox([await item('Pierwsza', '2026-01-05T07:00:00.000Z'), await item('Druga', '2026-01-05T08:00:00.000Z')]))
    ).file;
  }, 60_000);

  /** A target with a real inbox whose second seal fails, and whose files cannot be removed. */
  async function failingTarget(failSecond: () => Error) {
    const target = await newDevice('2026-03-01T09:00:00.000Z');
    const store = new InboxStore(target.db, target.key);
    await store.ensureKeys();
    const real = backupInboxOf(store, target.db);
    let sealed = 0;
    const inbox: BackupInbox = {
      ...real,
      reseal: async (meta, bytes) => {
        if (++sealed === 2) throw failSecond();
        return real.reseal(meta, bytes);
      },
    };
    const removeAll = vi.spyOn(target.attachments, 'removeAll').mockRejectedValue(new Error('storage gone'));
    return { target, store, inbox, removeAll };
  }

  it('still takes out every inbox item it added, then throws the original failure', async () => {
    const { target, store, inbox, removeAll } = await failingTarget(() => new Error('storage full'));
    const error = await rejectionOf(restoreBackup(await checkBackup(backupFile, PASSPHRASE), { ...target, inbox }));
    expect((error as Error).message).toBe('storage full');
    expect(removeAll).toHaveBeenCalledTimes(1);
    expect(await store.count()).toBe(0);
    expect(target.diary.snapshot().entries).toHaveLength(0);
  }, 60_000);

  it('after a stop, takes out the items too, and tells the removal failure (something is left behind)', async () => {
    const { target, store, inbox } = await failingTarget(() => new TaskCancelledError());
    const error = await rejectionOf(restoreBackup(await checkBackup(backupFile, PASSPHRASE), { ...target, inbox }));
    expect((error as Error).message).toBe('storage gone');
    expect(await store.count()).toBe(0);
  }, 60_000);
});
