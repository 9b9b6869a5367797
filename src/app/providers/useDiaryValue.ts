import { useEffect, useMemo, useState } from 'react';
import type { ChainVerification } from '../../core/evidence';
import type { DiaryRepository, DiarySnapshot, RevisionRecord, SealFinding, SealState } from '../../core/store/diaryRepository';
import type { SharedFingerprint } from '../../core/store/fingerprintStore';
import type { UnlockedStores } from '../../core/vault/featureStores';
import type { DiaryContextValue } from '../../shared/diary/diaryContext';
import { nextPaint } from '../../shared/hooks/afterPaint';
import { diaryActions } from './diaryActions';

/** A repository that has been read (or failed to be read), the stores beside it, and the vault's passphrase check. */
export interface OpenedDiary {
  repository: DiaryRepository;
  stores: UnlockedStores;
  failed: boolean;
  confirmPassphrase: (passphrase: string) => Promise<void>;
}

interface Shown {
  state: 'ready' | 'failed';
  snapshot: DiarySnapshot | null;
  integrity: ChainVerification | null;
  checkFailed: boolean;
  seal: SealState;
  sealFindings: readonly SealFinding[];
  fingerprintsNotContained: readonly SharedFingerprint[];
}

/** No shared fingerprint found missing (or none compared yet). */
const ALL_CONTAINED: readonly SharedFingerprint[] = [];

/** A diary that could not be read (or checked): nothing of it is shown. */
const failed = (repository: DiaryRepository): Shown => ({
  state: 'failed',
  snapshot: null,
  integrity: null,
  checkFailed: false,
  seal: repository.sealState(),
  sealFindings: repository.sealFindings(),
  fingerprintsNotContained: ALL_CONTAINED,
});

/** What the diary holds as just read, its chain not yet checked. */
const fresh = (repository: DiaryRepository): Shown => ({
  state: 'ready',
  snapshot: repository.snapshot(),
  integrity: null,
  checkFailed: false,
  seal: repository.sealState(),
  sealFindings: repository.sealFindings(),
  fingerprintsNotContained: ALL_CONTAINED,
});

/**
 * The fingerprints the person shared that the chain of `records` does not contain; null when
 * they cannot be compared (the list unreadable, or a malformed link the chain's check reports).
 * The list of link hashes is made only when there is a fingerprint to compare it with.
 */
async function notContainedIn(stores: UnlockedStores, records: readonly RevisionRecord[]): Promise<readonly SharedFingerprint[] | null> {
  try {
    const shared = await stores.fingerprints.list();
    if (shared.length === 0) return ALL_CONTAINED;
    // Loaded on use: the Merkle code it needs is not part of the first screen.
    const { sharedNotContained } = await import('../../core/store/fingerprintCheck');
    const notContained = await sharedNotContained(
      records.map((record) => record.link.hash),
      shared,
    );
    return notContained.length === 0 ? ALL_CONTAINED : notContained;
  } catch {
    return null;
  }
}

/** After a change, a check that failed is tried again after these waits. */
const RECHECK_DELAYS_MS = [1_000, 5_000, 30_000];

/**
 * The diary context's value for an opened diary (null for none): what it holds, checked after
 * the first paint, and following every change the repository announces (a save here, a
 * restore, a failed write that re-read the diary). Tests use it with their own repository.
 */
export function useDiaryValue(opened: OpenedDiary | null): DiaryContextValue | null {
  // What the diary holds when it has just been read; then whatever it announces.
  const initial = useMemo<Shown | null>(
    () => (opened ? (opened.failed ? failed(opened.repository) : fresh(opened.repository)) : null),
    [opened],
  );
  const [changed, setChanged] = useState<{ for: OpenedDiary; shown: Shown } | null>(null);
  const shown = changed?.for === opened ? changed.shown : initial;

  useEffect(() => {
    if (!opened || !initial || opened.failed) return;
    const { repository } = opened;
    let current = true;
    let latestCheck = 0;
    // Locking (or erasing) stops a check still running in its worker; so does a newer check,
    // whose chain holds everything the older one would have spoken of.
    const checking = new AbortController();
    let running: AbortController | null = null;
    const show = (next: (s: Shown) => Shown) => {
      if (current) setChanged((c) => ({ for: opened, shown: next(c?.for === opened ? c.shown : initial) }));
    };
    // Only the newest check is shown: an older one that ends later speaks of fewer records. The
    // shared fingerprints are compared with the same chain, and shown with its check, so the
    // diary never says "nothing altered or missing" before they have been.
    const check = async (first = false, attempt = 0): Promise<void> => {
      const mine = ++latestCheck;
      running?.abort();
      const own = new AbortController();
      running = own;
      const stopOwn = () => own.abort();
      checking.signal.addEventListener('abort', stopOwn, { once: true });
      try {
        // Both take the chain as it is now (a write makes a new array, so it never changes). The
        // worker is handed it a slice at a time; nothing of it is copied here, or kept once sent.
        const [integrity, notContained] = await Promise.all([
          repository.verify(own.signal),
          notContainedIn(opened.stores, repository.allRecords()),
        ]);
        if (mine === latestCheck)
          show((s) => ({ ...s, integrity, checkFailed: false, fingerprintsNotContained: notContained ?? s.fingerprintsNotContained }));
      } catch {
        if (own.signal.aborted) return;
        // A diary that cannot be checked at all is shown as failed to load, as a failed read
        // is; after a change it still shows what it holds, and that it is being checked, and
        // the check is tried again (a worker that ran out of memory, say) rather than left.
        if (first && mine === latestCheck) show(() => failed(repository));
        else if (mine === latestCheck && attempt < RECHECK_DELAYS_MS.length) {
          setTimeout(() => {
            if (current && mine === latestCheck) void check(false, attempt + 1);
          }, RECHECK_DELAYS_MS[attempt]);
        } else if (mine === latestCheck) {
          // Every retry failed: say so rather than "being checked" for ever. The next change
          // (or the next unlock) checks again.
          show((s) => ({ ...s, checkFailed: true }));
        }
      } finally {
        checking.signal.removeEventListener('abort', stopOwn);
      }
    };
    const stop = repository.subscribe(() => {
      // Nothing is called checked until the changed chain has been checked.
      // A fingerprint found missing stays shown until the changed chain has been compared.
      show((s) => ({ ...fresh(repository), fingerprintsNotContained: s.fingerprintsNotContained }));
      void check();
    });
    // Checking the chain hashes every link: let the diary paint first.
    void nextPaint().then(() => (latestCheck === 0 ? check(true) : undefined));
    return () => {
      current = false;
      checking.abort();
      stop();
      // Decrypted text must not outlive the diary it came from (lock, erase).
      setChanged(null);
    };
  }, [opened, initial]);

  const actions = useMemo(() => (opened ? diaryActions(opened.repository, opened.stores, opened.confirmPassphrase) : null), [opened]);
  // Shown last: its seal is the one read most recently.
  return useMemo(() => (shown && actions ? { ...actions, ...shown } : null), [shown, actions]);
}
