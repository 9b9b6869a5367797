import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChecklistAnswers } from '../../core/checklist/questions';
import type { SavedChecklistResult } from '../../core/checklist/result';
import type { ChecklistStore } from '../../core/store/checklistStore';
import { useVault } from '../../shared/vault/useVault';
import { useDiaryIfUnlocked } from '../../shared/diary/useDiary';

export interface ChecklistResults {
  state: 'loading' | 'ready' | 'failed';
  results: readonly SavedChecklistResult[];
  save: (answers: ChecklistAnswers) => Promise<SavedChecklistResult>;
  remove: (id: string) => Promise<void>;
}

interface Loaded {
  store: ChecklistStore;
  state: 'ready' | 'failed';
  results: readonly SavedChecklistResult[];
}

/**
 * Saved results while the vault is unlocked; null while locked or with no vault, when nothing
 * can be saved. Locking drops the decrypted list at once.
 */
export function useChecklistResults(): ChecklistResults | null {
  const { vault } = useVault();
  // The diary context holds the vault's stores while unlocked (null while locked).
  const store = useDiaryIfUnlocked()?.stores.checklists ?? null;
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => vault.session.onLock(() => setLoaded(null)), [vault]);

  /** Reads the list again; a read that ends after locking must not bring results back. */
  const read = useCallback(
    async (from: ChecklistStore): Promise<Loaded> => {
      let next: Loaded;
      try {
        next = { store: from, state: 'ready', results: await from.list() };
      } catch {
        next = { store: from, state: 'failed', results: [] };
      }
      if (!vault.session.unlocked) throw new Error('locked while reading saved results');
      return next;
    },
    [vault],
  );

  useEffect(() => {
    if (!store) return;
    let current = true;
    read(store).then(
      (next) => current && setLoaded(next),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [store, read]);

  const reload = useCallback(
    async (from: ChecklistStore) => {
      try {
        setLoaded(await read(from));
      } catch {
        // Locked meanwhile: nothing to show.
      }
    },
    [read],
  );

  return useMemo<ChecklistResults | null>(() => {
    if (!store) return null;
    const current = loaded?.store === store ? loaded : null;
    return {
      state: current?.state ?? 'loading',
      results: current?.results ?? [],
      save: async (answers) => {
        const result = await store.saveAnswers(answers);
        await reload(store);
        return result;
      },
      remove: async (id) => {
        try {
          await store.remove(id);
        } finally {
          await reload(store);
        }
      },
    };
  }, [store, loaded, reload]);
}
