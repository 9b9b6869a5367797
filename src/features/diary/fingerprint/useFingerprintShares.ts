import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TreeHead } from '../../../core/evidence';
import type { FingerprintShareMethod } from '../../../core/store/fingerprintStore';
import { useDiary } from '../../../shared/diary/useDiary';
import { fingerprintPromptDue, promptSnoozedUntil, sharedSoFar, type SharedSoFar } from './fingerprintPrompt';

/** The fingerprints shared so far, whether the monthly invitation is due, and ways to update both. */
export function useFingerprintShares() {
  const { snapshot, stores } = useDiary();
  const store = stores.fingerprints;
  const [shared, setShared] = useState<SharedSoFar | null>(null);
  // Undefined until read.
  const [snoozedUntil, setSnoozedUntil] = useState<string | null | undefined>(undefined);

  useEffect(() => {
    let current = true;
    store
      .list()
      .then((list) => current && setShared(sharedSoFar(list)))
      // An unreadable list: as if nothing was shared, which only makes the invitation likelier.
      .catch(() => current && setShared(sharedSoFar([])));
    store
      .promptSnoozedUntil()
      .then((until) => current && setSnoozedUntil(until))
      .catch(() => current && setSnoozedUntil(null));
    return () => {
      current = false;
    };
  }, [store]);

  const size = snapshot?.links.length ?? 0;
  const due = useMemo(
    () => shared !== null && snoozedUntil !== undefined && fingerprintPromptDue(size, shared, snoozedUntil, new Date()),
    [size, shared, snoozedUntil],
  );

  /** The fingerprint `head` left the device just now, by `how`. */
  const noteShared = useCallback(
    async (head: TreeHead, how: FingerprintShareMethod) => {
      await store.record(head, how, new Date());
      setShared(sharedSoFar(await store.list()));
    },
    [store],
  );

  /** "Not now": the invitation waits 30 days. */
  const snooze = useCallback(async () => {
    const until = promptSnoozedUntil(new Date());
    setSnoozedUntil(until.toISOString());
    await store.snoozePrompt(until);
  }, [store]);

  return { shared, due, noteShared, snooze };
}

export type FingerprintShares = ReturnType<typeof useFingerprintShares>;
