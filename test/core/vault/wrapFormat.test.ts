// The stored header (issue 13 point 7): edited KDF parameters open nothing and change nothing; a
// header from before format 2 is rewritten in format 2 by the unlock that opens it; a recovery
// over a header whose cost was lowered stores the default cost.

import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../../src/core/crypto/encoding';
import { WrongPassphraseError } from '../../../src/core/crypto/errors';
import { DEFAULT_KDF_COST } from '../../../src/core/crypto/kdf';
import type { VaultHeader } from '../../../src/core/crypto/vaultKeys';
import { DaybookDatabase } from '../../../src/core/store/db';
import { VaultSession } from '../../../src/core/vault/session';
import { Vault } from '../../../src/core/vault/vault';
import { labelOf, relabelled } from '../../support/beforeSealing';
import { createdVault } from '../../support/vault';

const HEADER_KEY = 'vaultHeader';
const stored = async (db: DaybookDatabase) => (await db.meta.get(HEADER_KEY))?.value as VaultHeader;

describe('the stored header', () => {
  it('with its memory, passes or salt edited, unlocks nothing and is left as it is', async () => {
    const setup = await createdVault();
    setup.vault.lock();
    const original = await stored(setup.db);
    for (const edit of [
      (h: VaultHeader) => (h.kdf.memoryKiB *= 2),
      (h: VaultHeader) => (h.kdf.iterations += 1),
      (h: VaultHeader) => (h.kdf.salt = bytesToBase64(new Uint8Array(16).fill(3))),
    ]) {
      const edited = structuredClone(original);
      edit(edited);
      await setup.db.meta.put({ key: HEADER_KEY, value: edited });
      setup.clock.now += 3_600_000; // past any wait
      await expect(setup.vault.unlock(setup.passphrase)).rejects.toBeInstanceOf(WrongPassphraseError);
      expect(await stored(setup.db)).toEqual(edited);
      expect(await setup.db.settings.count()).toBe(5); // the fixed rows only, untouched
    }
  });

  it('from before format 2 is rewritten in format 2 by the unlock that opens it, in place of the one opened', async () => {
    const setup = await createdVault();
    setup.vault.lock();
    const old = await relabelled(await stored(setup.db), setup.passphrase, 'sealed');
    expect(old.passphraseWrap.format).toBeUndefined();
    await setup.db.meta.put({ key: HEADER_KEY, value: old });
    await setup.vault.unlock(setup.passphrase);
    const now = await stored(setup.db);
    expect(now.passphraseWrap.format).toBe(2);
    expect(now.kdf).toEqual(old.kdf);
    expect(await labelOf(now, setup.passphrase)).toBe('sealed');
    setup.vault.lock();
    await setup.vault.unlock(setup.passphrase);
    expect(await stored(setup.db)).toEqual(now);
  });

  it('whose cost was lowered, then recovered with the recovery key, holds the default cost', async () => {
    // A vault at the app's real cost (no cheaper test cost): the downgrade of issue 13.
    const name = `wrap-format-${Math.random()}`;
    const db = new DaybookDatabase(name);
    const vault = new Vault(db, new VaultSession(`channel-${name}`));
    const pending = await vault.prepare('the real passphrase');
    await pending.commit();
    vault.lock();
    const lowered = structuredClone(await stored(db));
    lowered.kdf = { ...lowered.kdf, memoryKiB: 8 * 1024, iterations: 1 };
    await db.meta.put({ key: HEADER_KEY, value: lowered });
    await expect(vault.unlock('the real passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    await vault.recover(pending.recoveryKey, 'a new passphrase');
    expect((await stored(db)).kdf).toMatchObject(DEFAULT_KDF_COST);
  });
});
