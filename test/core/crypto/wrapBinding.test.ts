// Format 2 wraps (issue 13 point 7, docs/vault-format.md): each wrapped key's additional data binds
// its label and the parameters of the KDF that made its key-encryption key; vaults from before
// keep opening and move to format 2; a recovery never keeps a KDF cost below the default.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../src/core/crypto/encoding';
import { UnsupportedVaultError, WrongPassphraseError, WrongRecoveryKeyError } from '../../../src/core/crypto/errors';
import { DEFAULT_KDF_COST, deriveKeyEncryptionKey } from '../../../src/core/crypto/kdf';
import { unwrapDataKey, unwrapDataKeyForRewrap, wrapDataKey } from '../../../src/core/crypto/keyWrap';
import { decryptRecord, encryptRecord } from '../../../src/core/crypto/records';
import { deriveRecoveryKeyEncryptionKey, parseRecoveryKey } from '../../../src/core/crypto/recoveryKey';
import {
  assertSupportedVaultHeader,
  beginKeyReplacement,
  changePassphrase,
  createVault,
  endKeyReplacement,
  keyReplacementUnfinished,
  replaceRecoveryKey,
  resetPassphraseWithRecoveryKey,
  unlockKeysWithPassphrase,
  unlockKeysWithRecoveryKey,
  unlockWithPassphrase,
  unlockWithRecoveryKey,
  type VaultHeader,
} from '../../../src/core/crypto/vaultKeys';
import { labelOf, passphraseWrapAad } from '../../support/beforeSealing';
import { deepFreeze, expectRejection, FAST_COST } from './helpers';

const PASSPHRASE = 'blue kettle under the stairs';

async function expectSameDataKey(a: CryptoKey, b: CryptoKey): Promise<void> {
  const record = await encryptRecord(a, 'check', 'x', { same: true });
  expect(await decryptRecord(b, 'check', 'x', record)).toEqual({ same: true });
}

const wrapBytes = (wrap: { iv: string; data: string }) => ({ iv: base64ToBytes(wrap.iv), data: base64ToBytes(wrap.data) });

/** The header as a version from before format 2 wrote it: both wraps with their label alone as additional data. */
async function formatOneHeader(header: VaultHeader, recoveryKey: string): Promise<VaultHeader> {
  const kek = await deriveKeyEncryptionKey(PASSPHRASE, header.kdf);
  const key = await unwrapDataKeyForRewrap(kek, wrapBytes(header.passphraseWrap), passphraseWrapAad(header, 'daybook/wrap/passphrase/v2'));
  const passphraseWrap = await wrapDataKey(kek, key, 'daybook/wrap/passphrase/v2');
  const recoveryKek = await deriveRecoveryKeyEncryptionKey(parseRecoveryKey(recoveryKey), base64ToBytes(header.recovery.salt));
  const recovery = await wrapDataKey(recoveryKek, key, 'daybook/wrap/recovery/v1');
  return {
    version: 1,
    kdf: { ...header.kdf },
    passphraseWrap: { iv: bytesToBase64(passphraseWrap.iv), data: bytesToBase64(passphraseWrap.data) },
    recovery: { salt: header.recovery.salt, iv: bytesToBase64(recovery.iv), data: bytesToBase64(recovery.data) },
  };
}

describe('format 2 wraps bind their KDF parameters', () => {
  it('a new vault writes format 2; the additional data names the label, Argon2id and every parameter', async () => {
    const { header } = await createVault(PASSPHRASE, FAST_COST);
    expect(header.passphraseWrap.format).toBe(2);
    expect(header.recovery.format).toBe(2);
    const kek = await deriveKeyEncryptionKey(PASSPHRASE, header.kdf);
    const wrap = wrapBytes(header.passphraseWrap);
    await expect(unwrapDataKey(kek, wrap, passphraseWrapAad(header, 'daybook/wrap/passphrase/v2'))).resolves.toBeDefined();
    // The same KEK with additional data naming any other parameter fails: the binding, not only Argon2's output.
    for (const kdf of [
      { ...header.kdf, memoryKiB: header.kdf.memoryKiB * 2 },
      { ...header.kdf, iterations: header.kdf.iterations + 1 },
      { ...header.kdf, parallelism: 2 },
      { ...header.kdf, salt: bytesToBase64(new Uint8Array(16)) },
    ]) {
      await expect(unwrapDataKey(kek, wrap, passphraseWrapAad({ ...header, kdf }, 'daybook/wrap/passphrase/v2'))).rejects.toThrow();
    }
  });

  it('a header whose KDF parameters or salts were edited opens with neither secret, and is not changed', async () => {
    const { header, recoveryKey } = await createVault(PASSPHRASE, FAST_COST);
    const edits: ((h: VaultHeader) => void)[] = [
      (h) => (h.kdf.memoryKiB = 16 * 1024),
      (h) => (h.kdf.iterations = 2),
      (h) => (h.kdf.parallelism = 2),
      (h) => (h.kdf.salt = bytesToBase64(new Uint8Array(16).fill(7))),
    ];
    for (const edit of edits) {
      const edited = structuredClone(header);
      edit(edited);
      const frozen = deepFreeze(structuredClone(edited));
      await expectRejection(unlockKeysWithPassphrase(frozen, PASSPHRASE), WrongPassphraseError);
      await expectRejection(changePassphrase(frozen, PASSPHRASE, 'another'), WrongPassphraseError);
      await expectRejection(beginKeyReplacement(frozen, PASSPHRASE), WrongPassphraseError);
      expect(frozen).toEqual(edited);
    }
    const otherSalt = { ...structuredClone(header), recovery: { ...header.recovery, salt: bytesToBase64(new Uint8Array(16).fill(9)) } };
    await expectRejection(unlockKeysWithRecoveryKey(otherSalt, recoveryKey), WrongRecoveryKeyError);
  });

  it('a format 2 wrap marked as format 1 (or unmarked) does not open; an unknown format is unsupported', async () => {
    const { header, recoveryKey } = await createVault(PASSPHRASE, FAST_COST);
    const unmarked = structuredClone(header);
    delete unmarked.passphraseWrap.format;
    delete unmarked.recovery.format;
    await expectRejection(unlockWithPassphrase(unmarked, PASSPHRASE), WrongPassphraseError);
    await expectRejection(unlockWithRecoveryKey(unmarked, recoveryKey), WrongRecoveryKeyError);
    const unknown = { ...structuredClone(header), passphraseWrap: { ...header.passphraseWrap, format: 3 } } as unknown as VaultHeader;
    await expectRejection(unlockWithPassphrase(unknown, PASSPHRASE), UnsupportedVaultError);
  });
});

describe('vaults from before format 2', () => {
  it('open with the passphrase, which rewrites the passphrase wrap in format 2 (same key, label and KDF)', async () => {
    const created = await createVault(PASSPHRASE, FAST_COST);
    const old = deepFreeze(await formatOneHeader(created.header, created.recoveryKey));
    const opened = await unlockKeysWithPassphrase(old, PASSPHRASE);
    await expectSameDataKey(created.dataKey, opened.dataKey);
    expect(opened.diarySealed).toBe(true);
    const upgraded = opened.upgraded as VaultHeader;
    expect(upgraded.passphraseWrap.format).toBe(2);
    expect(upgraded.kdf).toEqual(old.kdf);
    expect(upgraded.recovery).toEqual(old.recovery); // only the recovery key can rewrap this one
    expect(await labelOf(upgraded, PASSPHRASE)).toBe('sealed');
    const again = await unlockKeysWithPassphrase(upgraded, PASSPHRASE);
    expect(again.upgraded).toBeUndefined();
    await expectSameDataKey(created.dataKey, again.dataKey);
    // The format 1 recovery wrap still opens.
    await expectSameDataKey(created.dataKey, (await unlockKeysWithRecoveryKey(upgraded, created.recoveryKey)).dataKey);
  });

  it('a recovery rewrites the recovery wrap in format 2 with the same recovery key', async () => {
    const created = await createVault(PASSPHRASE, FAST_COST);
    const old = await formatOneHeader(created.header, created.recoveryKey);
    const reset = await resetPassphraseWithRecoveryKey(old, created.recoveryKey, 'new words', FAST_COST);
    expect(reset.header.recovery.format).toBe(2);
    expect(reset.header.recovery.salt).toBe(old.recovery.salt);
    await expectSameDataKey(created.dataKey, (await unlockKeysWithRecoveryKey(reset.header, created.recoveryKey)).dataKey);
    await expectSameDataKey(created.dataKey, await unlockWithPassphrase(reset.header, 'new words'));
  });

  it('a new recovery key also moves the passphrase wrap to format 2', async () => {
    const created = await createVault(PASSPHRASE, FAST_COST);
    const old = await formatOneHeader(created.header, created.recoveryKey);
    const { header } = await replaceRecoveryKey(old, PASSPHRASE);
    expect(header.passphraseWrap.format).toBe(2);
    expect(header.kdf).toEqual(old.kdf);
    await expectSameDataKey(created.dataKey, await unlockWithPassphrase(header, PASSPHRASE));
  });
});

describe('a recovery never keeps a KDF cost below the default', () => {
  it('the cost lowered in the header, then recovered: the new passphrase wrap has the default cost', async () => {
    // A vault at the default cost, whose header someone edits down to the floor (the passphrase
    // then fails, which may lead the person to recover).
    const created = await createVault(PASSPHRASE);
    const lowered = structuredClone(created.header);
    lowered.kdf = { ...lowered.kdf, memoryKiB: 8 * 1024, iterations: 1 };
    await expectRejection(unlockWithPassphrase(lowered, PASSPHRASE), WrongPassphraseError);
    const reset = await resetPassphraseWithRecoveryKey(lowered, created.recoveryKey, 'a new passphrase');
    expect(reset.header.kdf).toMatchObject(DEFAULT_KDF_COST);
    await expectSameDataKey(created.dataKey, await unlockWithPassphrase(reset.header, 'a new passphrase'));
  });

  it('a passphrase change or key replacement raises a cost below the default and keeps one above it', async () => {
    const cheap = await createVault(PASSPHRASE, FAST_COST);
    expect((await changePassphrase(cheap.header, PASSPHRASE, 'next')).kdf).toMatchObject(DEFAULT_KDF_COST);
    expect((await beginKeyReplacement(cheap.header, PASSPHRASE)).header.kdf).toMatchObject(DEFAULT_KDF_COST);
    const dear = { ...DEFAULT_KDF_COST, memoryKiB: DEFAULT_KDF_COST.memoryKiB + 1024 };
    const raised = await createVault(PASSPHRASE, dear);
    expect((await changePassphrase(raised.header, PASSPHRASE, 'next')).kdf).toMatchObject(dear);
  });
});

describe('beginKeyReplacement', () => {
  it('a new data key and recovery key, the previous key retiring under both secrets until the end', async () => {
    const created = await createVault(PASSPHRASE, FAST_COST);
    const frozen = deepFreeze(structuredClone(created.header));
    const replacement = await beginKeyReplacement(frozen, PASSPHRASE, { newPassphrase: 'next words', cost: FAST_COST });
    expect(frozen).toEqual(created.header);
    const { header } = replacement;
    expect(header.retiring).toBeDefined();
    expect(header.kdf.salt).not.toBe(created.header.kdf.salt);
    const before = await encryptRecord(created.dataKey, 't', 'i', 'before');
    await expect(decryptRecord(replacement.keys.dataKey, 't', 'i', before)).rejects.toThrow();
    await expectSameDataKey(created.dataKey, replacement.retiring.dataKey);

    // Both secrets give both keys; the previous ones open neither.
    const viaPassphrase = await unlockKeysWithPassphrase(header, 'next words');
    await expectSameDataKey(replacement.keys.dataKey, viaPassphrase.dataKey);
    await expectSameDataKey(created.dataKey, viaPassphrase.retiring?.dataKey as CryptoKey);
    const viaRecovery = await unlockKeysWithRecoveryKey(header, replacement.recoveryKey);
    await expectSameDataKey(replacement.keys.dataKey, viaRecovery.dataKey);
    await expectSameDataKey(created.dataKey, viaRecovery.retiring?.dataKey as CryptoKey);
    await expectRejection(unlockKeysWithPassphrase(header, PASSPHRASE), WrongPassphraseError);
    await expectRejection(unlockKeysWithRecoveryKey(header, created.recoveryKey), WrongRecoveryKeyError);

    // Passphrase and recovery changes meanwhile carry the previous key along.
    const changed = await changePassphrase(header, 'next words', 'third words', FAST_COST);
    await expectSameDataKey(created.dataKey, (await unlockKeysWithPassphrase(changed, 'third words')).retiring?.dataKey as CryptoKey);
    const newRecovery = await replaceRecoveryKey(changed, 'third words');
    const recovered = await unlockKeysWithRecoveryKey(newRecovery.header, newRecovery.recoveryKey);
    await expectSameDataKey(created.dataKey, recovered.retiring?.dataKey as CryptoKey);
    const reset = await resetPassphraseWithRecoveryKey(newRecovery.header, newRecovery.recoveryKey, 'fourth', FAST_COST);
    await expectSameDataKey(created.dataKey, reset.retiring?.dataKey as CryptoKey);
    await expectSameDataKey(created.dataKey, (await unlockKeysWithPassphrase(reset.header, 'fourth')).retiring?.dataKey as CryptoKey);

    // A second replacement waits for the first; the end drops the previous key.
    await expect(beginKeyReplacement(header, 'next words')).rejects.toMatchObject({ code: 'vault/key-replacement-unfinished' });
    const ended = endKeyReplacement(header);
    expect(ended.retiring).toBeUndefined();
    expect((await unlockKeysWithPassphrase(ended, 'next words')).retiring).toBeUndefined();
  });

  it('an edited retiring wrap fails the unlock as a wrong passphrase would', async () => {
    const created = await createVault(PASSPHRASE, FAST_COST);
    const { header } = await beginKeyReplacement(created.header, PASSPHRASE, { cost: FAST_COST });
    const swapped = structuredClone(header);
    swapped.retiring = { passphraseWrap: { ...header.passphraseWrap }, recovery: { ...header.recovery } };
    await expectRejection(unlockKeysWithPassphrase(swapped, PASSPHRASE), WrongPassphraseError);
  });
});

describe('reading a header (hostile: storage can be edited)', () => {
  it('any value in the new fields is refused as unsupported, opens, or fails as a wrong passphrase: never anything else', async () => {
    const created = await createVault(PASSPHRASE, FAST_COST);
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue(),
        fc.jsonValue(),
        fc.constantFrom('passphraseWrap', 'recovery', 'retiring'),
        async (format, retiring, where) => {
          const header = structuredClone(created.header) as unknown as Record<string, unknown>;
          if (where === 'retiring') header.retiring = retiring;
          else (header[where] as Record<string, unknown>).format = format;
          let outcome: string;
          try {
            assertSupportedVaultHeader(header);
            outcome = 'supported';
          } catch (error) {
            expect(error).toBeInstanceOf(UnsupportedVaultError);
            outcome = 'unsupported';
          }
          if (outcome === 'supported')
            expect(keyReplacementUnfinished(header as unknown as VaultHeader)).toBe(where === 'retiring' && retiring !== undefined);
        },
      ),
      { numRuns: 300 },
    );
  });
});
