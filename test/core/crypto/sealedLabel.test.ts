// The passphrase wrap's label says whether the vault's diary is sealed (vaultKeys.ts): v2 for
// every wrap made now, v1 for a vault from before sealing, moved on to v2 with the key its unlock
// derived once the diary is sealed. Only the passphrase can change the label, since it is bound
// into the wrap as AES-GCM additional data.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../src/core/crypto/encoding';
import { WrongPassphraseError, WrongRecoveryKeyError } from '../../../src/core/crypto/errors';
import { deriveKeyEncryptionKey } from '../../../src/core/crypto/kdf';
import { generateWrappableDataKey, unwrapDataKey, wrapDataKey } from '../../../src/core/crypto/keyWrap';
import { decryptRecord, encryptRecord } from '../../../src/core/crypto/records';
import {
  changePassphrase,
  createVault,
  replaceRecoveryKey,
  resetPassphraseWithRecoveryKey,
  unlockKeysWithPassphrase,
  unlockKeysWithRecoveryKey,
  unlockWithPassphrase,
  type VaultHeader,
} from '../../../src/core/crypto/vaultKeys';
import { labelOf, passphraseWrapAad, relabelled } from '../../support/beforeSealing';
import { deepFreeze, expectRejection, FAST_COST } from './helpers';

const PASSPHRASE = 'blue kettle under the stairs';

/** A header from before sealing: a new vault's, its passphrase wrap labelled v1. */
async function headerBeforeSealing() {
  const created = await createVault(PASSPHRASE, FAST_COST);
  return { ...created, header: await relabelled(created.header, PASSPHRASE, 'beforeSealing') };
}

/** The same data key: a record sealed by one opens with the other. */
async function expectSameDataKey(a: CryptoKey, b: CryptoKey): Promise<void> {
  const record = await encryptRecord(a, 'check', 'x', { same: true });
  expect(await decryptRecord(b, 'check', 'x', record)).toEqual({ same: true });
}

async function macOf(chainKey: CryptoKey): Promise<string> {
  return bytesToBase64(new Uint8Array(await crypto.subtle.sign('HMAC', chainKey, new TextEncoder().encode('seal check'))));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the passphrase wrap says whether the diary is sealed', () => {
  it('a new vault says so: its wrap opens under the v2 label only', async () => {
    const { header } = await createVault(PASSPHRASE, FAST_COST);
    expect(await labelOf(header, PASSPHRASE)).toBe('sealed');
    const kek = await deriveKeyEncryptionKey(PASSPHRASE, header.kdf);
    const wrap = { iv: base64ToBytes(header.passphraseWrap.iv), data: base64ToBytes(header.passphraseWrap.data) };
    await expect(unwrapDataKey(kek, wrap, passphraseWrapAad(header, 'daybook/wrap/passphrase/v2'))).resolves.toBeDefined();
    await expect(unwrapDataKey(kek, wrap, passphraseWrapAad(header, 'daybook/wrap/passphrase/v1'))).rejects.toThrow();
    // Format 2: the label alone, without the KDF's parameters, does not open it either.
    await expect(unwrapDataKey(kek, wrap, 'daybook/wrap/passphrase/v2')).rejects.toThrow();
    const opened = await unlockKeysWithPassphrase(header, PASSPHRASE);
    expect(opened.diarySealed).toBe(true);
    expect(opened.markSealed).toBeUndefined();
  });

  it('a vault from before sealing unlocks, says it is not, and can be relabelled with the same data key, salt and seal key', async () => {
    const { header, dataKey, chainKey, recoveryKey } = await headerBeforeSealing();
    const frozen = deepFreeze(structuredClone(header));
    const opened = await unlockKeysWithPassphrase(frozen, PASSPHRASE);
    expect(opened.diarySealed).toBe(false);
    await expectSameDataKey(dataKey, opened.dataKey);
    expect(await macOf(opened.chainKey)).toBe(await macOf(chainKey));
    expect(opened.dataKey.extractable).toBe(false);

    const marked = await (opened.markSealed as () => Promise<VaultHeader>)();
    expect(frozen).toEqual(header);
    expect(await labelOf(marked, PASSPHRASE)).toBe('sealed');
    // Only the passphrase wrap changed: same KDF (no new salt, no Argon2), same recovery wrap.
    expect(marked.kdf).toEqual(header.kdf);
    expect(marked.recovery).toEqual(header.recovery);
    expect(marked.passphraseWrap.iv).not.toBe(header.passphraseWrap.iv);
    const again = await unlockKeysWithPassphrase(marked, PASSPHRASE);
    expect(again.diarySealed).toBe(true);
    await expectSameDataKey(dataKey, again.dataKey);
    expect(await macOf(again.chainKey)).toBe(await macOf(chainKey));
    await expectSameDataKey(dataKey, (await unlockKeysWithRecoveryKey(marked, recoveryKey)).dataKey);
  });

  it('a wrong passphrase is WrongPassphraseError whichever label the wrap has', async () => {
    const sealed = (await createVault(PASSPHRASE, FAST_COST)).header;
    const before = (await headerBeforeSealing()).header;
    for (const header of [sealed, before]) {
      for (const wrong of ['', 'not the passphrase', `${PASSPHRASE} `]) {
        await expectRejection(unlockKeysWithPassphrase(header, wrong), WrongPassphraseError);
        await expectRejection(unlockWithPassphrase(header, wrong), WrongPassphraseError);
      }
      await expectRejection(changePassphrase(header, 'not it', 'new one'), WrongPassphraseError);
      await expectRejection(replaceRecoveryKey(header, 'not it'), WrongPassphraseError);
    }
  });

  it('a wrap under any other label does not open', async () => {
    const { header } = await createVault(PASSPHRASE, FAST_COST);
    const kek = await deriveKeyEncryptionKey(PASSPHRASE, header.kdf);
    for (const purpose of ['daybook/wrap/passphrase/v3', 'daybook/wrap/recovery/v1', '']) {
      const wrap = await wrapDataKey(kek, await generateWrappableDataKey(), purpose);
      const other = { ...header, passphraseWrap: { iv: bytesToBase64(wrap.iv), data: bytesToBase64(wrap.data) } };
      await expectRejection(unlockKeysWithPassphrase(other, PASSPHRASE), WrongPassphraseError);
    }
  });

  it('a passphrase change says so, from a vault from before sealing too, unless its seal row is not stored', async () => {
    const sealed = (await createVault(PASSPHRASE, FAST_COST)).header;
    const before = (await headerBeforeSealing()).header;
    expect(await labelOf(await changePassphrase(sealed, PASSPHRASE, 'next one', FAST_COST), 'next one')).toBe('sealed');
    expect(await labelOf(await changePassphrase(before, PASSPHRASE, 'next one', FAST_COST), 'next one')).toBe('sealed');
    expect(await labelOf(await changePassphrase(before, PASSPHRASE, 'next one', FAST_COST, { diarySealed: false }), 'next one')).toBe(
      'beforeSealing',
    );
    // Never back: a vault that says so keeps saying so.
    expect(await labelOf(await changePassphrase(sealed, PASSPHRASE, 'next one', FAST_COST, { diarySealed: false }), 'next one')).toBe(
      'sealed',
    );
  });

  it('a recovery says so, unless its seal row is not stored: then it can be relabelled once it is', async () => {
    for (const { header, dataKey, recoveryKey } of [await createVault(PASSPHRASE, FAST_COST), await headerBeforeSealing()]) {
      const reset = await resetPassphraseWithRecoveryKey(header, recoveryKey, 'remembered now', FAST_COST);
      expect(reset.diarySealed).toBe(true);
      expect(reset.markSealed).toBeUndefined();
      expect(await labelOf(reset.header, 'remembered now')).toBe('sealed');

      const unsealed = await resetPassphraseWithRecoveryKey(header, recoveryKey, 'remembered now', FAST_COST, { diarySealed: false });
      expect(unsealed.diarySealed).toBe(false);
      expect(await labelOf(unsealed.header, 'remembered now')).toBe('beforeSealing');
      const marked = await (unsealed.markSealed as () => Promise<VaultHeader>)();
      expect(await labelOf(marked, 'remembered now')).toBe('sealed');
      expect(marked.kdf).toEqual(unsealed.header.kdf);
      await expectSameDataKey(dataKey, await unlockWithPassphrase(marked, 'remembered now'));
    }
  });

  it('the recovery wrap keeps its label: a new recovery key opens every vault as before', async () => {
    const { header, dataKey } = await headerBeforeSealing();
    const replaced = await replaceRecoveryKey(header, PASSPHRASE);
    // The passphrase wrap keeps its data key, label and KDF; only its format moves on (1 to 2).
    expect(replaced.header.kdf).toEqual(header.kdf);
    expect(replaced.header.passphraseWrap.format).toBe(2);
    expect(await labelOf(replaced.header, PASSPHRASE)).toBe('beforeSealing');
    await expectSameDataKey(dataKey, (await unlockKeysWithRecoveryKey(replaced.header, replaced.recoveryKey)).dataKey);
    await expectRejection(
      unlockKeysWithRecoveryKey(replaced.header, (await createVault(PASSPHRASE, FAST_COST)).recoveryKey),
      WrongRecoveryKeyError,
    );
  });

  it('unlocking costs one Argon2 run whatever the label, and at most one AES-GCM unwrap more than before', async () => {
    const sealed = (await createVault(PASSPHRASE, FAST_COST)).header;
    const before = (await headerBeforeSealing()).header;
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const unwrapKey = vi.spyOn(crypto.subtle, 'unwrapKey');
    /** Argon2 runs (each ends in importing its KEK) and unwraps of one unlock. */
    const cost = async (header: VaultHeader, passphrase: string) => {
      importKey.mockClear();
      unwrapKey.mockClear();
      await unlockKeysWithPassphrase(header, passphrase).catch(() => undefined);
      const kekImports = importKey.mock.calls.filter(([, , , , usages]) => [...usages].includes('unwrapKey')).length;
      return { argon2: kekImports, unwraps: unwrapKey.mock.calls.length };
    };
    // Before: the data key and the seal key's base, two unwraps.
    expect(await cost(sealed, PASSPHRASE)).toEqual({ argon2: 1, unwraps: 2 });
    // A header from before sealing is also from before format 2: its unlock rewraps it once in
    // format 2 (one unwrap to rewrap, one to check the new wrap opens), never a second Argon2.
    expect(await cost(before, PASSPHRASE)).toEqual({ argon2: 1, unwraps: 5 });
    expect(await cost(sealed, 'wrong')).toEqual({ argon2: 1, unwraps: 2 });
    expect(await cost(before, 'wrong')).toEqual({ argon2: 1, unwraps: 2 });
  });
});
