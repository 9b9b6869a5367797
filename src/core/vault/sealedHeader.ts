// Keeping the vault header's word that its diary is sealed (crypto/vaultKeys.ts, PASSPHRASE_WRAP)
// true: a header says so only where the diary's seal row is stored, or once was. Otherwise a seal
// row that failed to be written would read, at the next unlock, as one removed. Loaded after the
// set-up or unlock it serves, so none of it is on the first screen.

import type { VaultHeader } from '../crypto';
import type { DaybookDatabase } from '../store/db';
import { chainEnd, SEAL_ROW_ID } from '../store/diary/seal';
import { DiaryStorage } from '../store/diary/storage';
import { guardStorage } from '../store/storageErrors';

/** The same stored header: every wrap has its own random IV, so the two wraps' IVs and bytes tell it. */
export function sameHeader(stored: unknown, header: VaultHeader): boolean {
  const value = stored as Partial<VaultHeader> | undefined;
  return (
    value?.passphraseWrap?.iv === header.passphraseWrap.iv &&
    value.passphraseWrap.data === header.passphraseWrap.data &&
    value.recovery?.iv === header.recovery.iv &&
    value.recovery.data === header.recovery.data
  );
}

/**
 * `next` as it may be stored over `stored`: never at a lower version. A header read before the
 * vault moved to version 2 (the diary may hold packs: store/diary/packs.ts) and written back
 * after it (a passphrase change that began before, say) would otherwise let a version of
 * Daybook from before packs unlock again. The version is bound to no wrap, so raising it is safe.
 */
export function notBelowStored(stored: unknown, next: VaultHeader): VaultHeader {
  const version = (stored as Partial<VaultHeader> | undefined)?.version;
  return version === 2 && next.version !== 2 ? { ...next, version: 2 } : next;
}

/** Stores `header` in one transaction over whatever is stored, never at a lower version (notBelowStored). */
export async function putHeader(db: DaybookDatabase, headerKey: string, header: VaultHeader): Promise<void> {
  await guardStorage('write', () =>
    db.transaction('rw', db.meta, async () => {
      await db.meta.put({ key: headerKey, value: notBelowStored((await db.meta.get(headerKey))?.value, header) });
    }),
  );
}

/** Whether the diary's seal row is stored (what it holds is the diary's to judge). */
export async function hasSealRow(db: DaybookDatabase): Promise<boolean> {
  return (await guardStorage('read', () => db.settings.get(SEAL_ROW_ID))) !== undefined;
}

/**
 * Stores a new vault's header, which says its diary is sealed, together with the seal of its
 * empty diary, in one transaction: the one is never stored without the other.
 */
export async function storeNewVault(
  db: DaybookDatabase,
  headerKey: string,
  header: VaultHeader,
  keys: { dataKey: CryptoKey; chainKey: CryptoKey },
): Promise<void> {
  const seal = await new DiaryStorage(
    db,
    () => keys.dataKey,
    () => keys.chainKey,
  ).sealRow(chainEnd([]), []);
  await guardStorage('write', () =>
    db.transaction('rw', db.meta, db.settings, async () => {
      await db.meta.put({ key: headerKey, value: notBelowStored((await db.meta.get(headerKey))?.value, header) });
      await db.settings.put(seal);
    }),
  );
}

/**
 * Replaces `unlocked` with `sealed` (the same header relabelled: OpenedVault.markSealed), only if
 * the stored header is still `unlocked` (not changed meanwhile, in another tab, say) and the
 * diary's seal row is stored, in one transaction. Returns whether it did.
 */
export async function storeSealedHeader(
  db: DaybookDatabase,
  headerKey: string,
  unlocked: VaultHeader,
  sealed: VaultHeader,
): Promise<boolean> {
  return guardStorage('write', () =>
    db.transaction('rw', db.meta, db.settings, async () => {
      const stored = (await db.meta.get(headerKey))?.value;
      if (!sameHeader(stored, unlocked)) return false;
      if ((await db.settings.get(SEAL_ROW_ID)) === undefined) return false;
      await db.meta.put({ key: headerKey, value: notBelowStored(stored, sealed) });
      return true;
    }),
  );
}
