import type { DiaryRepository } from '../store/diaryRepository';
import { DaybookDatabase } from '../store/db';
import { VaultSession } from './session';
import { Vault } from './vault';

let instance: Vault | null = null;

/** The app's one vault, over the app's one database. */
export function appVault(): Vault {
  instance ??= new Vault(new DaybookDatabase(), new VaultSession());
  return instance;
}

/**
 * The diary over the app's vault; its data key comes from the unlocked session. Loaded on
 * unlock, so the diary's code is not part of the first (locked) screen.
 */
export async function appDiary(): Promise<DiaryRepository> {
  const { DiaryRepository } = await import('../store/diaryRepository');
  const vault = appVault();
  return new DiaryRepository(vault.db, () => vault.session.dataKey());
}
