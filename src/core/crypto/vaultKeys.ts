// The vault header and the data key's lifecycle: create, unlock (passphrase or
// recovery key), change passphrase, reset with the recovery key, and replace
// the recovery key. All of these rewrap the same data key, so no record is
// ever re-encrypted. Functions return new headers and never mutate their input.
// The passphrase wrap's label also says whether the vault's diary is sealed
// (see PASSPHRASE_WRAP): a fact only the passphrase can change.

import { base64ToBytes, bytesToBase64 } from './encoding';
import { DecryptionError, UnsupportedVaultError, WrongPassphraseError, WrongRecoveryKeyError } from './errors';
import { assertValidKdfParams, DEFAULT_KDF_COST, deriveKeyEncryptionKey, newKdfParams } from './kdf';
import type { KdfCost, KdfParams } from './kdf';
import { IV_BYTES } from './aead';
import { generateWrappableDataKey, unwrapDataKey, unwrapDataKeyForRewrap, wrapDataKey, WRAPPED_KEY_BYTES } from './keyWrap';
import type { WrappedKey, WrapPurpose } from './keyWrap';
import { unwrapChainKey } from './chainKey';
import { deriveRecoveryKeyEncryptionKey, formatRecoveryKey, parseRecoveryKey, RECOVERY_KEY_BYTES } from './recoveryKey';
import { randomBytes } from './random';

/** Everything needed to unlock the vault. Holds no user data; base64 strings throughout. */
export interface VaultHeader {
  version: 1;
  kdf: KdfParams;
  passphraseWrap: { iv: string; data: string };
  recovery: { salt: string; iv: string; data: string };
  // No creation date: IndexedDB holds no dates, and when someone began a diary is itself telling.
}

/** The keys an open vault holds in memory, both non-extractable. */
export interface VaultKeys {
  /** AES-GCM: encrypts every record and file. */
  dataKey: CryptoKey;
  /** HMAC-SHA-256 from the data key's bytes: seals the diary's head (see chainKey.ts). */
  chainKey: CryptoKey;
}

/**
 * An open vault's keys, and what its header says of its diary. The passphrase wrap's label says
 * whether the diary is sealed (docs/evidence-v2-design.md section 5): a diary with no seal row in a
 * vault that says so has lost its seal row, even when only links from before version 2 remain.
 */
export interface OpenedVault extends VaultKeys {
  diarySealed: boolean;
  /**
   * Only when the header predates sealing: the same header, its passphrase wrap relabelled
   * sealed with the key this unlock derived (same data key and KDF salt, no Argon2). Store it
   * only once the diary's seal row is stored.
   */
  markSealed?: () => Promise<VaultHeader>;
}

/** Whether a new passphrase wrap may say the diary is sealed (its seal row is stored). */
export interface NewWrapOptions {
  /** Default true. A wrap that already says so keeps saying so whatever this is. */
  diarySealed?: boolean;
}

/**
 * Labels bound into the passphrase wrap (AES-GCM additional data), so only the passphrase can
 * change which one a vault has. v2: the vault's diary is sealed. v1: a vault from before sealing,
 * whose diary is judged by its seal row alone until the label moves on (OpenedVault.markSealed).
 */
const PASSPHRASE_WRAP = 'daybook/wrap/passphrase/v2';
const PASSPHRASE_WRAP_UNSEALED = 'daybook/wrap/passphrase/v1';
/** Unchanged by sealing: a recovery wrap cannot be relabelled without the recovery key. */
const RECOVERY_WRAP = 'daybook/wrap/recovery/v1';
const RECOVERY_SALT_BYTES = 16;

// ---------------------------------------------------------------- header I/O

function decodeField(value: unknown, expectedBytes: number, field: string): Uint8Array<ArrayBuffer> {
  if (typeof value !== 'string') throw new UnsupportedVaultError(`${field} missing`);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = base64ToBytes(value);
  } catch (cause) {
    throw new UnsupportedVaultError(`${field} is not base64`, { cause });
  }
  if (bytes.length !== expectedBytes) throw new UnsupportedVaultError(`${field} has the wrong length`);
  return bytes;
}

function asRecord(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new UnsupportedVaultError(`${field} missing`);
  return value as Record<string, unknown>;
}

interface DecodedHeader {
  kdf: KdfParams;
  passphraseWrap: WrappedKey;
  recovery: WrappedKey & { salt: Uint8Array };
}

/** Validates a header read from storage or a file and decodes its binary fields. */
function decodeHeader(value: unknown): DecodedHeader {
  const header = asRecord(value, 'header');
  if (header.version !== 1) throw new UnsupportedVaultError('unknown header version');
  const kdf = header.kdf;
  assertValidKdfParams(kdf);
  const passphraseWrap = asRecord(header.passphraseWrap, 'passphraseWrap');
  const recovery = asRecord(header.recovery, 'recovery');
  return {
    kdf,
    passphraseWrap: {
      iv: decodeField(passphraseWrap.iv, IV_BYTES, 'passphraseWrap.iv'),
      data: decodeField(passphraseWrap.data, WRAPPED_KEY_BYTES, 'passphraseWrap.data'),
    },
    recovery: {
      salt: decodeField(recovery.salt, RECOVERY_SALT_BYTES, 'recovery.salt'),
      iv: decodeField(recovery.iv, IV_BYTES, 'recovery.iv'),
      data: decodeField(recovery.data, WRAPPED_KEY_BYTES, 'recovery.data'),
    },
  };
}

/** Throws UnsupportedVaultError unless `value` is a header this version can unlock. */
export function assertSupportedVaultHeader(value: unknown): asserts value is VaultHeader {
  decodeHeader(value);
}

function encodeWrap(wrap: WrappedKey): { iv: string; data: string } {
  return { iv: bytesToBase64(wrap.iv), data: bytesToBase64(wrap.data) };
}

function copyHeader(header: VaultHeader, changes: Partial<Pick<VaultHeader, 'kdf' | 'passphraseWrap' | 'recovery'>>): VaultHeader {
  // Built field by field: the result never shares objects with the input and
  // carries no unexpected properties from storage.
  const kdf = changes.kdf ?? header.kdf;
  const passphraseWrap = changes.passphraseWrap ?? header.passphraseWrap;
  const recovery = changes.recovery ?? header.recovery;
  return {
    version: 1,
    kdf: { ...kdf },
    passphraseWrap: { iv: passphraseWrap.iv, data: passphraseWrap.data },
    recovery: { salt: recovery.salt, iv: recovery.iv, data: recovery.data },
  };
}

function costOf(kdf: KdfParams): KdfCost {
  return { memoryKiB: kdf.memoryKiB, iterations: kdf.iterations, parallelism: kdf.parallelism };
}

// ------------------------------------------------------------------- wraps

interface PassphraseWrapResult {
  kdf: KdfParams;
  passphraseWrap: VaultHeader['passphraseWrap'];
  /** Unwraps the new wrap, part of `header`: the non-extractable keys without a second Argon2 run. */
  openKeys: (header: VaultHeader) => Promise<OpenedVault>;
}

/** Both keys from one wrap, so they always come from the same data key. */
async function openWrap(kek: CryptoKey, wrap: WrappedKey, purpose: WrapPurpose): Promise<VaultKeys> {
  const [dataKey, chainKey] = await Promise.all([unwrapDataKey(kek, wrap, purpose), unwrapChainKey(kek, wrap, purpose)]);
  return { dataKey, chainKey };
}

/** `header`'s passphrase wrap (v1, under `kek`) relabelled sealed, checked to open before it is returned. */
async function relabelSealed(kek: CryptoKey, header: VaultHeader): Promise<VaultHeader> {
  const wrappable = await unwrapDataKeyForRewrap(kek, decodeHeader(header).passphraseWrap, PASSPHRASE_WRAP_UNSEALED);
  const wrap = await wrapDataKey(kek, wrappable, PASSPHRASE_WRAP);
  await unwrapDataKey(kek, wrap, PASSPHRASE_WRAP);
  return copyHeader(header, { passphraseWrap: encodeWrap(wrap) });
}

/** Keys from a passphrase wrap of `header` opened under `purpose` with `kek`, and what the label says. */
function opened(keys: VaultKeys, kek: CryptoKey, purpose: WrapPurpose, header: VaultHeader): OpenedVault {
  if (purpose === PASSPHRASE_WRAP) return { ...keys, diarySealed: true };
  // The header as it was opened (a copy): the vault stores the relabelled one only over that.
  const unlocked = copyHeader(header, {});
  return { ...keys, diarySealed: false, markSealed: () => relabelSealed(kek, unlocked) };
}

async function wrapUnderPassphrase(dataKey: CryptoKey, passphrase: string, cost: KdfCost, sealed: boolean): Promise<PassphraseWrapResult> {
  const kdf = newKdfParams(cost); // fresh salt on every (re)wrap
  const kek = await deriveKeyEncryptionKey(passphrase, kdf);
  const purpose = sealed ? PASSPHRASE_WRAP : PASSPHRASE_WRAP_UNSEALED;
  const wrap = await wrapDataKey(kek, dataKey, purpose);
  return {
    kdf,
    passphraseWrap: encodeWrap(wrap),
    openKeys: async (header) => opened(await openWrap(kek, wrap, purpose), kek, purpose, header),
  };
}

async function wrapUnderNewRecoveryKey(dataKey: CryptoKey): Promise<{ recovery: VaultHeader['recovery']; recoveryKey: string }> {
  const keyBytes = randomBytes(RECOVERY_KEY_BYTES);
  const salt = randomBytes(RECOVERY_SALT_BYTES);
  try {
    const kek = await deriveRecoveryKeyEncryptionKey(keyBytes, salt);
    const wrap = await wrapDataKey(kek, dataKey, RECOVERY_WRAP);
    const recoveryKey = formatRecoveryKey(keyBytes);
    // Self-check through the text the user will write down (cheap: HKDF only),
    // so a formatting bug can never hand out a key that does not work.
    const checkKek = await deriveRecoveryKeyEncryptionKey(parseRecoveryKey(recoveryKey), salt);
    await unwrapDataKey(checkKek, wrap, RECOVERY_WRAP);
    return { recovery: { salt: bytesToBase64(salt), ...encodeWrap(wrap) }, recoveryKey };
  } finally {
    keyBytes.fill(0);
  }
}

/** Maps an authentication failure to the error the user should see; passes others through. */
async function failingAs<T>(promise: Promise<T>, makeError: (cause: unknown) => Error): Promise<T> {
  try {
    return await promise;
  } catch (cause) {
    if (cause instanceof DecryptionError) throw makeError(cause);
    throw cause;
  }
}

async function recoveryKek(header: DecodedHeader, recoveryKey: string): Promise<CryptoKey> {
  const keyBytes = parseRecoveryKey(recoveryKey); // InvalidRecoveryKeyFormatError
  try {
    return await deriveRecoveryKeyEncryptionKey(keyBytes, header.recovery.salt);
  } finally {
    keyBytes.fill(0);
  }
}

async function passphraseKek(header: DecodedHeader, passphrase: string): Promise<CryptoKey> {
  // No vault can have an empty passphrase (deriveKeyEncryptionKey refuses one).
  if (passphrase.length === 0) throw new WrongPassphraseError();
  return deriveKeyEncryptionKey(passphrase, header.kdf);
}

/**
 * Opens the passphrase wrap under the sealed label, else under the one from before sealing: at
 * most one more AES-GCM unwrap, never a second Argon2. WrongPassphraseError when neither opens.
 */
async function openPassphraseWrap<T>(
  kek: CryptoKey,
  wrap: WrappedKey,
  open: (kek: CryptoKey, wrap: WrappedKey, purpose: WrapPurpose) => Promise<T>,
): Promise<{ value: T; purpose: WrapPurpose }> {
  try {
    return { value: await open(kek, wrap, PASSPHRASE_WRAP), purpose: PASSPHRASE_WRAP };
  } catch (cause) {
    if (!(cause instanceof DecryptionError)) throw cause;
  }
  const value = await failingAs(open(kek, wrap, PASSPHRASE_WRAP_UNSEALED), (cause) => new WrongPassphraseError({ cause }));
  return { value, purpose: PASSPHRASE_WRAP_UNSEALED };
}

async function unwrapWithPassphrase(
  header: DecodedHeader,
  passphrase: string,
  forRewrap: boolean,
): Promise<{ value: CryptoKey; purpose: WrapPurpose }> {
  const kek = await passphraseKek(header, passphrase);
  return openPassphraseWrap(kek, header.passphraseWrap, forRewrap ? unwrapDataKeyForRewrap : unwrapDataKey);
}

async function unwrapWithRecoveryKey(header: DecodedHeader, recoveryKey: string, forRewrap: boolean): Promise<CryptoKey> {
  const kek = await recoveryKek(header, recoveryKey);
  const unwrap = forRewrap ? unwrapDataKeyForRewrap : unwrapDataKey;
  return failingAs(unwrap(kek, header.recovery, RECOVERY_WRAP), (cause) => new WrongRecoveryKeyError({ cause }));
}

// ------------------------------------------------------------------ public

/**
 * Creates a vault: a random data key wrapped under the passphrase and under a
 * new recovery key. Show `recoveryKey` to the user once; it is not stored.
 * The returned data key is non-extractable and comes from unwrapping the new
 * passphrase wrap, which proves the wrap opens before anything is written.
 */
export async function createVault(
  passphrase: string,
  cost: KdfCost = DEFAULT_KDF_COST,
): Promise<{ header: VaultHeader; dataKey: CryptoKey; chainKey: CryptoKey; recoveryKey: string }> {
  const wrappable = await generateWrappableDataKey();
  // A new vault's diary is sealed from its first row: the header says so (Vault stores the two together).
  const { kdf, passphraseWrap, openKeys } = await wrapUnderPassphrase(wrappable, passphrase, cost, true);
  const { recovery, recoveryKey } = await wrapUnderNewRecoveryKey(wrappable);
  const header: VaultHeader = { version: 1, kdf, passphraseWrap, recovery };
  // The seal key too comes from the stored wrap (not the raw key in hand), so it is the very
  // key every later unlock derives, and the raw bytes never reach script.
  const { dataKey, chainKey } = await openKeys(header);
  return { header, dataKey, chainKey, recoveryKey };
}

/** Throws WrongPassphraseError if the passphrase is wrong or the wrap was tampered with. */
export async function unlockWithPassphrase(header: VaultHeader, passphrase: string): Promise<CryptoKey> {
  return (await unwrapWithPassphrase(decodeHeader(header), passphrase, false)).value;
}

/**
 * Throws InvalidRecoveryKeyFormatError if the text cannot be a recovery key,
 * WrongRecoveryKeyError if it is well formed but does not unlock this vault.
 */
export async function unlockWithRecoveryKey(header: VaultHeader, recoveryKey: string): Promise<CryptoKey> {
  return unwrapWithRecoveryKey(decodeHeader(header), recoveryKey, false);
}

/**
 * Both keys of an open vault (one Argon2 run) and whether its header says the diary is sealed;
 * throws as unlockWithPassphrase does.
 */
export async function unlockKeysWithPassphrase(header: VaultHeader, passphrase: string): Promise<OpenedVault> {
  const decoded = decodeHeader(header);
  const kek = await passphraseKek(decoded, passphrase);
  // The data key first, then the seal key under the label that opened it: a v1 wrap or a wrong
  // passphrase costs one failed unwrap more than before, no more.
  const { value: dataKey, purpose } = await openPassphraseWrap(kek, decoded.passphraseWrap, unwrapDataKey);
  const chainKey = await failingAs(unwrapChainKey(kek, decoded.passphraseWrap, purpose), (cause) => new WrongPassphraseError({ cause }));
  return opened({ dataKey, chainKey }, kek, purpose, header);
}

/** Both keys of an open vault; throws as unlockWithRecoveryKey does. */
export async function unlockKeysWithRecoveryKey(header: VaultHeader, recoveryKey: string): Promise<VaultKeys> {
  const decoded = decodeHeader(header);
  const kek = await recoveryKek(decoded, recoveryKey);
  return failingAs(openWrap(kek, decoded.recovery, RECOVERY_WRAP), (cause) => new WrongRecoveryKeyError({ cause }));
}

/**
 * Rewraps the data key under a new passphrase with a new salt. The recovery
 * wrap is unchanged. `cost` defaults to the vault's current cost, so a raised
 * cost is never silently lowered; pass DEFAULT_KDF_COST to upgrade old vaults.
 * The new wrap says the diary is sealed unless `options.diarySealed` is false and the
 * current one does not say so either.
 */
export async function changePassphrase(
  header: VaultHeader,
  currentPassphrase: string,
  newPassphrase: string,
  cost?: KdfCost,
  options: NewWrapOptions = {},
): Promise<VaultHeader> {
  const decoded = decodeHeader(header);
  const { value: wrappable, purpose } = await unwrapWithPassphrase(decoded, currentPassphrase, true);
  const sealed = purpose === PASSPHRASE_WRAP || options.diarySealed !== false;
  const { kdf, passphraseWrap } = await wrapUnderPassphrase(wrappable, newPassphrase, cost ?? costOf(decoded.kdf), sealed);
  return copyHeader(header, { kdf, passphraseWrap });
}

/**
 * For a forgotten passphrase: unlocks with the recovery key and wraps the data
 * key under a new passphrase. The recovery key stays valid; offer
 * replaceRecoveryKey afterwards if it may have been seen. The new wrap says the
 * diary is sealed unless `options.diarySealed` is false (then see OpenedVault.markSealed).
 */
export async function resetPassphraseWithRecoveryKey(
  header: VaultHeader,
  recoveryKey: string,
  newPassphrase: string,
  cost?: KdfCost,
  options: NewWrapOptions = {},
): Promise<{ header: VaultHeader } & OpenedVault> {
  const decoded = decodeHeader(header);
  const wrappable = await unwrapWithRecoveryKey(decoded, recoveryKey, true);
  const sealed = options.diarySealed !== false;
  const { kdf, passphraseWrap, openKeys } = await wrapUnderPassphrase(wrappable, newPassphrase, cost ?? costOf(decoded.kdf), sealed);
  const reset = copyHeader(header, { kdf, passphraseWrap });
  return { header: reset, ...(await openKeys(reset)) };
}

/** Issues a new recovery key (the old one stops working). The passphrase wrap is unchanged. */
export async function replaceRecoveryKey(header: VaultHeader, passphrase: string): Promise<{ header: VaultHeader; recoveryKey: string }> {
  const { value: wrappable } = await unwrapWithPassphrase(decodeHeader(header), passphrase, true);
  const { recovery, recoveryKey } = await wrapUnderNewRecoveryKey(wrappable);
  return { header: copyHeader(header, { recovery }), recoveryKey };
}
