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
    let latestCheck = 0;
    const show = (next: (s: Shown) => Shown) => {
      if (current) setChanged((c) => ({ for: opened, shown: next(c?.for === opened ? c.shown : initial) }));
    };
    // Only the newest check is shown: an older one that ends later speaks of fewer records.
    const check = async (first = false) => {
      const mine = ++latestCheck;
      try {
        const integrity = await repository.verify();
        if (mine === latestCheck) show((s) => ({ ...s, integrity }));
      } catch {
        // A diary that cannot be checked at all is shown as failed to load, as a failed read
        // is; after a change it still shows what it holds, and that it is being checked.
        if (first && mine === latestCheck) show(() => FAILED);
      }
    };
    const stop = repository.subscribe(() => {
      // Nothing is called checked until the changed chain has been checked.
      show(() => ({ state: 'ready', snapshot: repository.snapshot(), integrity: null }));
      void check();
    });
    // Checking the chain hashes every link: let the diary paint first.
    void afterNextPaint().then(() => (latestCheck === 0 ? check(true) : undefined));
    return () => {
      current = false;
      stop();
      // Decrypted text must not outlive the diary it came from (lock, erase).
      setChanged(null);
    };
  }, [opened, initial]);

  const actions = useMemo(() => (opened ? diaryActions(opened.repository, opened.stores) : null), [opened]);
  return useMemo(() => (shown && actions ? { ...shown, ...actions } : null), [shown, actions]);
}
