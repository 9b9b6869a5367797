import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { appDiary } from '../../core/vault/instance';
import type { ChainVerification } from '../../core/evidence';
import type { Incident } from '../../core/model/incident';
import type { DiaryRepository, DiarySnapshot } from '../../core/store/diaryRepository';

export interface DiaryContextValue {
  state: 'loading' | 'ready' | 'failed';
  snapshot: DiarySnapshot | null;
  integrity: ChainVerification | null;
  repository: DiaryRepository;
  add: (incident: Incident) => Promise<string>;
  edit: (id: string, incident: Incident) => Promise<void>;
  remove: (id: string) => Promise<void>;
}

export const DiaryContext = createContext<DiaryContextValue | null>(null);

/**
 * The decrypted diary, held in memory only while unlocked: the provider is mounted inside
 * the lock guard, so locking unmounts it and drops every decrypted entry.
 */
export function DiaryProvider({ children }: { children: ReactNode }) {
  const [repository] = useState(appDiary);
  const [state, setState] = useState<DiaryContextValue['state']>('loading');
  const [snapshot, setSnapshot] = useState<DiarySnapshot | null>(null);
  const [integrity, setIntegrity] = useState<ChainVerification | null>(null);

  const refresh = useCallback(async () => {
    setSnapshot(repository.snapshot());
    setIntegrity(await repository.verify());
  }, [repository]);

  useEffect(() => {
    let current = true;
    repository
      .load()
      .then(async (loaded) => {
        if (!current) return;
        setSnapshot(loaded);
        setState('ready');
        const verification = await repository.verify();
        if (current) setIntegrity(verification);
      })
      .catch(() => current && setState('failed'));
    return () => {
      current = false;
    };
  }, [repository]);

  const value = useMemo<DiaryContextValue>(() => {
    // After a failed write the repository re-reads the diary; show what it now holds.
    const afterWrite = async <T,>(write: Promise<T>): Promise<T> => {
      try {
        return await write;
      } finally {
        await refresh();
      }
    };
    return {
      state,
      snapshot,
      integrity,
      repository,
      add: (incident) => afterWrite(repository.add(incident)),
      edit: (id, incident) => afterWrite(repository.edit(id, incident)),
      remove: (id) => afterWrite(repository.remove(id)),
    };
  }, [state, snapshot, integrity, repository, refresh]);

  return <DiaryContext.Provider value={value}>{children}</DiaryContext.Provider>;
}
