import { useEffect, useMemo, useState } from 'react';
import type { ChainVerification } from '../../core/evidence';
import type { DiaryRepository, DiarySnapshot } from '../../core/store/diaryRepository';
import type { UnlockedStores } from '../../core/vault/featureStores';
import type { DiaryContextValue } from '../../shared/diary/diaryContext';
import { diaryActions } from './diaryActions';

/** A repository that has been read (or failed to be read) and the stores beside it. */
export interface OpenedDiary {
  repository: DiaryRepository;
  stores: UnlockedStores;
  failed: boolean;
}

interface Shown {
  state: 'ready' | 'failed';
  snapshot: DiarySnapshot | null;
  integrity: ChainVerification | null;
}

const FAILED: Shown = { state: 'failed', snapshot: null, integrity: null };

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

/**
 * The diary context's value for an opened diary (null for none): what it holds, checked after
 * the first paint, and following every change the repository announces (a save here, a
 * restore, a failed write that re-read the diary). Tests use it with their own repository.
 */
export function useDiaryValue(opened: OpenedDiary | null): DiaryContextValue | null {
  // What the diary holds when it has just been read; then whatever it announces.
  const initial = useMemo<Shown | null>(
    () => (opened ? (opened.failed ? FAILED : { state: 'ready', snapshot: opened.repository.snapshot(), integrity: null }) : null),
    [opened],
  );
  const [changed, setChanged] = useState<{ for: OpenedDiary; shown: Shown } | null>(null);
  const shown = changed?.for === opened ? changed.shown : initial;

  useEffect(() => {
    if (!opened || !initial || opened.failed) return;
    const { repository } = opened;
    let current = true;
    const show = (next: (s: Shown) => Shown) => {
      if (current) setChanged((c) => ({ for: opened, shown: next(c?.for === opened ? c.shown : initial) }));
    };
    const check = async () => {
      try {
        const integrity = await repository.verify();
        show((s) => ({ ...s, integrity }));
      } catch {
        show(() => FAILED);
      }
    };
    const stop = repository.subscribe(() => {
      show((s) => ({ state: 'ready', snapshot: repository.snapshot(), integrity: s.integrity }));
      void check();
    });
    // Checking the chain hashes every link: let the diary paint first.
    void afterNextPaint().then(check);
    return () => {
      current = false;
      stop();
    };
  }, [opened, initial]);

  const actions = useMemo(() => (opened ? diaryActions(opened.repository, opened.stores) : null), [opened]);
  return useMemo(() => (shown && actions ? { ...shown, ...actions } : null), [shown, actions]);
}
