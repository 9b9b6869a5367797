import { createHmac, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHAIN_SEAL_INFO, unwrapChainKey } from '../../../src/core/crypto/chainKey';
import { utf8Encode } from '../../../src/core/crypto/encoding';
import { wrapDataKey } from '../../../src/core/crypto/keyWrap';
import {
  changePassphrase,
  createVault,
  replaceRecoveryKey,
  resetPassphraseWithRecoveryKey,
  unlockKeysWithPassphrase,
  unlockKeysWithRecoveryKey,
} from '../../../src/core/crypto/vaultKeys';
import { WrongPassphraseError, WrongRecoveryKeyError } from '../../../src/core/crypto/errors';
import { generateRecoveryKey } from '../../../src/core/crypto/recoveryKey';
import { bytesToHex, expectRejection, FAST_COST, hexToBytes } from './helpers';

const PASSPHRASE = 'blue kettle under the stairs';
const MESSAGE = utf8Encode('{"head":"ab","purpose":"daybook chain seal","size":1,"v":2}');

/** The MAC a key makes over MESSAGE: equal MACs mean the same key. */
async function macOf(key: CryptoKey): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.sign('HMAC', key, MESSAGE)));
}

describe('the chain-seal key', () => {
  it('is a non-extractable HMAC-SHA-256 key that can only sign and verify', async () => {
    const { chainKey } = await createVault(PASSPHRASE, FAST_COST);
    expect(chainKey.extractable).toBe(false);
    expect(chainKey.algorithm).toMatchObject({ name: 'HMAC', hash: { name: 'SHA-256' }, length: 256 });
    expect([...chainKey.usages].sort()).toEqual(['sign', 'verify']);
    await expect(crypto.subtle.exportKey('raw', chainKey)).rejects.toThrow();
  });

  it('is HKDF-SHA-256 of the data key (empty salt, info "daybook/chain-seal/v2") to a 256-bit HMAC key', async () => {
    // Computed independently with Node's own HKDF and HMAC from known key bytes.
    const raw = hexToBytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
    expect(CHAIN_SEAL_INFO).toBe('daybook/chain-seal/v2');
    const expectedKey = Buffer.from(hkdfSync('sha256', raw, new Uint8Array(0), CHAIN_SEAL_INFO, 32));
    const expected = createHmac('sha256', expectedKey).update(MESSAGE).digest('hex');

    const dataKey = await crypto.subtle.importKey('raw', raw, 'AES-GCM', true, ['encrypt', 'decrypt']);
    const kek = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey']);
    const wrap = await wrapDataKey(kek, dataKey, 'test/wrap');
    expect(await macOf(await unwrapChainKey(kek, wrap, 'test/wrap'))).toBe(expected);
  });

  it('is the same key whichever way the vault is opened, and after every change of its keys', async () => {
    const created = await createVault(PASSPHRASE, FAST_COST);
    const mac = await macOf(created.chainKey);
    const { header, recoveryKey } = created;
    expect(await macOf((await unlockKeysWithPassphrase(header, PASSPHRASE)).chainKey)).toBe(mac);
    expect(await macOf((await unlockKeysWithRecoveryKey(header, recoveryKey)).chainKey)).toBe(mac);

    const changed = await changePassphrase(header, PASSPHRASE, 'a brand new passphrase');
    expect(await macOf((await unlockKeysWithPassphrase(changed, 'a brand new passphrase')).chainKey)).toBe(mac);

    const reset = await resetPassphraseWithRecoveryKey(changed, recoveryKey, 'remembered now');
    expect(await macOf(reset.chainKey)).toBe(mac);
    expect(await macOf((await unlockKeysWithPassphrase(reset.header, 'remembered now')).chainKey)).toBe(mac);

    const replaced = await replaceRecoveryKey(reset.header, 'remembered now');
    expect(await macOf((await unlockKeysWithRecoveryKey(replaced.header, replaced.recoveryKey)).chainKey)).toBe(mac);
  });

  it('differs between two vaults, even with the same passphrase', async () => {
    const a = await createVault(PASSPHRASE, FAST_COST);
    const b = await createVault(PASSPHRASE, FAST_COST);
    expect(await macOf(a.chainKey)).not.toBe(await macOf(b.chainKey));
  });

  it('the keys come as a pair from the same data key', async () => {
    const { header, recoveryKey } = await createVault(PASSPHRASE, FAST_COST);
    const keys = await unlockKeysWithRecoveryKey(header, recoveryKey);
    expect(keys.dataKey.algorithm).toMatchObject({ name: 'AES-GCM' });
    expect(keys.dataKey.extractable).toBe(false);
  });

  it('a wrong passphrase or recovery key gives no keys, with the usual errors', async () => {
    const { header } = await createVault(PASSPHRASE, FAST_COST);
    await expectRejection(unlockKeysWithPassphrase(header, 'not the passphrase'), WrongPassphraseError);
    await expectRejection(unlockKeysWithPassphrase(header, ''), WrongPassphraseError);
    await expectRejection(unlockKeysWithRecoveryKey(header, generateRecoveryKey()), WrongRecoveryKeyError);
  });
});
