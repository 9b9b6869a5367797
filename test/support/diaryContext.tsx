// Test helper: the diary context over a real encrypted repository and stores (fake IndexedDB),
// through the same hook the app's DiaryProvider uses. No module mocks needed.

import { useMemo, type ReactNode } from 'react';
import { useDiaryValue } from '../../src/app/providers/useDiaryValue';
import type { SealState } from '../../src/core/store/diaryRepository';
import { DiaryRepository } from '../../src/core/store/diaryRepository';
import { createUnlockedStores, type UnlockedStores } from '../../src/core/vault/featureStores';
import type { Vault } from '../../src/core/vault/vault';
import { DiaryContext, type DiaryContextValue } from '../../src/shared/diary/diaryContext';

/** A read repository and the stores of an unlocked test vault; `now` drives the diary's clock. */
export async function openedTestDiary(vault: Vault, now?: () => Date): Promise<{ repository: DiaryRepository; stores: UnlockedStores }> {
  const repository = new DiaryRepository(
    vault.db,
    () => vault.session.dataKey(),
    () => vault.session.chainKey(),
    now,
  );
  await repository.load();
  return { repository, stores: createUnlockedStores(vault) };
}

/** For a test that gave no vault: a passphrase check it did not expect to be asked for. */
const noVault = () => Promise.reject(new Error('TestDiaryProvider was given no vault to check the passphrase against'));

/**
 * Provides the diary context as the app does, over the repository and stores given. `vault`
 * answers confirmPassphrase. `seal` replaces what the repository found (to show a screen with a
 * warning without damaging a database); `override` replaces any other member (a treeHead that
 * never resolves, say).
 */
export function TestDiaryProvider({
  repository,
  stores,
  vault,
  seal,
  override,
  children,
}: {
  repository: DiaryRepository;
  stores: UnlockedStores;
  vault?: Vault;
  seal?: SealState;
  override?: Partial<DiaryContextValue>;
  children: ReactNode;
}) {
  const opened = useMemo(
    () => ({
      repository,
      stores,
      failed: false,
      confirmPassphrase: vault ? (passphrase: string) => vault.confirmPassphrase(passphrase) : noVault,
    }),
    [repository, stores, vault],
  );
  const value = useDiaryValue(opened);
  const provided = useMemo(() => (value ? { ...value, ...(seal ? { seal } : {}), ...override } : null), [value, seal, override]);
  return <DiaryContext.Provider value={provided}>{children}</DiaryContext.Provider>;
}
