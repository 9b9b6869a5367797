// Test helper: the diary context over a real encrypted repository and stores (fake IndexedDB),
// through the same hook the app's DiaryProvider uses. No module mocks needed.

import { useMemo, type ReactNode } from 'react';
import { useDiaryValue } from '../../src/app/providers/useDiaryValue';
import { DiaryRepository } from '../../src/core/store/diaryRepository';
import { createUnlockedStores, type UnlockedStores } from '../../src/core/vault/featureStores';
import type { Vault } from '../../src/core/vault/vault';
import { DiaryContext } from '../../src/shared/diary/diaryContext';

/** A read repository and the stores of an unlocked test vault; `now` drives the diary's clock. */
export async function openedTestDiary(vault: Vault, now?: () => Date): Promise<{ repository: DiaryRepository; stores: UnlockedStores }> {
  const repository = new DiaryRepository(vault.db, () => vault.session.dataKey(), now);
  await repository.load();
  return { repository, stores: createUnlockedStores(vault) };
}

/** Provides the diary context as the app does, over the repository and stores given. */
export function TestDiaryProvider({
  repository,
  stores,
  children,
}: {
  repository: DiaryRepository;
  stores: UnlockedStores;
  children: ReactNode;
}) {
  const opened = useMemo(() => ({ repository, stores, failed: false }), [repository, stores]);
  return <DiaryContext.Provider value={useDiaryValue(opened)}>{children}</DiaryContext.Provider>;
}
