import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { appDiary } from '../../core/vault/instance';
import type { ChainVerification } from '../../core/evidence';
import type { DiaryRepository, DiarySnapshot } from '../../core/store/diaryRepository';
import { DiaryContext, type DiaryContextValue } from '../../shared/diary/diaryContext';
import { useVault } from '../../shared/vault/useVault';

/** Resolves after the browser has painted the next frame. */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') {
      requestAnimationFrame(() => setTimeout(resolve, 0));
    } else {
      setTimeout(resolve, 0); // hidden tabs get no animation frames
    }
  });
}

interface Loaded {
  repository: DiaryRepository;
  state: 'ready' | 'failed';
  snapshot: DiarySnapshot | null;
  integrity: ChainVerification | null;
}

/**
 * The decrypted diary, held in memory only while unlocked. Mounted once for the whole app so
 * any screen can use it when unlocked; each unlock loads a fresh repository (null until it
 * has loaded), and the lock event drops everything decrypted.
 */
export function DiaryProvider({ children }: { children: ReactNode }) {
  const { status, vault } = useVault();
  const unlocked = status === 'unlocked';
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  // Locking (here, in another tab, by quick exit or auto-lock) drops the decrypted diary.
  useEffect(() => vault.session.onLock(() => setLoaded(null)), [vault]);

  useEffect(() => {
    if (!unlocked) return;
    let current = true;
    void appDiary().then(async (repository) => {
      try {
        const snapshot = await repository.load();
        if (!current) return;
        setLoaded({ repository, state: 'ready', snapshot, integrity: null });
        // Checking the chain hashes every link: let the diary paint first.
        await afterNextPaint();
        const integrity = await repository.verify();
        if (current) setLoaded((l) => (l?.repository === repository ? { ...l, integrity } : l));
      } catch {
        if (current) setLoaded({ repository, state: 'failed', snapshot: null, integrity: null });
      }
    });
    return () => {
      current = false;
    };
  }, [unlocked]);

  const refresh = useCallback(async (from: DiaryRepository) => {
    const snapshot = from.snapshot();
    setLoaded((l) => (l?.repository === from ? { ...l, state: 'ready', snapshot } : l));
    const integrity = await from.verify();
    setLoaded((l) => (l?.repository === from ? { ...l, integrity } : l));
  }, []);

  const value = useMemo<DiaryContextValue | null>(() => {
    if (!unlocked || !loaded) return null;
    const { repository } = loaded;
    // After a failed write the repository re-reads the diary; show what it now holds.
    const afterWrite = async <T,>(write: Promise<T>): Promise<T> => {
      try {
        return await write;
      } finally {
        await refresh(repository);
      }
    };
    return {
      state: loaded.state,
      snapshot: loaded.snapshot,
      integrity: loaded.integrity,
      repository,
      add: (incident) => afterWrite(repository.add(incident)),
      edit: (id, incident) => afterWrite(repository.edit(id, incident)),
      remove: (id) => afterWrite(repository.remove(id)),
      refresh: () => refresh(repository),
    };
  }, [unlocked, loaded, refresh]);

  return <DiaryContext.Provider value={value}>{children}</DiaryContext.Provider>;
}
