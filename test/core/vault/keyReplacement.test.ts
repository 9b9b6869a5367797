// Replacing the data key (issue 13 point 7, docs/vault-format.md): every row and file re-encrypted
// under a new key, resumable after a crash, the chain and its seal still sound, and the previous
// key (an old copy of the header with the old passphrase) opening nothing stored afterwards.

import { describe, expect, it } from 'vitest';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { restoreBackup } from '../../../src/core/backup/restoreBackup';
import { decryptRecord, DecryptionError } from '../../../src/core/crypto';
import { unlockKeysWithPassphrase, unlockKeysWithRecoveryKey, type VaultHeader } from '../../../src/core/crypto/vaultKeys';
import { AttachmentStore } from '../../../src/core/store/attachmentStore';
import { opensFirstChunk } from '../../../src/core/store/attachments/firstChunk';
import { ChecklistStore } from '../../../src/core/store/checklistStore';
import type { DaybookDatabase, EncryptedRow, EncryptedTableName } from '../../../src/core/store/db';
import { PACK_SIZE, PACKED_MARKER_ID } from '../../../src/core/store/diary/packs';
import { newRevisionContent } from '../../../src/core/evidence';
import { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { SEAL_ROW_ID } from '../../../src/core/store/diary/seal';
import { DraftStore, NEW_INCIDENT_DRAFT } from '../../../src/core/store/draftStore';
import { EncryptedTable } from '../../../src/core/store/encryptedTable';
import { FingerprintStore } from '../../../src/core/store/fingerprintStore';
import { VaultSession } from '../../../src/core/vault/session';
import { Vault } from '../../../src/core/vault/vault';
import {
  backupOf,
  bytesOf,
  CHECKLIST_ANSWERS,
  incident,
  newDevice,
  PASSPHRASE as BACKUP_PASSPHRASE,
  writeSampleDiary,
} from '../backup/backupFixture';
import type { Device, SampleDiary } from '../backup/backupFixture';
import { expectSameBytes } from '../crypto/helpers';
import { createdVault, TEST_KDF_COST } from '../../support/vault';

const NEW_PASSPHRASE = 'a wholly new passphrase for the diary';
const TABLES: EncryptedTableName[] = ['settings', 'drafts', 'revisions', 'packs', 'checklists'];

type Setup = Awaited<ReturnType<typeof createdVault>>;

/** A device over the vault's session (its keys read when needed), with small file chunks. */
function deviceOver(setup: { db: DaybookDatabase; session: VaultSession }): Device {
  const key = () => setup.session.dataKey();
  const chainKey = () => setup.session.chainKey();
  let clock = Date.parse('2026-01-05T09:00:00.000Z');
  return {
    db: setup.db,
    key,
    chainKey,
    diary: new DiaryRepository(setup.db, key, chainKey, () => new Date((clock += 60_000))),
    attachments: new AttachmentStore(setup.db, key, { chunkSize: 1024 }),
    checklists: new ChecklistStore(setup.db, key),
  };
}

const storedHeader = async (db: DaybookDatabase) => (await db.meta.get('vaultHeader'))?.value as VaultHeader;

/** A vault with a sample diary (incidents, edits, a tombstone, two files, checklists), a draft and a shared fingerprint. */
async function vaultWithDiary(): Promise<{ setup: Setup; device: Device; sample: SampleDiary }> {
  const setup = await createdVault();
  const device = deviceOver(setup);
  await device.diary.load();
  const sample = await writeSampleDiary(device);
  await new DraftStore(setup.db, device.key).save(NEW_INCIDENT_DRAFT, {
    incident: incident('half written'),
    savedAt: '2026-01-06T10:00:00.000Z',
  });
  await new FingerprintStore(setup.db, device.key).record(await device.diary.treeHead(), 'copy', new Date('2026-01-06T11:00:00.000Z'));
  return { setup, device, sample };
}

/** Everything the person had reads back the same, the chain verifies and the seal says sealed. */
async function expectWholeDiary(setup: { db: DaybookDatabase; session: VaultSession }, before: Device, sample: SampleDiary): Promise<void> {
  const device = deviceOver(setup);
  await device.diary.load();
  expect(device.diary.sealState()).toEqual({ state: 'sealed' });
  expect(device.diary.sealFindings()).toEqual([]);
  expect(device.diary.allRecords()).toEqual(before.diary.allRecords());
  expect((await device.diary.verify()).ok).toBe(true);
  for (const ref of [sample.big, sample.small]) {
    expectSameBytes(await bytesOf(await device.attachments.open(ref)), sample.files.get(ref.id) ?? new Uint8Array());
  }
  expect((await device.checklists.list()).map((r) => r.answers)).toContainEqual(CHECKLIST_ANSWERS);
  expect((await new DraftStore(setup.db, device.key).load(NEW_INCIDENT_DRAFT))?.incident.whatHappened).toBe('half written');
  expect(await new FingerprintStore(setup.db, device.key).list()).toHaveLength(1);
}

/** How many stored rows and files open under `dataKey` (of all of them). */
async function opening(db: DaybookDatabase, dataKey: CryptoKey): Promise<{ opened: number; of: number }> {
  let opened = 0;
  let of = 0;
  for (const name of TABLES) {
    for (const row of await db.encrypted(name).toArray()) {
      if (name === 'revisions' && row.id === PACKED_MARKER_ID) continue; // random bytes under no key
      of += 1;
      try {
        await decryptRecord(dataKey, name, row.id, row);
        opened += 1;
      } catch (error) {
        expect(error).toBeInstanceOf(DecryptionError);
      }
    }
  }
  for (const row of await db.chunks.toArray()) {
    if (!row.id.endsWith(':00000000')) continue;
    of += 1;
    if (await opensFirstChunk(dataKey, row.id.slice(0, -9), row)) opened += 1;
  }
  return { opened, of };
}

/** A reload: a new Vault and session over the same database. */
function reloaded(setup: Setup): { vault: Vault; session: VaultSession; db: DaybookDatabase } {
  setup.vault.lock();
  const session = new VaultSession(`reloaded-${setup.name}-${Math.random()}`);
  return { vault: new Vault(setup.db, session, () => setup.clock.now, TEST_KDF_COST), session, db: setup.db };
}

describe('replacing the data key', () => {
  it('re-encrypts every row and file; everything reads back, the chain verifies, the seal holds', async () => {
    const { setup, device, sample } = await vaultWithDiary();
    const oldHeader = structuredClone(await storedHeader(setup.db));
    const oldKeys = await unlockKeysWithPassphrase(oldHeader, setup.passphrase);
    expect(await opening(setup.db, oldKeys.dataKey)).toMatchObject({ opened: expect.any(Number) as number });
    const everything = await opening(setup.db, oldKeys.dataKey);
    expect(everything.opened).toBe(everything.of);

    const progress: number[] = [];
    setup.vault.subscribeKeyReplacement(() => {
      const state = setup.vault.getKeyReplacement();
      if (state.phase === 'running') progress.push(state.done);
    });
    const pending = await setup.vault.prepareKeyReplacement(setup.passphrase, NEW_PASSPHRASE);
    expect(pending.recoveryKey).not.toBe(setup.recoveryKey);
    await pending.commit();
    await setup.vault.resumeKeyReplacement();
    expect(setup.vault.getKeyReplacement()).toEqual({ phase: 'done', unreadable: 0 });
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const header = await storedHeader(setup.db);
    expect(header.retiring).toBeUndefined();
    // Every row and file now opens under the new key and none under the previous one.
    const now = await opening(setup.db, setup.session.dataKey());
    expect(now).toEqual({ opened: everything.of, of: everything.of });
    expect(await opening(setup.db, oldKeys.dataKey)).toEqual({ opened: 0, of: everything.of });
    expect(await setup.db.chunks.count()).toBe(4); // no staging rows left

    // The same after a reload, unlocked with the new passphrase.
    const again = reloaded(setup);
    await again.vault.unlock(NEW_PASSPHRASE);
    expect(again.vault.getKeyReplacement()).toEqual({ phase: 'idle' });
    await expectWholeDiary(again, device, sample);
  });

  it('re-encrypts packed records too (diary/packs.ts): the packs open under the new key only, and the diary reads back whole', async () => {
    const { setup, device, sample } = await vaultWithDiary();
    await device.diary.appendImported(
      Array.from({ length: PACK_SIZE + 5 }, (_, i) => ({ entryId: `packed-${i}`, content: newRevisionContent(incident(`packed ${i}`)) })),
    );
    await deviceOver(setup).diary.load(); // packs the first run
    expect(await setup.db.packs.count()).toBe(1);
    const oldKeys = await unlockKeysWithPassphrase(structuredClone(await storedHeader(setup.db)), setup.passphrase);
    const pending = await setup.vault.prepareKeyReplacement(setup.passphrase, NEW_PASSPHRASE);
    await pending.commit();
    await setup.vault.resumeKeyReplacement();
    expect(setup.vault.getKeyReplacement()).toEqual({ phase: 'done', unreadable: 0 });
    const pack = await setup.db.packs.toArray();
    expect(pack).toHaveLength(1);
    expect(pack[0]?.v).toBe(2); // re-encrypted as written: deflated
    await expect(decryptRecord(oldKeys.dataKey, 'packs', pack[0]?.id ?? '', pack[0] as EncryptedRow)).rejects.toBeInstanceOf(
      DecryptionError,
    );
    const again = reloaded(setup);
    await again.vault.unlock(NEW_PASSPHRASE);
    await expectWholeDiary(again, device, sample);
  });

  it('an old copy of the header with the old passphrase or recovery key opens nothing stored afterwards', async () => {
    const { setup } = await vaultWithDiary();
    const oldHeader = structuredClone(await storedHeader(setup.db));
    const pending = await setup.vault.prepareKeyReplacement(setup.passphrase, NEW_PASSPHRASE);
    await pending.commit();
    await setup.vault.resumeKeyReplacement();
    // Written after the replacement.
    const device = deviceOver(setup);
    await device.diary.load();
    await device.diary.add(incident('written after the key was replaced'));

    const viaPassphrase = await unlockKeysWithPassphrase(oldHeader, setup.passphrase);
    const viaRecovery = await unlockKeysWithRecoveryKey(oldHeader, setup.recoveryKey);
    for (const keys of [viaPassphrase, viaRecovery]) {
      const result = await opening(setup.db, keys.dataKey);
      expect(result.of).toBeGreaterThan(10);
      expect(result.opened).toBe(0);
    }
    // And the stored header no longer opens with the old secrets either.
    const stored = await storedHeader(setup.db);
    await expect(unlockKeysWithPassphrase(stored, setup.passphrase)).rejects.toThrow();
    await expect(unlockKeysWithRecoveryKey(stored, setup.recoveryKey)).rejects.toThrow();
    await expect(unlockKeysWithRecoveryKey(stored, pending.recoveryKey)).resolves.toBeDefined();
  });

  it('a crash between batches loses nothing: the diary reads meanwhile, and the next unlock finishes', async () => {
    const { setup, device, sample } = await vaultWithDiary();
    const oldHeader = structuredClone(await storedHeader(setup.db));
    let writes = 0;
    // Two rows a batch; the fourth write "crashes" (the page is gone: nothing after it runs).
    setup.vault.keyReplacementOptions = {
      batchSize: 2,
      beforeWrite: () => {
        writes += 1;
        if (writes === 4) throw new Error('crash');
      },
    };
    const pending = await setup.vault.prepareKeyReplacement(setup.passphrase, NEW_PASSPHRASE);
    await pending.commit();
    await setup.vault.resumeKeyReplacement();
    expect(setup.vault.getKeyReplacement()).toEqual({ phase: 'failed' });
    const midway = await storedHeader(setup.db);
    expect(midway.retiring).toBeDefined();
    const newKeys = await unlockKeysWithPassphrase(midway, NEW_PASSPHRASE);
    const split = await opening(setup.db, newKeys.dataKey);
    expect(split.opened).toBeGreaterThan(0);
    expect(split.opened).toBeLessThan(split.of);

    // A reload mid-way: unlocking gives both keys, so the diary reads whole at once (seal included)...
    const again = reloaded(setup);
    again.vault.keyReplacementOptions = { batchSize: 3, pause: () => new Promise<void>(() => undefined) }; // held after its first batch
    await again.vault.unlock(NEW_PASSPHRASE);
    expect(again.vault.getKeyReplacement().phase).toBe('running');
    await expectWholeDiary(again, device, sample);
    // ...and writes made meanwhile go under the new key.
    const meanwhile = deviceOver(again);
    await meanwhile.diary.load();
    await meanwhile.diary.add(incident('written while the key was being replaced'));

    // Another reload; this one runs to the end.
    const last = reloaded({ ...setup, vault: again.vault });
    await last.vault.unlock(NEW_PASSPHRASE);
    await last.vault.resumeKeyReplacement();
    expect(last.vault.getKeyReplacement()).toEqual({ phase: 'done', unreadable: 0 });
    expect((await storedHeader(setup.db)).retiring).toBeUndefined();
    const all = await opening(setup.db, last.session.dataKey());
    expect(all.opened).toBe(all.of);
    expect(await opening(setup.db, (await unlockKeysWithPassphrase(oldHeader, setup.passphrase)).dataKey)).toEqual({
      opened: 0,
      of: all.of,
    });
    const final = deviceOver(last);
    await final.diary.load();
    expect(final.diary.sealState()).toEqual({ state: 'sealed' });
    expect((await final.diary.verify()).ok).toBe(true);
    expect(final.diary.allRecords().at(-1)?.content?.body).toMatchObject({ whatHappened: 'written while the key was being replaced' });
  });

  it('a crash while a file is re-encrypted leaves the file whole under one key, then finishes', async () => {
    const { setup, device, sample } = await vaultWithDiary();
    let chunkWrites = 0;
    const rowsBefore = await Promise.all(TABLES.map((name) => setup.db.encrypted(name).count()));
    const rows = rowsBefore.reduce((a, b) => a + b, 0);
    // Large batches: the four tables take one write each, then staging rows left by an earlier
    // run are cleared, the first file takes one staging write (its chunks re-encrypted beside
    // it), and the move into place "crashes".
    setup.vault.keyReplacementOptions = {
      batchSize: 1000,
      beforeWrite: () => {
        chunkWrites += 1;
        if (chunkWrites === 7) throw new Error('crash');
      },
    };
    expect(rows).toBeGreaterThan(0);
    await (await setup.vault.prepareKeyReplacement(setup.passphrase)).commit();
    await setup.vault.resumeKeyReplacement();
    expect(setup.vault.getKeyReplacement()).toEqual({ phase: 'failed' });
    expect(await setup.db.chunks.count()).toBeGreaterThan(4); // staging rows left behind

    const again = reloaded(setup);
    again.vault.keyReplacementOptions = { pause: () => new Promise<void>(() => undefined) };
    await again.vault.unlock(setup.passphrase);
    // Both files open (one key or the other, never half and half).
    const reading = deviceOver(again);
    for (const ref of [sample.big, sample.small]) {
      expectSameBytes(await bytesOf(await reading.attachments.open(ref)), sample.files.get(ref.id) ?? new Uint8Array());
    }
    const final = reloaded({ ...setup, vault: again.vault });
    await final.vault.unlock(setup.passphrase);
    await final.vault.resumeKeyReplacement();
    expect(final.vault.getKeyReplacement()).toEqual({ phase: 'done', unreadable: 0 });
    expect(await setup.db.chunks.count()).toBe(4);
    await expectWholeDiary(final, device, sample);
  });

  it('a recovery during an unfinished replacement keeps both keys and finishes it', async () => {
    const { setup, device, sample } = await vaultWithDiary();
    let writes = 0;
    setup.vault.keyReplacementOptions = {
      batchSize: 2,
      beforeWrite: () => {
        if (++writes === 3) throw new Error('crash');
      },
    };
    const pending = await setup.vault.prepareKeyReplacement(setup.passphrase, NEW_PASSPHRASE);
    await pending.commit();
    await setup.vault.resumeKeyReplacement();
    const again = reloaded(setup);
    await again.vault.recover(pending.recoveryKey, 'remembered at last, a passphrase');
    await again.vault.resumeKeyReplacement();
    expect(again.vault.getKeyReplacement()).toEqual({ phase: 'done', unreadable: 0 });
    await expectWholeDiary(again, device, sample);
  });

  it('a backup made after the replacement restores; the replacement refuses a second start until finished', async () => {
    const { setup, device, sample } = await vaultWithDiary();
    setup.vault.keyReplacementOptions = { pause: () => new Promise<void>(() => undefined) };
    await (await setup.vault.prepareKeyReplacement(setup.passphrase)).commit();
    await expect(setup.vault.prepareKeyReplacement(setup.passphrase)).rejects.toMatchObject({ code: 'vault/key-replacement-unfinished' });
    setup.vault.keyReplacementOptions = {};
    const again = reloaded(setup);
    await again.vault.unlock(setup.passphrase);
    await again.vault.resumeKeyReplacement();
    expect(again.vault.getKeyReplacement()).toEqual({ phase: 'done', unreadable: 0 });

    const source = deviceOver(again);
    await source.diary.load();
    const made = await backupOf(source);
    expect(made.damagedFiles).toEqual([]);
    const checked = await checkBackup(made.file, BACKUP_PASSPHRASE);
    expect(checked.verification.ok).toBe(true);
    // The backup's seal is this diary's, made with the new seal key.
    expect(await source.diary.isThisDiarysSeal(checked.seal, source.diary.head(), source.diary.allRecords().length)).toBe(true);
    const target = await newDevice('2027-06-01T10:00:00.000Z', 1024);
    await restoreBackup(checked, target);
    const restored = deviceOver({ db: target.db, session: { dataKey: target.key, chainKey: target.chainKey } as unknown as VaultSession });
    await restored.diary.load();
    expect(restored.diary.allRecords()).toEqual(device.diary.allRecords());
    for (const ref of [sample.big, sample.small]) {
      expectSameBytes(await bytesOf(await target.attachments.open(ref)), sample.files.get(ref.id) ?? new Uint8Array());
    }
  });

  it('a seal that did not verify before is not made valid by the replacement', async () => {
    const { setup } = await vaultWithDiary();
    // The seal row rewritten (under the data key) with a MAC the seal key did not make.
    const settings = new EncryptedTable<{ seal: { mac: string } }>(setup.db, 'settings', () => setup.session.dataKey());
    const row = (await settings.get(SEAL_ROW_ID)) as { seal: { mac: string } };
    await settings.put(SEAL_ROW_ID, { ...row, seal: { ...row.seal, mac: 'ab'.repeat(32) } });
    await (await setup.vault.prepareKeyReplacement(setup.passphrase)).commit();
    await setup.vault.resumeKeyReplacement();
    expect(setup.vault.getKeyReplacement()).toEqual({ phase: 'done', unreadable: 0 });
    const after = deviceOver(setup);
    await after.diary.load();
    expect(after.diary.sealState()).toEqual({ state: 'seal-invalid' });
  });

  it('records removed before the replacement still show as missing after it', async () => {
    const { setup } = await vaultWithDiary();
    const ids = (await setup.db.revisions.toCollection().primaryKeys()).sort();
    await setup.db.revisions.delete(ids.at(-1) as string);
    await (await setup.vault.prepareKeyReplacement(setup.passphrase)).commit();
    await setup.vault.resumeKeyReplacement();
    const after = deviceOver(setup);
    await after.diary.load();
    expect(after.diary.sealState().state).toBe('records-missing');
  });

  it('a row or file damaged before is counted, left as it was, and does not stop the rest', async () => {
    const { setup, sample } = await vaultWithDiary();
    const ids = (await setup.db.checklists.toCollection().primaryKeys()).sort();
    const damaged = structuredClone(await setup.db.checklists.get(ids[0] as string));
    if (!damaged) throw new Error('no checklist row');
    damaged.data[0] = (damaged.data[0] ?? 0) ^ 0xff;
    await setup.db.checklists.put(damaged);
    // The big file's second chunk altered: its first still opens, so it is found damaged while re-encrypted.
    const second = await setup.db.chunks.get(`${sample.big.id}:00000001`);
    if (!second) throw new Error('no second chunk');
    await setup.db.chunks.put({ ...second, data: second.data.map((byte, index) => (index === 0 ? byte ^ 0xff : byte)) });
    await (await setup.vault.prepareKeyReplacement(setup.passphrase)).commit();
    await setup.vault.resumeKeyReplacement();
    expect(setup.vault.getKeyReplacement()).toEqual({ phase: 'done', unreadable: 2 });
    expect(await setup.db.checklists.get(ids[0] as string)).toEqual(damaged);
    expect(await setup.db.chunks.count()).toBe(4); // the damaged file's chunks as they were, no staging rows
    const device = deviceOver(setup);
    expectSameBytes(await bytesOf(await device.attachments.open(sample.small)), sample.files.get(sample.small.id) ?? new Uint8Array());
  });
});
