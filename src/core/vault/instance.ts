import type { DiaryRepository } from '../store/diaryRepository';
import { DaybookDatabase } from '../store/db';
import { VaultSession } from './session';
import { Vault } from './vault';

/** A vault over the app's database. The app makes one and provides it to every screen. */
export function createAppVault(): Vault {
  return new Vault(new DaybookDatabase(), new VaultSession());
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
    { diarySealed: () => vault.diarySealed, sealStored: () => vault.markDiarySealed() },
  );
}
