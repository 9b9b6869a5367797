// The recovery key: 160 random bits the user writes down once, as Crockford
// base32 in groups of four ("7K3Q-9XWD-..."). It can unwrap the data key when
// the passphrase is forgotten.
//
// No check character: a mistyped key simply fails to unwrap the data key and
// the user is told it is wrong (WrongRecoveryKeyError). Crockford's mod-37
// check would add symbols (* ~ $ = U) that are hard to read and type on phones.

import { asBufferSource, utf8Encode } from './encoding';
import { InvalidRecoveryKeyFormatError } from './errors';
import { randomBytes } from './random';

export const RECOVERY_KEY_BYTES = 20;
/** 160 bits / 5 bits per symbol. */
const RECOVERY_KEY_SYMBOLS = (RECOVERY_KEY_BYTES * 8) / 5;
const GROUP_LENGTH = 4;

/** Crockford's alphabet: no I, L, O or U, so it survives handwriting. */
const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** HKDF info of the recovery KEK; also named in a recovery wrap's additional data (vaultKeys.ts). */
export const RECOVERY_KEK_INFO = 'daybook/recovery-kek/v1';

function encodeCrockford(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff; // at most 12 live bits are ever needed
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      output += CROCKFORD_ALPHABET.charAt((buffer >> bits) & 31);
    }
  }
  if (bits > 0) output += CROCKFORD_ALPHABET.charAt((buffer << (5 - bits)) & 31);
  return output;
}

/** Decodes exactly `byteLength` bytes from symbols already validated against the alphabet. */
function decodeCrockford(symbols: string, byteLength: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(byteLength);
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const symbol of symbols) {
    buffer = ((buffer << 5) | CROCKFORD_ALPHABET.indexOf(symbol)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

/** Groups of four separated by hyphens: easier to copy and to read back. */
export function formatRecoveryKey(bytes: Uint8Array): string {
  if (bytes.length !== RECOVERY_KEY_BYTES) throw new RangeError(`Recovery key must be ${RECOVERY_KEY_BYTES} bytes`);
  const symbols = encodeCrockford(bytes);
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += GROUP_LENGTH) groups.push(symbols.slice(i, i + GROUP_LENGTH));
  return groups.join('-');
}

export function generateRecoveryKey(): string {
  return formatRecoveryKey(randomBytes(RECOVERY_KEY_BYTES));
}

// Separators people or keyboards may type between groups: whitespace, ASCII
// hyphen, Unicode hyphens and dashes (phones auto-correct "-"), minus sign.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g;

/**
 * Reads a recovery key as the user typed it: upper or lower case, with or without spaces
 * or hyphens; O is read as 0 and I or L as 1, as Crockford specifies.
 * Throws InvalidRecoveryKeyFormatError on the wrong length or characters.
 */
export function parseRecoveryKey(input: string): Uint8Array<ArrayBuffer> {
  // NFKC folds full-width letters and digits from some keyboards to ASCII.
  const symbols = input.normalize('NFKC').toUpperCase().replace(SEPARATORS, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  for (const symbol of symbols) {
    if (!CROCKFORD_ALPHABET.includes(symbol)) throw new InvalidRecoveryKeyFormatError('unexpected character');
  }
  if (symbols.length !== RECOVERY_KEY_SYMBOLS) {
    throw new InvalidRecoveryKeyFormatError(`expected ${RECOVERY_KEY_SYMBOLS} characters`);
  }
  return decodeCrockford(symbols, RECOVERY_KEY_BYTES);
}

/**
 * Recovery key -> key-encryption key. The key already has 160 bits of entropy,
 * so a slow KDF would add nothing; HKDF-SHA-256 with a per-vault salt suffices.
 */
export async function deriveRecoveryKeyEncryptionKey(recoveryKeyBytes: Uint8Array, salt: Uint8Array): Promise<CryptoKey> {
  const baseKey = await crypto.subtle.importKey('raw', asBufferSource(recoveryKeyBytes), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: asBufferSource(salt), info: utf8Encode(RECOVERY_KEK_INFO) },
    baseKey,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}
