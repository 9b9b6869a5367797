// The sealed inbox in a backup (issue 17, point 7): items waiting in New items travel inside the
// encrypted backup and are sealed again into the target vault's inbox on restore, with their
// original meta; restoring the same backup again adds none twice; an item altered in the backup
// refuses the whole file before anything is written; a backup with no inbox items is a version 2
// backup, as before.

import { beforeAll, describe, expect, it } from 'vitest';
import { backupInboxOf } from '../../../src/core/backup/inboxForBackup';
import { checkBackup, type CheckedBackup } from '../../../src/core/backup/checkBackup';
import { createBackup } from '../../../src/core/backup/createBackup';
import { restoreBackup } from '../../../src/core/backup/restoreBackup';
import { RestoreError } from '../../../src/core/backup/restoreErrors';
import { EncryptedFileWriter, openEncryptedFile, type FileRecord } from '../../../src/core/export/encryptedFile';
import { dexieInboxWriter, InboxStore } from '../../../src/core/inbox/inbox';
import { INBOX_PUBLIC_KEY, publicKeyFromMeta } from '../../../src/core/inbox/inboxRows';
import { sealIntoInbox, type InboxItemMeta } from '../../../src/core/inbox/seal';
import { FAST_COST, flipByte } from '../crypto/helpers';
import {
  bytesOf,
  dumpDatabase,
  expectUnchanged,
  incident,
  newDevice,
  PASSPHRASE,
  pattern,
  rejectionOf,
  type Device,
} from './backupFixture';

interface InboxDevice extends Device {
  inbox: InboxStore;
}

async function inboxDevice(start?: string): Promise<InboxDevice> {
  const device = await newDevice(start);
  const inbox = new InboxStore(device.db, device.key);
  await inbox.ensureKeys();
  return { ...device, inbox };
}

async function seal(
  device: InboxDevice,
  input: { via: 'share' | 'quick-note'; name: string; type: string; bytes: Uint8Array<ArrayBuffer>; at: string },
) {
  const raw = publicKeyFromMeta((await device.db.meta.get(INBOX_PUBLIC_KEY))?.value);
  if (!raw) throw new Error('no inbox key');
  return sealIntoInbox(dexieInboxWriter(device.db), raw, {
    via: input.via,
    name: input.name,
    type: input.type,
    bytes: new Blob([input.bytes]),
    receivedAt: new Date(input.at),
  });
}

const targetsOf = (device: InboxDevice) => ({
  diary: device.diary,
  attachments: device.attachments,
  checklists: device.checklists,
  inbox: backupInboxOf(device.inbox, device.db),
});

async function metasOf(device: InboxDevice): Promise<InboxItemMeta[]> {
  const listed = await device.inbox.list();
  return listed.flatMap((item) => (item.status === 'ok' ? [item.meta] : [])).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}

const SCREENSHOT = pattern(2_500_000, 21); // three inbox chunks of 1 MiB
const NOTE = new TextEncoder().encode('Przyszedł pod drzwi o 23:10. Roedd e tu eto.');

let source: InboxDevice;
let file: Blob;
let sealedMetas: InboxItemMeta[];

beforeAll(async () => {
  source = await inboxDevice();
  await source.diary.add(incident('Wpis przed udostępnieniem'));
  await seal(source, { via: 'share', name: 'zrzut ekranu.png', type: 'image/png', bytes: SCREENSHOT, at: '2026-01-05T07:00:00.123Z' });
  await seal(source, { via: 'quick-note', name: '', type: 'text/plain', bytes: NOTE, at: '2026-01-05T08:30:00.000Z' });
  sealedMetas = await metasOf(source);
  const made = await createBackup(targetsOf(source), PASSPHRASE, { kdfCost: FAST_COST, now: new Date('2026-01-06T12:00:00.000Z') });
  expect(made.summary.inboxItems).toBe(2);
  expect(made.damagedInboxItems).toBe(0);
  file = made.file;
}, 60_000);

describe('inbox items in a backup', () => {
  it('are carried as version 3, counted by the check, with their meta as sealed', async () => {
    const checked = await checkBackup(file, PASSPHRASE);
    expect(checked.info).toMatchObject({ v: 3, inbox: 2 });
    expect(checked.inbox).toEqual(sealedMetas);
    expect(sealedMetas.map((m) => m.via)).toEqual(['share', 'quick-note']);
  });

  it('restore into an empty diary, once, with the same meta and bytes; a second restore adds none', async () => {
    const target = await inboxDevice('2026-03-01T09:00:00.000Z');
    const first = await restoreBackup(await checkBackup(file, PASSPHRASE), targetsOf(target));
    expect(first.addedInboxItems).toBe(2);
    expect(first.plan.inboxItems).toHaveLength(2);
    expect(await metasOf(target)).toEqual(sealedMetas);
    const listed = await target.inbox.list();
    const share = listed.find((item) => item.status === 'ok' && item.meta.via === 'share');
    expect(share).toBeDefined();
    expect(await bytesOf((await target.inbox.read(share?.id ?? '')).bytes)).toEqual(SCREENSHOT);

    const again = await restoreBackup(await checkBackup(file, PASSPHRASE), targetsOf(target));
    expect(again.addedInboxItems).toBe(0);
    expect(again.plan.inboxItems).toEqual([]);
    expect(await metasOf(target)).toEqual(sealedMetas);
  }, 60_000);

  it('restore into the same diary adds none: the items are still in its inbox', async () => {
    const result = await restoreBackup(await checkBackup(file, PASSPHRASE), targetsOf(source));
    expect(result.addedInboxItems).toBe(0);
    expect(await metasOf(source)).toEqual(sealedMetas);
  }, 60_000);

  it('an item made into an incident since is not brought back into the inbox', async () => {
    const target = await inboxDevice('2026-03-01T09:00:00.000Z');
    await restoreBackup(await checkBackup(file, PASSPHRASE), targetsOf(target));
    // Made into an incident: stored as an attachment keeping when it was received, then taken out of the inbox.
    const listed = await target.inbox.list();
    const share = listed.find((item) => item.status === 'ok' && item.meta.via === 'share');
    if (share?.status !== 'ok') throw new Error('no shared item');
    const { bytes } = await target.inbox.read(share.id);
    const ref = await target.attachments.save(bytes, share.meta.name);
    await target.diary.add(
      incident('Z udostępnienia', { attachments: [{ ...ref, receivedAt: share.meta.receivedAt, receivedVia: 'share' }] }),
    );
    await target.inbox.remove(share.id);

    const result = await restoreBackup(await checkBackup(file, PASSPHRASE), targetsOf(target));
    expect(result.addedInboxItems).toBe(0);
    expect((await metasOf(target)).map((m) => m.via)).toEqual(['quick-note']);
  }, 60_000);

  it('a failure while sealing an item takes out the items already sealed, and writes no diary', async () => {
    const target = await inboxDevice('2026-03-01T09:00:00.000Z');
    const inbox = backupInboxOf(target.inbox, target.db);
    let sealed = 0;
    const failing = {
      ...targetsOf(target),
      inbox: {
        ...inbox,
        reseal: async (meta: InboxItemMeta, bytes: Blob) => {
          if (++sealed === 2) throw new Error('storage full');
          return inbox.reseal(meta, bytes);
        },
      },
    };
    const error = await rejectionOf(restoreBackup(await checkBackup(file, PASSPHRASE), failing));
    expect((error as Error).message).toBe('storage full');
    expect(sealed).toBe(2);
    expect(await target.inbox.count()).toBe(0);
    expect(target.diary.snapshot().entries).toHaveLength(0);
  }, 60_000);

  it('without an inbox to fill (an older caller), the diary restores and no item is written', async () => {
    const target = await inboxDevice('2026-03-01T09:00:00.000Z');
    const withoutInbox = { diary: target.diary, attachments: target.attachments, checklists: target.checklists };
    const result = await restoreBackup(await checkBackup(file, PASSPHRASE), withoutInbox);
    expect(result.addedInboxItems).toBe(0);
    expect(await target.inbox.count()).toBe(0);
    expect(target.diary.snapshot().entries).toHaveLength(1);
  }, 60_000);
});

describe('a backup whose inbox item was altered', () => {
  let records: FileRecord[];
  beforeAll(async () => {
    const reader = await openEncryptedFile(file, PASSPHRASE, 'backup');
    records = [];
    for await (const record of reader.records()) records.push(record);
  });
  const rewrite = async (edit: (all: FileRecord[]) => FileRecord[]) => {
    const writer = await EncryptedFileWriter.create({ kind: 'backup', passphrase: PASSPHRASE, kdfCost: FAST_COST });
    for (const record of edit(structuredClone(records))) await writer.add(record);
    return writer.finish();
  };
  const t = (record: FileRecord) => record.meta.t;

  it.each<[string, (all: FileRecord[]) => FileRecord[]]>([
    [
      'a byte of an item changed',
      (all) =>
        all.map((r, i) =>
          i === all.findIndex((x) => t(x) === 'inbox-chunk') ? { meta: r.meta, bytes: flipByte(r.bytes ?? new Uint8Array(1), 5) } : r,
        ),
    ],
    [
      'its SHA-256 changed',
      (all) =>
        all.map((r) => (t(r) === 'inbox' ? { meta: { ...r.meta, meta: { ...(r.meta.meta as object), sha256: '0'.repeat(64) } } } : r)),
    ],
    [
      'its size changed',
      (all) => all.map((r) => (t(r) === 'inbox' ? { meta: { ...r.meta, meta: { ...(r.meta.meta as object), size: 3 } } } : r)),
    ],
    [
      'its way in unknown',
      (all) => all.map((r) => (t(r) === 'inbox' ? { meta: { ...r.meta, meta: { ...(r.meta.meta as object), via: 'email' } } } : r)),
    ],
    ['a chunk left out', (all) => all.filter((_, i) => i !== all.findIndex((x) => t(x) === 'inbox-chunk'))],
    [
      'an item left out',
      (all) =>
        all.slice(
          0,
          all.findIndex((x) => t(x) === 'inbox'),
        ),
    ],
    ['an item in a version 2 file', (all) => all.map((r) => (t(r) === 'info' ? { meta: { ...r.meta, v: 2, inbox: undefined } } : r))],
  ])(
    '%s: refused as corrupt, and nothing is written',
    async (_, edit) => {
      const target = await inboxDevice('2026-03-01T09:00:00.000Z');
      const before = await dumpDatabase(target.db);
      const error = await rejectionOf(checkBackup(await rewrite(edit), PASSPHRASE));
      expect(error).toBeInstanceOf(RestoreError);
      expect((error as RestoreError).code).toBe('corrupt');
      await expectUnchanged(target.db, before);
    },
    60_000,
  );
});

describe('a backup with no inbox items', () => {
  it('is a version 2 backup, as before, and restores as one', async () => {
    const device = await inboxDevice();
    await device.diary.add(incident('Bez skrzynki'));
    const made = await createBackup(targetsOf(device), PASSPHRASE, { kdfCost: FAST_COST });
    expect(made.summary.inboxItems).toBe(0);
    const checked: CheckedBackup = await checkBackup(made.file, PASSPHRASE);
    expect(checked.info.v).toBe(2);
    expect(checked.info).not.toHaveProperty('inbox');
    expect(checked.inbox).toEqual([]);
    const target = await inboxDevice('2026-03-01T09:00:00.000Z');
    const result = await restoreBackup(checked, targetsOf(target));
    expect(result.addedInboxItems).toBe(0);
    expect(target.diary.snapshot().entries).toHaveLength(1);
  }, 60_000);
});
