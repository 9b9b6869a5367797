import type { DiaryRepository } from '../store/diaryRepository';
import { LazyDatabase } from '../store/lazyDatabase';
import { DATABASE_NAME } from '../store/schema';
import { VaultSession } from './session';
import { Vault } from './vault';

/**
 * A vault over the app's database. The app makes one and provides it to every screen. Dexie's
 * code loads when the person sets up, unlocks or recovers, not with the first screen.
 */
export function createAppVault(): Vault {
  const load = async () => new (await import('../store/db')).DaybookDatabase();
  return new Vault(new LazyDatabase(DATABASE_NAME, load), new VaultSession());
}

/**
 * The diary over a vault; its data key and chain-seal key come from the unlocked session, and
 * whether its seal row must exist from the vault's header. Loaded on unlock, so the diary's code
 * is not part of the first (locked) screen.
 */
export async function openDiary(vault: Vault): Promise<DiaryRepository> {
  const { DiaryRepository } = await import('../store/diaryRepository');
  return new DiaryRepository(
    vault.db,
    () => vault.session.dataKey(),
    () => vault.session.chainKey(),
    undefined,
    {
      diarySealed: () => vault.diarySealed,
      sealStored: () => vault.markDiarySealed(),
      allowPacks: () => vault.allowDiaryPacks(),
      onLock: (listener) => vault.session.onLock(listener),
    },
  );
}
