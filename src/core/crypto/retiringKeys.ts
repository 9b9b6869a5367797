// While the data key is being replaced (docs/vault-format.md), rows are under the new key or
// still under the previous one. Readers hold only the current key (a getter, read when needed);
// this says, for that key, which previous keys may still open a row not yet re-encrypted. Keyed
// by the CryptoKey object itself: only code holding the current key can look up the previous
// one, and an entry goes when the replacement ends or the key is dropped (locking).

import type { VaultKeys } from './vaultKeys';

const retiring = new WeakMap<CryptoKey, VaultKeys>();

/** From now on, rows that `current` cannot open are tried with `previous` (and its seal key). */
export function registerRetiringKeys(current: CryptoKey, previous: VaultKeys): void {
  retiring.set(current, previous);
}

/** The replacement is over: `current` alone opens every row. */
export function forgetRetiringKeys(current: CryptoKey): void {
  retiring.delete(current);
}

/** The previous data key and seal key while `current` is replacing them; undefined otherwise. */
export function retiringKeysOf(current: CryptoKey): VaultKeys | undefined {
  return retiring.get(current);
}
