import { describe, it, expect } from 'vitest';
import {
  assertSupportedVaultHeader,
  changePassphrase,
  createVault,
  replaceRecoveryKey,
  resetPassphraseWithRecoveryKey,
  unlockWithPassphrase,
  unlockWithRecoveryKey,
} from '../../../src/core/crypto/vaultKeys';
import type { VaultHeader } from '../../../src/core/crypto/vaultKeys';
import { decryptRecord, encryptRecord } from '../../../src/core/crypto/records';
import { base64ToBytes, bytesToBase64 } from '../../../src/core/crypto/encoding';
import { DEFAULT_KDF_COST } from '../../../src/core/crypto/kdf';
import { generateRecoveryKey } from '../../../src/core/crypto/recoveryKey';
import {
  InvalidRecoveryKeyFormatError,
  UnsupportedVaultError,
  WrongPassphraseError,
  WrongRecoveryKeyError,
} from '../../../src/core/crypto/errors';
import { deepFreeze, expectRejection, FAST_COST, flipByte } from './helpers';

const PASSPHRASE = 'blue kettle under the stairs';

async function expectUsableDataKey(dataKey: CryptoKey): Promise<void> {
  expect(dataKey.extractable).toBe(false);
  expect([...dataKey.usages].sort()).toEqual(['decrypt', 'encrypt']);
  expect(dataKey.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
  await expect(crypto.subtle.exportKey('raw', dataKey)).rejects.toThrow();
  await expect(crypto.subtle.exportKey('jwk', dataKey)).rejects.toThrow();
}

/** Both keys are the same data key: a record sealed by one opens with the other. */
async function expectSameDataKey(a: CryptoKey, b: CryptoKey): Promise<void> {
  const record = await encryptRecord(a, 'check', 'x', { same: true });
  expect(await decryptRecord(b, 'check', 'x', record)).toEqual({ same: true });
}

/** Header with the bytes of one base64 field changed by `edit`. */
function withEditedField(
  header: VaultHeader,
  path: 'passphraseWrap.iv' | 'passphraseWrap.data' | 'recovery.iv' | 'recovery.data' | 'recovery.salt' | 'kdf.salt',
  edit: (bytes: Uint8Array) => Uint8Array,
): VaultHeader {
  const copy = structuredClone(header);
  const [group, field] = path.split('.') as [keyof VaultHeader, string];
  const target = copy[group] as unknown as Record<string, string>;
  target[field] = bytesToBase64(edit(base64ToBytes(target[field] ?? '')));
  return copy;
}

describe('createVault', () => {
  it('returns a header, a non-extractable data key and a recovery key', async () => {
    const { header, dataKey, recoveryKey } = await createVault(PASSPHRASE, FAST_COST);
    await expectUsableDataKey(dataKey);
    expect(recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(header.version).toBe(2); // a new vault may hold packed records at once
    expect(header.kdf).toMatchObject({ algorithm: 'argon2id', ...FAST_COST });
    expect(Object.keys(header).sort()).toEqual(['kdf', 'passphraseWrap', 'recovery', 'version']); // no dates
    expect(() => assertSupportedVaultHeader(header)).not.toThrow();
    // The header survives JSON and structured cloning (how it is stored).
    expect(JSON.parse(JSON.stringify(header))).toEqual(header);
    // Nothing in the header is the passphrase or the recovery key.
    const text = JSON.stringify(header);
    expect(text).not.toContain('kettle');
    expect(text).not.toContain(recoveryKey.replace(/-/g, '').slice(0, 8));
  });

  it('gives every vault its own salts, IVs, data key and recovery key', async () => {
    const a = await createVault(PASSPHRASE, FAST_COST);
    const b = await createVault(PASSPHRASE, FAST_COST);
    expect(a.header.kdf.salt).not.toBe(b.header.kdf.salt);
    expect(a.header.recovery.salt).not.toBe(b.header.recovery.salt);
    expect(a.header.passphraseWrap.iv).not.toBe(b.header.passphraseWrap.iv);
    expect(a.header.passphraseWrap.data).not.toBe(b.header.passphraseWrap.data);
    expect(a.recoveryKey).not.toBe(b.recoveryKey);
    const record = await encryptRecord(a.dataKey, 't', 'i', 1);
    await expect(decryptRecord(b.dataKey, 't', 'i', record)).rejects.toThrow();
  });

  it('works at the real default cost (m = 64 MiB, t = 3, p = 1)', async () => {
    const { header, dataKey } = await createVault(PASSPHRASE);
    expect(header.kdf).toMatchObject({ algorithm: 'argon2id', ...DEFAULT_KDF_COST });
    await expectUsableDataKey(dataKey);
  });
});

describe('unlocking', () => {
  it('unlocks with the passphrase and with the recovery key, to the same data key', async () => {
    const { header, dataKey, recoveryKey } = await createVault(PASSPHRASE, FAST_COST);
    const viaPassphrase = await unlockWithPassphrase(header, PASSPHRASE);
    const viaRecovery = await unlockWithRecoveryKey(header, recoveryKey);
    await expectUsableDataKey(viaPassphrase);
    await expectUsableDataKey(viaRecovery);
    await expectSameDataKey(dataKey, viaPassphrase);
    await expectSameDataKey(viaPassphrase, viaRecovery);
  });

  it('accepts the recovery key however it is typed', async () => {
    const { header, recoveryKey } = await createVault(PASSPHRASE, FAST_COST);
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    await expect(unlockWithRecoveryKey(header, `  ${typed} `)).resolves.toBeDefined();
  });

  it('normalises the passphrase (NFC) so another keyboard still unlocks', async () => {
    const { header } = await createVault('caf\u00e9', FAST_COST);
    await expect(unlockWithPassphrase(header, 'cafe\u0301')).resolves.toBeDefined();
  });

  it('rejects a wrong passphrase with WrongPassphraseError', async () => {
    const { header } = await createVault(PASSPHRASE, FAST_COST);
    for (const wrong of ['', ' ', 'blue kettle under the stairs ', 'Blue kettle under the stairs', 'x']) {
      await expectRejection(unlockWithPassphrase(header, wrong), WrongPassphraseError);
    }
  });

  it('rejects a wrong recovery key with WrongRecoveryKeyError and garbage with InvalidRecoveryKeyFormatError', async () => {
    const { header, recoveryKey } = await createVault(PASSPHRASE, FAST_COST);
    await expectRejection(unlockWithRecoveryKey(header, generateRecoveryKey()), WrongRecoveryKeyError);
    const lastChanged = recoveryKey.slice(0, -1) + (recoveryKey.endsWith('0') ? '1' : '0');
    await expectRejection(unlockWithRecoveryKey(header, lastChanged), WrongRecoveryKeyError);
    await expectRejection(unlockWithRecoveryKey(header, PASSPHRASE), InvalidRecoveryKeyFormatError);
    await expectRejection(unlockWithRecoveryKey(header, recoveryKey.slice(0, -2)), InvalidRecoveryKeyFormatError);
  });

  it('does not accept one wrap in place of the other', async () => {
    const { header, recoveryKey } = await createVault(PASSPHRASE, FAST_COST);
    const swapped: VaultHeader = {
      ...header,
      passphraseWrap: { iv: header.recovery.iv, data: header.recovery.data },
      recovery: { ...header.recovery, iv: header.passphraseWrap.iv, data: header.passphraseWrap.data },
    };
    await expectRejection(unlockWithPassphrase(swapped, PASSPHRASE), WrongPassphraseError);
    await expectRejection(unlockWithRecoveryKey(swapped, recoveryKey), WrongRecoveryKeyError);
  });
});

describe('wrapped data key tamper detection', () => {
  it('detects every changed byte of the passphrase wrap (IV and ciphertext) and of the KDF salt', async () => {
    const { header } = await createVault(PASSPHRASE, FAST_COST);
    const fields = ['passphraseWrap.iv', 'passphraseWrap.data', 'kdf.salt'] as const;
    for (const field of fields) {
      const length = base64ToBytes(
        field === 'kdf.salt' ? header.kdf.salt : header.passphraseWrap[field === 'passphraseWrap.iv' ? 'iv' : 'data'],
      ).length;
      for (let i = 0; i < length; i++) {
        const tampered = withEditedField(header, field, (bytes) => flipByte(bytes, i));
        await expectRejection(unlockWithPassphrase(tampered, PASSPHRASE), WrongPassphraseError);
      }
    }
    await expect(unlockWithPassphrase(header, PASSPHRASE)).resolves.toBeDefined();
  });

  it('detects every changed byte of the recovery wrap (IV, ciphertext and salt)', async () => {
    const { header, recoveryKey } = await createVault(PASSPHRASE, FAST_COST);
    for (const field of ['recovery.iv', 'recovery.data', 'recovery.salt'] as const) {
      const length = base64ToBytes(header.recovery[field.split('.')[1] as 'iv' | 'data' | 'salt']).length;
      for (let i = 0; i < length; i++) {
        const tampered = withEditedField(header, field, (bytes) => flipByte(bytes, i));
        await expectRejection(unlockWithRecoveryKey(tampered, recoveryKey), WrongRecoveryKeyError);
      }
    }
    await expect(unlockWithRecoveryKey(header, recoveryKey)).resolves.toBeDefined();
  });

  it('rejects a wrong-length wrap or an unknown header as unsupported', async () => {
    const { header } = await createVault(PASSPHRASE, FAST_COST);
    const broken: unknown[] = [
      withEditedField(header, 'passphraseWrap.data', (b) => b.subarray(1)),
      withEditedField(header, 'passphraseWrap.iv', (b) => new Uint8Array([...b, 0])),
      withEditedField(header, 'recovery.salt', (b) => b.subarray(0, 8)),
      { ...header, version: 3 },
      { ...header, kdf: { ...header.kdf, algorithm: 'pbkdf2' } },
      { ...header, kdf: { ...header.kdf, memoryKiB: 4 * 1024 * 1024 } },
      { ...header, kdf: { ...header.kdf, iterations: 100 } },
      { ...header, passphraseWrap: { ...header.passphraseWrap, data: '%%%' } },
      { ...header, recovery: undefined },
      null,
      'header',
    ];
    for (const value of broken) {
      await expectRejection(unlockWithPassphrase(value as VaultHeader, PASSPHRASE), UnsupportedVaultError);
      expect(() => assertSupportedVaultHeader(value)).toThrow(UnsupportedVaultError);
    }
  });
});

describe('changePassphrase', () => {
  it('rewraps only: new salt, old data still readable, recovery wrap untouched', async () => {
    const { header, dataKey, recoveryKey } = await createVault(PASSPHRASE, FAST_COST);
    const before = await encryptRecord(dataKey, 'incidents', 'e1', { text: 'written before the change' });
    const frozen = deepFreeze(structuredClone(header));

    const next = await changePassphrase(frozen, PASSPHRASE, 'a brand new passphrase');

    expect(frozen).toEqual(header); // input not mutated (and frozen, so it could not be)
    expect(next.kdf.salt).not.toBe(header.kdf.salt);
    // A cost below the default is raised to it (a higher one is kept: see 'can raise the cost').
    expect(next.kdf).toMatchObject(DEFAULT_KDF_COST);
    expect(next.passphraseWrap.iv).not.toBe(header.passphraseWrap.iv);
    expect(next.recovery).toEqual(header.recovery);

    await expectRejection(unlockWithPassphrase(next, PASSPHRASE), WrongPassphraseError);
    const unlocked = await unlockWithPassphrase(next, 'a brand new passphrase');
    await expectUsableDataKey(unlocked);
    expect(await decryptRecord(unlocked, 'incidents', 'e1', before)).toEqual({ text: 'written before the change' });
    await expectSameDataKey(unlocked, await unlockWithRecoveryKey(next, recoveryKey));
  });

  it('refuses an empty new passphrase without changing anything', async () => {
    const { header } = await createVault(PASSPHRASE, FAST_COST);
    await expect(changePassphrase(header, PASSPHRASE, '')).rejects.toThrow(RangeError);
    await expect(createVault('', FAST_COST)).rejects.toThrow(RangeError);
  });

  it('can raise the cost, and refuses a wrong current passphrase', async () => {
    const { header } = await createVault(PASSPHRASE, FAST_COST);
    const raised = { memoryKiB: 16 * 1024, iterations: 2, parallelism: 1 };
    const next = await changePassphrase(header, PASSPHRASE, 'new', raised);
    expect(next.kdf).toMatchObject(raised);
    await expect(unlockWithPassphrase(next, 'new')).resolves.toBeDefined();
    await expectRejection(changePassphrase(header, 'not it', 'new'), WrongPassphraseError);
  });
});

describe('resetPassphraseWithRecoveryKey', () => {
  it('sets a new passphrase from the recovery key, keeping the data key', async () => {
    const { header, dataKey, recoveryKey } = await createVault(PASSPHRASE, FAST_COST);
    const before = await encryptRecord(dataKey, 'incidents', 'e1', 'old entry');
    const frozen = deepFreeze(structuredClone(header));

    const result = await resetPassphraseWithRecoveryKey(frozen, recoveryKey, 'remembered now');

    expect(frozen).toEqual(header);
    await expectUsableDataKey(result.dataKey);
    expect(await decryptRecord(result.dataKey, 'incidents', 'e1', before)).toBe('old entry');
    expect(result.header.recovery).toEqual(header.recovery);
    expect(result.header.kdf.salt).not.toBe(header.kdf.salt);
    await expectRejection(unlockWithPassphrase(result.header, PASSPHRASE), WrongPassphraseError);
    await expectSameDataKey(dataKey, await unlockWithPassphrase(result.header, 'remembered now'));
    await expectSameDataKey(dataKey, await unlockWithRecoveryKey(result.header, recoveryKey));
  });

  it('refuses a wrong recovery key', async () => {
    const { header } = await createVault(PASSPHRASE, FAST_COST);
    await expectRejection(resetPassphraseWithRecoveryKey(header, generateRecoveryKey(), 'x'), WrongRecoveryKeyError);
    await expectRejection(resetPassphraseWithRecoveryKey(header, 'nonsense', 'x'), InvalidRecoveryKeyFormatError);
  });
});

describe('replaceRecoveryKey', () => {
  it('issues a new recovery key; the old one stops working; the passphrase wrap is untouched', async () => {
    const { header, dataKey, recoveryKey } = await createVault(PASSPHRASE, FAST_COST);
    const frozen = deepFreeze(structuredClone(header));

    const result = await replaceRecoveryKey(frozen, PASSPHRASE);

    expect(frozen).toEqual(header);
    expect(result.recoveryKey).not.toBe(recoveryKey);
    expect(result.header.recovery.salt).not.toBe(header.recovery.salt);
    expect(result.header.passphraseWrap).toEqual(header.passphraseWrap);
    expect(result.header.kdf).toEqual(header.kdf);
    await expectRejection(unlockWithRecoveryKey(result.header, recoveryKey), WrongRecoveryKeyError);
    await expectSameDataKey(dataKey, await unlockWithRecoveryKey(result.header, result.recoveryKey));
    await expectSameDataKey(dataKey, await unlockWithPassphrase(result.header, PASSPHRASE));
  });

  it('requires the passphrase', async () => {
    const { header } = await createVault(PASSPHRASE, FAST_COST);
    await expectRejection(replaceRecoveryKey(header, 'wrong'), WrongPassphraseError);
  });
});
