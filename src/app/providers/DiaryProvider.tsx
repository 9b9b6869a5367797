import { useEffect, useState, type ReactNode } from 'react';
import { openDiary } from '../../core/vault/instance';
import { DiaryContext } from '../../shared/diary/diaryContext';
import { useVault } from '../../shared/vault/useVault';
import { useDiaryValue, type OpenedDiary } from './useDiaryValue';

/**
 * The decrypted diary, held in memory only while unlocked. Mounted once for the whole app so
 * any screen can use it when unlocked; each unlock reads a fresh repository (the context is
 * null until it has been read), and the lock event drops everything decrypted.
 */
export function DiaryProvider({ children }: { children: ReactNode }) {
  const { status, vault } = useVault();
  const unlocked = status === 'unlocked';
  const [opened, setOpened] = useState<OpenedDiary | null>(null);

  // Locking (here, in another tab, by quick exit or auto-lock) drops the decrypted diary.
  useEffect(() => vault.session.onLock(() => setOpened(null)), [vault]);

  useEffect(() => {
    if (!unlocked) return;
    let current = true;
    void (async () => {
      const [repository, { createUnlockedStores }] = await Promise.all([openDiary(vault), import('../../core/vault/featureStores')]);
      let failed = false;
      try {
        await repository.load();
      } catch {
        failed = true;
      }
      if (current) {
        const confirmPassphrase = (passphrase: string) => vault.confirmPassphrase(passphrase);
        setOpened({ repository, stores: createUnlockedStores(vault), failed, confirmPassphrase });
      }
    })();
    return () => {
      current = false;
    };
  }, [unlocked, vault]);

  const value = useDiaryValue(unlocked ? opened : null);
  return <DiaryContext.Provider value={value}>{children}</DiaryContext.Provider>;
}
