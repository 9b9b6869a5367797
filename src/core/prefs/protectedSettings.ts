// Checking the localStorage copy of the protected settings against their real values, kept
// encrypted in the vault (core/store/protectedSettingsStore.ts). The copy is what quick exit reads
// while the diary is locked, and anyone holding the device can edit it then (DevTools, another
// script on the origin); the vault's row needs the data key. At every unlock the copy is compared
// with the row and rewritten from it.

import { canonicalValues, effectiveValue, PROTECTED_KEYS, type ProtectedKey, type ProtectedValues } from './settingValues';

/** What the vault holds for the protected settings. */
export type SavedSettings =
  /** No row: a vault from before the settings were kept in it (or one whose row was removed). */
  | { kind: 'missing' }
  | { kind: 'found'; values: ProtectedValues }
  /** A row that does not decrypt, or holds something Daybook never writes. */
  | { kind: 'unreadable' };

/** The vault's side, over the data key (core/store/protectedSettingsStore.ts). */
export interface ProtectedSettingsVault {
  read(): Promise<SavedSettings>;
  /** Stores `values` unless a row exists (another tab may have written one); whether it did. */
  adopt(values: ProtectedValues): Promise<boolean>;
  /** Stores `values` over whatever the row holds. */
  replace(values: ProtectedValues): Promise<void>;
  /**
   * Reads the row, applies `change` and stores the result, only if no other tab changed the row
   * meanwhile (else tries again on what it wrote). Resolves to what was stored.
   */
  update(change: (saved: ProtectedValues | null) => ProtectedValues): Promise<ProtectedValues>;
}

/** What to do about a difference between the copy and the vault. */
export interface Reconciliation {
  /** Keys of the copy to rewrite, with their new stored text (null: remove, the default). */
  rewrite: Partial<Record<ProtectedKey, string | null>>;
  /** The row to store: 'adopt' only if still absent, 'replace' over an unreadable one. */
  save: { how: 'adopt' | 'replace'; values: ProtectedValues } | null;
  /** Settings whose effect the copy had changed (quick exit went elsewhere, the lock came later): the person is told. */
  restored: ProtectedKey[];
  /**
   * No row: settings the copy holds other than the default, now adopted into the vault. They may
   * be the person's own (a diary from before this check) or planted before the diary existed, so
   * the person is asked to look at them.
   */
  adopted: ProtectedKey[];
  /** The vault's row could not be read, so the copy could not be checked: the person is told. */
  unchecked: boolean;
  /** What the vault holds (or will hold, once `save` is done): the values the person saved. */
  kept: ProtectedValues;
}

/**
 * Compares the copy (what localStorage holds, anything at all) with what the vault holds.
 *
 * - The vault holds values: the copy takes them. Any key whose effect differed (not just its
 *   spelling) is reported as restored.
 * - No row (a diary from before this check, or one set up just now, or one whose row was removed):
 *   the copy is adopted. Whatever in it is not the default is reported as adopted: anyone could
 *   have written it before there was a diary to check it against.
 * - An unreadable row: nothing can be checked; the copy is kept and stored in the vault from now
 *   on, and the person is told that it could not be checked.
 */
export function reconcile(copy: Readonly<Record<ProtectedKey, unknown>>, saved: SavedSettings): Reconciliation {
  const canonicalCopy = canonicalValues(copy);
  if (saved.kind === 'found') {
    const rewrite: Partial<Record<ProtectedKey, string | null>> = {};
    const restored: ProtectedKey[] = [];
    const values = canonicalValues(saved.values);
    for (const key of PROTECTED_KEYS) {
      const kept = values[key];
      if (copy[key] !== kept) rewrite[key] = kept;
      if (effectiveValue(key, copy[key]) !== effectiveValue(key, kept)) restored.push(key);
    }
    return { rewrite, save: null, restored, adopted: [], unchecked: false, kept: values };
  }
  // The copy as Daybook would have written it: anything else in it has no effect anyway.
  const rewrite: Partial<Record<ProtectedKey, string | null>> = {};
  for (const key of PROTECTED_KEYS) if (copy[key] !== canonicalCopy[key]) rewrite[key] = canonicalCopy[key];
  const unchecked = saved.kind === 'unreadable';
  const adopted = unchecked ? [] : PROTECTED_KEYS.filter((key) => effectiveValue(key, canonicalCopy[key]) !== effectiveValue(key, null));
  return {
    rewrite,
    save: { how: unchecked ? 'replace' : 'adopt', values: canonicalCopy },
    restored: [],
    adopted,
    unchecked,
    kept: canonicalCopy,
  };
}

/** What the diary screen tells the person after an unlock's check (kept until they dismiss it). */
export interface ProtectedSettingsNotice {
  /** Settings set back to the vault's values because the copy differed from them. */
  restored: readonly ProtectedKey[];
  /** Settings whose copy differed from the vault's values and could not be set back (the browser refused the write). */
  notRestored: readonly ProtectedKey[];
  /** Settings not yet in the vault, adopted from the copy: the person is asked to look at them. */
  adopted: readonly ProtectedKey[];
  /** The vault's row could not be read, so the copy was not checked (and was stored in the vault as it is). */
  unchecked: boolean;
  /** The check itself failed (storage refused, locked meanwhile): nothing was checked nor changed. */
  checkFailed: boolean;
  /** The quick-exit address saved in the vault; null when the check could not learn it. */
  savedQuickExitUrl: string | null;
  /** Where quick exit goes now (what the copy says). */
  quickExitUrl: string;
}
