// The vault header and the data key's lifecycle: create, unlock (passphrase or recovery key),
// change passphrase, reset with the recovery key, replace the recovery key, and replace the data
// key itself (docs/vault-format.md). Functions return new headers and never mutate their input.
// The passphrase wrap's label also says whether the vault's diary is sealed (see PASSPHRASE_WRAP):
// a fact only the passphrase can change.
//
// Wrap formats. Format 1 (no `format` field; every vault before issue 13) binds only the wrap's
// label as AES-GCM additional data. Format 2 binds the label together with the parameters of the
// KDF that made its key-encryption key (Argon2id's memory, passes, lanes and salt; the recovery
// KDF's name, info and salt), so a wrap is only ever opened with the parameters it was made with.
// Every wrap written now is format 2. A format 1 passphrase wrap is rewrapped as format 2 (same
// data key, same KDF parameters) by the unlock that opens it; a format 1 recovery wrap can only
// be rewrapped with the recovery key, so it stays until that key is used or replaced.

import { base64ToBytes, bytesToBase64 } from './encoding';
import { DecryptionError, UnsupportedVaultError, WrongPassphraseError, WrongRecoveryKeyError } from './errors';
import { assertValidKdfParams, DEFAULT_KDF_COST, deriveKeyEncryptionKey, newKdfParams } from './kdf';
import type { DeriveOptions, KdfCost, KdfParams } from './kdf';
import { IV_BYTES } from './aead';
import { generateWrappableDataKey, unwrapDataKey, unwrapDataKeyForRewrap, wrapDataKey, WRAPPED_KEY_BYTES } from './keyWrap';
import type { WrappedKey, WrapPurpose } from './keyWrap';
import { unwrapChainKey } from './chainKey';
import { deriveRecoveryKeyEncryptionKey, formatRecoveryKey, parseRecoveryKey, RECOVERY_KEK_INFO, RECOVERY_KEY_BYTES } from './recoveryKey';
import { randomBytes } from './random';

/** A wrapped key as stored: base64. `format` 2 binds its KDF's parameters (absent: format 1). */
export interface StoredWrap {
  iv: string;
  data: string;
  format?: 2;
}

/** Everything needed to unlock the vault. Holds no user data; base64 strings throughout. */
export interface VaultHeader {
  /**
   * 2 once the diary may hold packed records (docs/vault-format.md, "The diary's rows"): a
   * version of Daybook from before packs refuses to unlock it ("made by a newer version") rather
   * than read only part of the diary. New vaults start at 2; version 1 moves to 2 before the first pack.
   */
  version: 1 | 2;
  kdf: KdfParams;
  passphraseWrap: StoredWrap;
  recovery: StoredWrap & { salt: string };
  /**
   * Only while the data key is being replaced (docs/vault-format.md, "Replacing the data key"):
   * the previous data key, wrapped under the same passphrase and recovery key as the new one, so
   * rows not yet re-encrypted stay readable after a reload. Removed once every row is under the
   * new key; from then on nothing stored can unwrap the previous key.
   */
  retiring?: { passphraseWrap: StoredWrap; recovery: StoredWrap };
  // No creation date: IndexedDB holds no dates, and when someone began a diary is itself telling.
}

/** The keys an open vault holds in memory, both non-extractable. */
export interface VaultKeys {
  /** AES-GCM: encrypts every record and file. */
  dataKey: CryptoKey;
  /** HMAC-SHA-256 from the data key's bytes: seals the diary's head (see chainKey.ts). */
  chainKey: CryptoKey;
}

/** Keys of an open vault, with the previous data key's while a replacement is unfinished. */
export interface OpenedKeys extends VaultKeys {
  retiring?: VaultKeys;
}

/**
 * An open vault's keys, and what its header says of its diary. The passphrase wrap's label says
 * whether the diary is sealed (docs/evidence-v2-design.md section 5): a diary with no seal row in a
 * vault that says so has lost its seal row, even when only links from before version 2 remain.
 */
export interface OpenedVault extends OpenedKeys {
  diarySealed: boolean;
  /**
   * Only when the header predates sealing: the same header, its passphrase wrap relabelled
   * sealed with the key this unlock derived (same data key and KDF salt, no Argon2). Store it
   * only once the diary's seal row is stored.
   */
  markSealed?: () => Promise<VaultHeader>;
  /**
   * Only when the opened passphrase wrap was format 1: the same header with that wrap in format 2
   * (same data key, label and KDF parameters). Store it only over the header that was opened;
   * markSealed, when given, relabels this one.
   */
  upgraded?: VaultHeader;
}

/** Whether a new passphrase wrap may say the diary is sealed (its seal row is stored). */
export interface NewWrapOptions {
  /** Default true. A wrap that already says so keeps saying so whatever this is. */
  diarySealed?: boolean;
}

/**
 * `signal` stops the Argon2id derivations a call makes (TaskCancelledError); these functions
 * store nothing, so a stopped call leaves everything as it was.
 */
export type CancelOptions = DeriveOptions;

/** Thrown when a data-key replacement is asked for while one is unfinished: finish that first. */
export class KeyReplacementUnfinishedError extends Error {
  readonly code = 'vault/key-replacement-unfinished';
  constructor() {
    super('A replacement of the data key is still unfinished');
    this.name = 'KeyReplacementUnfinishedError';
  }
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
/** The previous data key during a replacement, under the passphrase and under the recovery key. */
const RETIRING_PASSPHRASE_WRAP = 'daybook/wrap/passphrase/retiring/v1';
const RETIRING_RECOVERY_WRAP = 'daybook/wrap/recovery/retiring/v1';
const RECOVERY_SALT_BYTES = 16;
/** First field of a format 2 wrap's additional data. */
const BINDING = 'daybook/wrap-binding/v2';

// ------------------------------------------------------------ additional data

/** Format 2: the label, then the KDF and every parameter it was run with, NUL-separated. */
function passphraseAad(label: string, kdf: KdfParams): WrapPurpose {
  // The salt re-encoded from its bytes: what Argon2 was given, whatever the stored text's form.
  const salt = bytesToBase64(base64ToBytes(kdf.salt));
  return [BINDING, label, 'argon2id', `m=${kdf.memoryKiB}`, `t=${kdf.iterations}`, `p=${kdf.parallelism}`, `salt=${salt}`].join('\0');
}

function recoveryAad(label: string, salt: Uint8Array): WrapPurpose {
  return [BINDING, label, 'hkdf-sha256', `info=${RECOVERY_KEK_INFO}`, `salt=${bytesToBase64(salt)}`].join('\0');
}

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

interface DecodedWrap extends WrappedKey {
  format: 1 | 2;
}

interface DecodedHeader {
  kdf: KdfParams;
  passphraseWrap: DecodedWrap;
  recovery: DecodedWrap & { salt: Uint8Array };
  retiring?: { passphraseWrap: WrappedKey; recovery: WrappedKey };
}

function decodeWrap(value: unknown, field: string): DecodedWrap {
  const wrap = asRecord(value, field);
  if (wrap.format !== undefined && wrap.format !== 2) throw new UnsupportedVaultError(`${field}.format unknown`);
  return {
    iv: decodeField(wrap.iv, IV_BYTES, `${field}.iv`),
    data: decodeField(wrap.data, WRAPPED_KEY_BYTES, `${field}.data`),
    format: wrap.format === 2 ? 2 : 1,
  };
}

/** Validates a header read from storage or a file and decodes its binary fields. */
function decodeHeader(value: unknown): DecodedHeader {
  const header = asRecord(value, 'header');
  if (header.version !== 1 && header.version !== 2) throw new UnsupportedVaultError('unknown header version');
  const kdf = header.kdf;
  assertValidKdfParams(kdf);
  const recovery = asRecord(header.recovery, 'recovery');
  const decoded: DecodedHeader = {
    kdf,
    passphraseWrap: decodeWrap(header.passphraseWrap, 'passphraseWrap'),
    recovery: { ...decodeWrap(recovery, 'recovery'), salt: decodeField(recovery.salt, RECOVERY_SALT_BYTES, 'recovery.salt') },
  };
  if (header.retiring !== undefined) {
    const retiring = asRecord(header.retiring, 'retiring');
    const passphraseWrap = decodeWrap(retiring.passphraseWrap, 'retiring.passphraseWrap');
    const recoveryWrap = decodeWrap(retiring.recovery, 'retiring.recovery');
    // Written only beside format 2 wraps, and only ever in format 2.
    if ([passphraseWrap, recoveryWrap, decoded.passphraseWrap, decoded.recovery].some((wrap) => wrap.format !== 2)) {
      throw new UnsupportedVaultError('retiring wraps need format 2');
    }
    decoded.retiring = { passphraseWrap, recovery: recoveryWrap };
  }
  return decoded;
}

/** The same header at version 2 (see VaultHeader.version); nothing else changes, no key is needed. */
export function headerForPacks(header: VaultHeader): VaultHeader {
  decodeHeader(header);
  return copyHeader(header, { version: 2 });
}

/** Throws UnsupportedVaultError unless `value` is a header this version can unlock. */
export function assertSupportedVaultHeader(value: unknown): asserts value is VaultHeader {
  decodeHeader(value);
}

/** Whether the header says a replacement of the data key is unfinished (nothing is decrypted). */
export function keyReplacementUnfinished(header: VaultHeader): boolean {
  return decodeHeader(header).retiring !== undefined;
}

function encodeWrap(wrap: WrappedKey): StoredWrap {
  return { iv: bytesToBase64(wrap.iv), data: bytesToBase64(wrap.data), format: 2 };
}

function copyWrap(wrap: StoredWrap): StoredWrap {
  return wrap.format === 2 ? { iv: wrap.iv, data: wrap.data, format: 2 } : { iv: wrap.iv, data: wrap.data };
}

type HeaderChanges = Partial<Pick<VaultHeader, 'version' | 'kdf' | 'passphraseWrap' | 'recovery'>> & {
  /** null: the replacement is over, drop the retiring wraps. */
  retiring?: VaultHeader['retiring'] | null;
};

function copyHeader(header: VaultHeader, changes: HeaderChanges): VaultHeader {
  // Built field by field: the result never shares objects with the input and
  // carries no unexpected properties from storage.
  const kdf = changes.kdf ?? header.kdf;
  const passphraseWrap = changes.passphraseWrap ?? header.passphraseWrap;
  const recovery = changes.recovery ?? header.recovery;
  const retiring = changes.retiring === null ? undefined : (changes.retiring ?? header.retiring);
  const copy: VaultHeader = {
    // Never back to 1: a version from before packs must not open a diary that may hold them.
    version: changes.version === 2 || header.version === 2 ? 2 : 1,
    kdf: { ...kdf },
    passphraseWrap: copyWrap(passphraseWrap),
    recovery: { salt: recovery.salt, ...copyWrap(recovery) },
  };
  if (retiring) copy.retiring = { passphraseWrap: copyWrap(retiring.passphraseWrap), recovery: copyWrap(retiring.recovery) };
  return copy;
}

function costOf(kdf: KdfParams): KdfCost {
  return { memoryKiB: kdf.memoryKiB, iterations: kdf.iterations, parallelism: kdf.parallelism };
}

/** The stored cost, raised to the default where it is lower: a rewrap never keeps a weaker cost. */
function atLeastDefault(cost: KdfCost): KdfCost {
  return {
    memoryKiB: Math.max(cost.memoryKiB, DEFAULT_KDF_COST.memoryKiB),
    iterations: Math.max(cost.iterations, DEFAULT_KDF_COST.iterations),
    parallelism: Math.max(cost.parallelism, DEFAULT_KDF_COST.parallelism),
  };
}

// ------------------------------------------------------------------- wraps

/** Both keys from one wrap, so they always come from the same data key. */
async function openWrap(kek: CryptoKey, wrap: WrappedKey, purpose: WrapPurpose): Promise<VaultKeys> {
  const [dataKey, chainKey] = await Promise.all([unwrapDataKey(kek, wrap, purpose), unwrapChainKey(kek, wrap, purpose)]);
  return { dataKey, chainKey };
}

/** Wraps `key` under `kek` and checks the wrap opens before it is returned. */
async function checkedWrap(kek: CryptoKey, key: CryptoKey, purpose: WrapPurpose): Promise<StoredWrap> {
  const wrap = await wrapDataKey(kek, key, purpose);
  await unwrapDataKey(kek, wrap, purpose);
  return encodeWrap(wrap);
}

/** The additional data of `header`'s passphrase wrap under `label`, as its format says. */
function passphrasePurpose(header: DecodedHeader, label: string): WrapPurpose {
  return header.passphraseWrap.format === 2 ? passphraseAad(label, header.kdf) : label;
}

function recoveryPurpose(header: DecodedHeader): WrapPurpose {
  return header.recovery.format === 2 ? recoveryAad(RECOVERY_WRAP, header.recovery.salt) : RECOVERY_WRAP;
}

/** `header`'s passphrase wrap (v1 label, under `kek`) relabelled sealed, checked to open before it is returned. */
async function relabelSealed(kek: CryptoKey, header: VaultHeader): Promise<VaultHeader> {
  const decoded = decodeHeader(header);
  const wrappable = await unwrapDataKeyForRewrap(kek, decoded.passphraseWrap, passphrasePurpose(decoded, PASSPHRASE_WRAP_UNSEALED));
  return copyHeader(header, { passphraseWrap: await checkedWrap(kek, wrappable, passphraseAad(PASSPHRASE_WRAP, decoded.kdf)) });
}

/** Keys from a passphrase wrap of `header` opened under `label` with `kek`, and what the label says. */
function opened(keys: OpenedKeys, kek: CryptoKey, label: string, header: VaultHeader): OpenedVault {
  if (label === PASSPHRASE_WRAP) return { ...keys, diarySealed: true };
  // The header as it was opened (a copy): the vault stores the relabelled one only over that.
  const unlocked = copyHeader(header, {});
  return { ...keys, diarySealed: false, markSealed: () => relabelSealed(kek, unlocked) };
}

interface PassphraseWraps {
  kek: CryptoKey;
  kdf: KdfParams;
  label: string;
  passphraseWrap: StoredWrap;
  /** The previous data key under the same KEK, when one is given. */
  retiring?: StoredWrap;
}

async function wrapUnderPassphrase(
  dataKey: CryptoKey,
  passphrase: string,
  cost: KdfCost,
  sealed: boolean,
  retiringKey: CryptoKey | undefined,
  options: CancelOptions,
): Promise<PassphraseWraps> {
  const kdf = newKdfParams(cost); // fresh salt on every (re)wrap
  const kek = await deriveKeyEncryptionKey(passphrase, kdf, options);
  const label = sealed ? PASSPHRASE_WRAP : PASSPHRASE_WRAP_UNSEALED;
  const passphraseWrap = await checkedWrap(kek, dataKey, passphraseAad(label, kdf));
  const wraps: PassphraseWraps = { kek, kdf, label, passphraseWrap };
  if (retiringKey) wraps.retiring = await checkedWrap(kek, retiringKey, passphraseAad(RETIRING_PASSPHRASE_WRAP, kdf));
  return wraps;
}

interface RecoveryWraps {
  recovery: VaultHeader['recovery'];
  retiring?: StoredWrap;
  recoveryKey: string;
}

async function wrapUnderNewRecoveryKey(dataKey: CryptoKey, retiringKey?: CryptoKey): Promise<RecoveryWraps> {
  const keyBytes = randomBytes(RECOVERY_KEY_BYTES);
  const salt = randomBytes(RECOVERY_SALT_BYTES);
  try {
    const recoveryKey = formatRecoveryKey(keyBytes);
    // Wrapped under the key derived from the text the user will write down (cheap: HKDF only)
    // and checked to open, so a formatting bug can never hand out a key that does not work.
    const kek = await deriveRecoveryKeyEncryptionKey(parseRecoveryKey(recoveryKey), salt);
    const wraps: RecoveryWraps = {
      recovery: { salt: bytesToBase64(salt), ...(await checkedWrap(kek, dataKey, recoveryAad(RECOVERY_WRAP, salt))) },
      recoveryKey,
    };
    if (retiringKey) wraps.retiring = await checkedWrap(kek, retiringKey, recoveryAad(RETIRING_RECOVERY_WRAP, salt));
    return wraps;
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

async function passphraseKek(header: DecodedHeader, passphrase: string, options: CancelOptions = {}): Promise<CryptoKey> {
  // No vault can have an empty passphrase (deriveKeyEncryptionKey refuses one).
  if (passphrase.length === 0) throw new WrongPassphraseError();
  return deriveKeyEncryptionKey(passphrase, header.kdf, options);
}

/**
 * Opens the passphrase wrap under the sealed label, else under the one from before sealing: at
 * most one more AES-GCM unwrap, never a second Argon2. WrongPassphraseError when neither opens.
 */
async function openPassphraseWrap<T>(
  kek: CryptoKey,
  header: DecodedHeader,
  open: (kek: CryptoKey, wrap: WrappedKey, purpose: WrapPurpose) => Promise<T>,
): Promise<{ value: T; label: string }> {
  try {
    return { value: await open(kek, header.passphraseWrap, passphrasePurpose(header, PASSPHRASE_WRAP)), label: PASSPHRASE_WRAP };
  } catch (cause) {
    if (!(cause instanceof DecryptionError)) throw cause;
  }
  const value = await failingAs(
    open(kek, header.passphraseWrap, passphrasePurpose(header, PASSPHRASE_WRAP_UNSEALED)),
    (cause) => new WrongPassphraseError({ cause }),
  );
  return { value, label: PASSPHRASE_WRAP_UNSEALED };
}

interface Unwrapped {
  kek: CryptoKey;
  /** Extractable: only for rewrapping, kept local to the function that rewraps. */
  key: CryptoKey;
  label: string;
  /** The previous data key (extractable), while a replacement is unfinished. */
  retiring?: CryptoKey;
}

async function unwrapWithPassphrase(header: DecodedHeader, passphrase: string, options: CancelOptions = {}): Promise<Unwrapped> {
  const kek = await passphraseKek(header, passphrase, options);
  const { value: key, label } = await openPassphraseWrap(kek, header, unwrapDataKeyForRewrap);
  const result: Unwrapped = { kek, key, label };
  if (header.retiring) {
    result.retiring = await failingAs(
      unwrapDataKeyForRewrap(kek, header.retiring.passphraseWrap, passphraseAad(RETIRING_PASSPHRASE_WRAP, header.kdf)),
      (cause) => new WrongPassphraseError({ cause }),
    );
  }
  return result;
}

async function unwrapWithRecoveryKey(header: DecodedHeader, recoveryKey: string): Promise<Unwrapped> {
  const kek = await recoveryKek(header, recoveryKey);
  const asWrongKey = (cause: unknown) => new WrongRecoveryKeyError({ cause });
  const key = await failingAs(unwrapDataKeyForRewrap(kek, header.recovery, recoveryPurpose(header)), asWrongKey);
  const result: Unwrapped = { kek, key, label: RECOVERY_WRAP };
  if (header.retiring) {
    const purpose = recoveryAad(RETIRING_RECOVERY_WRAP, header.recovery.salt);
    result.retiring = await failingAs(unwrapDataKeyForRewrap(kek, header.retiring.recovery, purpose), asWrongKey);
  }
  return result;
}

/** The previous data key's keys from `header`'s retiring wrap under `kek`, when there is one. */
async function openRetiring(kek: CryptoKey, wrap: WrappedKey | undefined, purpose: WrapPurpose, error: (cause: unknown) => Error) {
  return wrap ? failingAs(openWrap(kek, wrap, purpose), error) : undefined;
}

function withRetiring<T extends VaultKeys>(keys: T, retiring: VaultKeys | undefined): T & OpenedKeys {
  return retiring ? { ...keys, retiring } : keys;
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
  options: CancelOptions = {},
): Promise<{ header: VaultHeader; dataKey: CryptoKey; chainKey: CryptoKey; recoveryKey: string }> {
  const wrappable = await generateWrappableDataKey();
  // A new vault's diary is sealed from its first row: the header says so (Vault stores the two together).
  const { kek, kdf, passphraseWrap } = await wrapUnderPassphrase(wrappable, passphrase, cost, true, undefined, options);
  const { recovery, recoveryKey } = await wrapUnderNewRecoveryKey(wrappable);
  const header: VaultHeader = { version: 2, kdf, passphraseWrap, recovery };
  // The seal key too comes from the stored wrap (not the raw key in hand), so it is the very
  // key every later unlock derives, and the raw bytes never reach script.
  const { dataKey, chainKey } = await openWrap(kek, decodeHeader(header).passphraseWrap, passphraseAad(PASSPHRASE_WRAP, kdf));
  return { header, dataKey, chainKey, recoveryKey };
}

/** Throws WrongPassphraseError if the passphrase is wrong or the wrap was tampered with. */
export async function unlockWithPassphrase(header: VaultHeader, passphrase: string): Promise<CryptoKey> {
  const decoded = decodeHeader(header);
  const kek = await passphraseKek(decoded, passphrase);
  return (await openPassphraseWrap(kek, decoded, unwrapDataKey)).value;
}

/**
 * Throws InvalidRecoveryKeyFormatError if the text cannot be a recovery key,
 * WrongRecoveryKeyError if it is well formed but does not unlock this vault.
 */
export async function unlockWithRecoveryKey(header: VaultHeader, recoveryKey: string): Promise<CryptoKey> {
  const decoded = decodeHeader(header);
  const kek = await recoveryKek(decoded, recoveryKey);
  return failingAs(unwrapDataKey(kek, decoded.recovery, recoveryPurpose(decoded)), (cause) => new WrongRecoveryKeyError({ cause }));
}

/**
 * Both keys of an open vault (one Argon2 run), the previous data key's while a replacement is
 * unfinished, and whether its header says the diary is sealed; throws as unlockWithPassphrase does.
 */
export async function unlockKeysWithPassphrase(header: VaultHeader, passphrase: string, options: CancelOptions = {}): Promise<OpenedVault> {
  const decoded = decodeHeader(header);
  const kek = await passphraseKek(decoded, passphrase, options);
  const asWrong = (cause: unknown) => new WrongPassphraseError({ cause });
  // The data key first, then the seal key under the label that opened it: a v1 wrap or a wrong
  // passphrase costs one failed unwrap more than before, no more.
  const { value: dataKey, label } = await openPassphraseWrap(kek, decoded, unwrapDataKey);
  const chainKey = await failingAs(unwrapChainKey(kek, decoded.passphraseWrap, passphrasePurpose(decoded, label)), asWrong);
  const retiring = await openRetiring(kek, decoded.retiring?.passphraseWrap, passphraseAad(RETIRING_PASSPHRASE_WRAP, decoded.kdf), asWrong);
  const keys = withRetiring({ dataKey, chainKey }, retiring);
  if (decoded.passphraseWrap.format === 2) return opened(keys, kek, label, header);
  // Format 1: the same data key, label and KDF parameters, rewrapped in format 2.
  const wrappable = await unwrapDataKeyForRewrap(kek, decoded.passphraseWrap, label);
  const upgraded = copyHeader(header, { passphraseWrap: await checkedWrap(kek, wrappable, passphraseAad(label, decoded.kdf)) });
  return { ...opened(keys, kek, label, upgraded), upgraded };
}

/** Both keys of an open vault (and the previous data key's, mid-replacement); throws as unlockWithRecoveryKey does. */
export async function unlockKeysWithRecoveryKey(header: VaultHeader, recoveryKey: string): Promise<OpenedKeys> {
  const decoded = decodeHeader(header);
  const kek = await recoveryKek(decoded, recoveryKey);
  const asWrong = (cause: unknown) => new WrongRecoveryKeyError({ cause });
  const keys = await failingAs(openWrap(kek, decoded.recovery, recoveryPurpose(decoded)), asWrong);
  const retiring = await openRetiring(kek, decoded.retiring?.recovery, recoveryAad(RETIRING_RECOVERY_WRAP, decoded.recovery.salt), asWrong);
  return withRetiring(keys, retiring);
}

/**
 * Rewraps the data key under a new passphrase with a new salt. The recovery wrap is unchanged.
 * `cost` defaults to the vault's current cost raised to the default where lower, so a raised
 * cost is never silently lowered and an old vault's is brought up. The new wrap says the diary
 * is sealed unless `options.diarySealed` is false and the current one does not say so either.
 * Mid-replacement, the previous data key is rewrapped under the new passphrase too.
 */
export async function changePassphrase(
  header: VaultHeader,
  currentPassphrase: string,
  newPassphrase: string,
  cost?: KdfCost,
  options: NewWrapOptions & CancelOptions = {},
): Promise<VaultHeader> {
  const decoded = decodeHeader(header);
  const { key, label, retiring } = await unwrapWithPassphrase(decoded, currentPassphrase, options);
  const sealed = label === PASSPHRASE_WRAP || options.diarySealed !== false;
  const wraps = await wrapUnderPassphrase(key, newPassphrase, cost ?? atLeastDefault(costOf(decoded.kdf)), sealed, retiring, options);
  const changes: HeaderChanges = { kdf: wraps.kdf, passphraseWrap: wraps.passphraseWrap };
  if (header.retiring && wraps.retiring) changes.retiring = { passphraseWrap: wraps.retiring, recovery: header.retiring.recovery };
  return copyHeader(header, changes);
}

/**
 * For a forgotten passphrase: unlocks with the recovery key and wraps the data key under a new
 * passphrase. The recovery key stays valid (its wrap is rewritten in format 2 if it was not);
 * offer replaceRecoveryKey afterwards if it may have been seen. The new wrap says the diary is
 * sealed unless `options.diarySealed` is false (then see OpenedVault.markSealed).
 *
 * The stored KDF cost is never reused: the passphrase wrap is what failed to open, so nothing
 * vouches for its parameters (someone may have lowered them). `cost` is DEFAULT_KDF_COST unless
 * given (tests pass a cheaper one).
 */
export async function resetPassphraseWithRecoveryKey(
  header: VaultHeader,
  recoveryKey: string,
  newPassphrase: string,
  cost: KdfCost = DEFAULT_KDF_COST,
  options: NewWrapOptions & CancelOptions = {},
): Promise<{ header: VaultHeader } & OpenedVault> {
  const decoded = decodeHeader(header);
  const { kek: recoveryKekValue, key, retiring } = await unwrapWithRecoveryKey(decoded, recoveryKey);
  const sealed = options.diarySealed !== false;
  const wraps = await wrapUnderPassphrase(key, newPassphrase, cost, sealed, retiring, options);
  const changes: HeaderChanges = { kdf: wraps.kdf, passphraseWrap: wraps.passphraseWrap };
  if (decoded.recovery.format === 1) {
    const recovery = await checkedWrap(recoveryKekValue, key, recoveryAad(RECOVERY_WRAP, decoded.recovery.salt));
    changes.recovery = { salt: header.recovery.salt, ...recovery };
  }
  if (header.retiring && wraps.retiring) changes.retiring = { passphraseWrap: wraps.retiring, recovery: header.retiring.recovery };
  const reset = copyHeader(header, changes);
  const keys = await openWrap(wraps.kek, decodeHeader(reset).passphraseWrap, passphraseAad(wraps.label, wraps.kdf));
  const retiringKeys = wraps.retiring
    ? await openWrap(
        wraps.kek,
        decodeHeader(reset).retiring?.passphraseWrap as WrappedKey,
        passphraseAad(RETIRING_PASSPHRASE_WRAP, wraps.kdf),
      )
    : undefined;
  return { header: reset, ...opened(withRetiring(keys, retiringKeys), wraps.kek, wraps.label, reset) };
}

/**
 * Issues a new recovery key (the old one stops working). The passphrase wrap keeps its data key,
 * label and KDF parameters (rewritten in format 2 if it was not). Mid-replacement, the previous
 * data key is wrapped under the new recovery key too.
 */
export async function replaceRecoveryKey(
  header: VaultHeader,
  passphrase: string,
  options: CancelOptions = {},
): Promise<{ header: VaultHeader; recoveryKey: string }> {
  const decoded = decodeHeader(header);
  const { kek, key, label, retiring } = await unwrapWithPassphrase(decoded, passphrase, options);
  const { recovery, recoveryKey, retiring: retiringRecovery } = await wrapUnderNewRecoveryKey(key, retiring);
  const changes: HeaderChanges = { recovery };
  if (decoded.passphraseWrap.format === 1) changes.passphraseWrap = await checkedWrap(kek, key, passphraseAad(label, decoded.kdf));
  if (header.retiring && retiringRecovery)
    changes.retiring = { passphraseWrap: header.retiring.passphraseWrap, recovery: retiringRecovery };
  return { header: copyHeader(header, changes), recoveryKey };
}

/** What beginKeyReplacement returns: nothing is stored yet. */
export interface KeyReplacement {
  /** The header to store: the new data key under the passphrase and a new recovery key, and the previous one retiring. */
  header: VaultHeader;
  /** The new recovery key: the previous one cannot open the new data key. Show it once. */
  recoveryKey: string;
  /** The new data key's keys, from the header's wrap. */
  keys: VaultKeys;
  /** The previous data key's keys, from the header's retiring wrap. */
  retiring: VaultKeys;
  diarySealed: boolean;
}

export interface KeyReplacementOptions extends NewWrapOptions, CancelOptions {
  /** A new passphrase (Change passphrase); else the current one is kept, under a new salt. */
  newPassphrase?: string;
  cost?: KdfCost;
}

/**
 * Starts replacing the data key (docs/vault-format.md): a new random data key, wrapped under the
 * passphrase (the new one if given; a new salt either way) and under a new recovery key, with the
 * previous data key wrapped beside it under the same two ("retiring") until every row is
 * re-encrypted. A recovery key is always new: the previous one's key-encryption key cannot be
 * derived without it, so it could not wrap the new data key. Throws
 * KeyReplacementUnfinishedError while an earlier replacement is unfinished.
 */
export async function beginKeyReplacement(
  header: VaultHeader,
  passphrase: string,
  options: KeyReplacementOptions = {},
): Promise<KeyReplacement> {
  const decoded = decodeHeader(header);
  const { key: previous, label } = await unwrapWithPassphrase(decoded, passphrase, options);
  if (decoded.retiring) throw new KeyReplacementUnfinishedError();
  const next = await generateWrappableDataKey();
  const sealed = label === PASSPHRASE_WRAP || options.diarySealed !== false;
  const cost = options.cost ?? atLeastDefault(costOf(decoded.kdf));
  const wraps = await wrapUnderPassphrase(next, options.newPassphrase ?? passphrase, cost, sealed, previous, options);
  const recoveryWraps = await wrapUnderNewRecoveryKey(next, previous);
  const replaced = copyHeader(header, {
    kdf: wraps.kdf,
    passphraseWrap: wraps.passphraseWrap,
    recovery: recoveryWraps.recovery,
    retiring: { passphraseWrap: wraps.retiring as StoredWrap, recovery: recoveryWraps.retiring as StoredWrap },
  });
  const stored = decodeHeader(replaced);
  const [keys, retiring] = await Promise.all([
    openWrap(wraps.kek, stored.passphraseWrap, passphraseAad(wraps.label, wraps.kdf)),
    openWrap(wraps.kek, stored.retiring?.passphraseWrap as WrappedKey, passphraseAad(RETIRING_PASSPHRASE_WRAP, wraps.kdf)),
  ]);
  return { header: replaced, recoveryKey: recoveryWraps.recoveryKey, keys, retiring, diarySealed: sealed };
}

/**
 * The header once every row is under the new data key: the retiring wraps removed, so nothing
 * stored can unwrap the previous data key any more. No key is needed.
 */
export function endKeyReplacement(header: VaultHeader): VaultHeader {
  decodeHeader(header);
  return copyHeader(header, { retiring: null });
}
