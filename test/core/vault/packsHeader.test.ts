// Before the diary's first pack (core/store/diary/packs.ts) the vault header moves to version 2,
// which a version of Daybook from before packs refuses to unlock, and every other open tab is told
// to lock: such a tab would otherwise read only the rows not packed, or write where packs hold the places.

import { describe, expect, it } from 'vitest';
import { newRevisionContent } from '../../../src/core/evidence';
import { changePassphrase, type VaultHeader } from '../../../src/core/crypto/vaultKeys';
import { PACK_SIZE } from '../../../src/core/store/diary/packs';
import { openDiary } from '../../../src/core/vault/instance';
import { VaultSession } from '../../../src/core/vault/session';
import { Vault } from '../../../src/core/vault/vault';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault, diaryOver, TEST_KDF_COST } from '../../support/vault';
import { storeHeaderOver } from '../../../src/core/vault/keyReplacement';
import { putHeader, storeSealedHeader } from '../../../src/core/vault/sealedHeader';

type Setup = Awaited<ReturnType<typeof createdVault>>;

const storedHeader = async (setup: Setup) => (await setup.db.meta.get('vaultHeader'))?.value as VaultHeader;

/** How a version from before packs read a header: version 1 only. */
const olderVersionOpens = (header: VaultHeader) => header.version === 1;

/** The vault as a version from before packs left it (header version 1), unlocked again in a new session on `channel`. */
async function fromBeforePacks(setup: Setup, channel: string): Promise<Vault> {
  await setup.db.meta.put({ key: 'vaultHeader', value: { ...(await storedHeader(setup)), version: 1 } });
  setup.vault.lock();
  const vault = new Vault(setup.db, new VaultSession(channel), () => setup.clock.now, TEST_KDF_COST);
  await vault.unlock(setup.passphrase);
  return vault;
}

const incidents = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    entryId: `e-${i}`,
    content: newRevisionContent(aQuickIncident({ whatHappened: `Entry ${i}` })),
  }));

describe('the header before the first pack', () => {
  it('a diary with nothing to pack leaves a version 1 header as it is', async () => {
    const setup = await createdVault();
    const vault = await fromBeforePacks(setup, `packs-none-${setup.name}`);
    const diary = await openDiary(vault);
    await diary.load();
    await diary.appendImported(incidents(PACK_SIZE - 1));
    await (await openDiary(vault)).load();
    expect((await storedHeader(setup)).version).toBe(1);
    expect(await setup.db.packs.count()).toBe(0);
  });

  it('moves to version 2 before the first pack, which an older version refuses, and locks every other tab', async () => {
    const setup = await createdVault();
    const channel = `packs-move-${setup.name}`;
    const vault = await fromBeforePacks(setup, channel);
    // Another open tab on the same channel, unlocked (as a tab of an older version would be).
    const otherTab = new Vault(setup.db, new VaultSession(channel), () => setup.clock.now, TEST_KDF_COST);
    await otherTab.unlock(setup.passphrase);
    expect(otherTab.session.unlocked).toBe(true);

    const diary = await openDiary(vault);
    await diary.load();
    await diary.appendImported(incidents(PACK_SIZE + 1));
    expect(olderVersionOpens(await storedHeader(setup))).toBe(true);
    await (await openDiary(vault)).load();

    const header = await storedHeader(setup);
    expect(header.version).toBe(2);
    expect(olderVersionOpens(header)).toBe(false);
    expect(await setup.db.packs.count()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the broadcast arrives
    expect(otherTab.session.unlocked).toBe(false);
    expect(vault.session.unlocked).toBe(true);
    // This version still unlocks it, and the diary reads whole.
    vault.lock();
    const again = new Vault(setup.db, new VaultSession(`packs-again-${setup.name}`), () => setup.clock.now, TEST_KDF_COST);
    await again.unlock(setup.passphrase);
    expect((await (await openDiary(again)).load()).entries).toHaveLength(PACK_SIZE + 1);
  });

  it('no pack is written under a version 1 header, whoever asks: the check is in the packing transaction', async () => {
    const setup = await createdVault();
    await setup.db.meta.put({ key: 'vaultHeader', value: { ...(await storedHeader(setup)), version: 1 } });
    const repo = diaryOver(setup); // no vault beside it: it never asks to move the header
    await repo.load();
    await repo.appendImported(incidents(PACK_SIZE + 1));
    await diaryOver(setup).load();
    expect(await setup.db.packs.count()).toBe(0);
    expect((await storedHeader(setup)).version).toBe(1);
  });

  it('a header written back at version 1 over packs is moved to 2 again by the next load', async () => {
    const setup = await createdVault();
    const diary = await openDiary(setup.vault);
    await diary.load();
    await diary.appendImported(incidents(PACK_SIZE));
    await (await openDiary(setup.vault)).load();
    expect(await setup.db.packs.count()).toBe(1);
    // As a tab of an earlier version would write it (compare-and-write ignoring the version).
    await setup.db.meta.put({ key: 'vaultHeader', value: { ...(await storedHeader(setup)), version: 1 } });
    await (await openDiary(setup.vault)).load();
    expect((await storedHeader(setup)).version).toBe(2);
  });

  it('a header built from one read at version 1 is stored at version 2 once the stored one is: each compare-and-write and the plain put', async () => {
    const setup = await createdVault();
    const current = await storedHeader(setup);
    const older = { ...current, version: 1 as const };
    await putHeader(setup.db, 'vaultHeader', older);
    expect((await storedHeader(setup)).version).toBe(2);
    expect(await storeHeaderOver(setup.db, 'vaultHeader', current, older)).toBe(true);
    expect((await storedHeader(setup)).version).toBe(2);
    expect(await storeSealedHeader(setup.db, 'vaultHeader', current, older)).toBe(true);
    expect((await storedHeader(setup)).version).toBe(2);
  });

  it('version 2 is kept by every later header: a passphrase change never takes it back to 1', async () => {
    const setup = await createdVault();
    const header = await storedHeader(setup);
    expect(header.version).toBe(2);
    const changed = await changePassphrase(header, setup.passphrase, 'another long passphrase for this', TEST_KDF_COST);
    expect(changed.version).toBe(2);
    const older = await changePassphrase({ ...header, version: 1 }, setup.passphrase, 'another long passphrase for this', TEST_KDF_COST);
    expect(older.version).toBe(1);
  });
});
