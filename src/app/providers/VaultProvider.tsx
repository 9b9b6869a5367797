import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { startAutoLock } from '../../core/vault/autoLock';
import { revokeAllObjectUrls } from '../../core/vault/objectUrls';
import type { Vault } from '../../core/vault/vault';
import { usePreferences } from '../../shared/prefs/usePreferences';
import { VaultContext } from '../../shared/vault/vaultContext';
import { onQuickExit } from '../quickExit/quickExit';

/** Holds the vault's state for the whole app, locks on quick exit, and runs auto-lock. */
export function VaultProvider({ children, vault }: { children: ReactNode; vault: Vault }) {
  const status = useSyncExternalStore(vault.subscribe, vault.getState, vault.getState);
  // Auto-lock restarts with new values as soon as they are chosen in Settings.
  const preferences = usePreferences();
  const [autoLock, setAutoLock] = useState(() => preferences.autoLockSettings());

  useEffect(() => {
    const stopLockListener = vault.session.onLock(revokeAllObjectUrls);
    const stopExitListener = onQuickExit(() => vault.lock());
    // Leaving for another site can keep this page, keys and all, in the back/forward cache, where
    // Back would show it unlocked and no quick exit from another tab reaches it: lock on the way out.
    const lockIfCached = (event: PageTransitionEvent) => {
      if (event.persisted) vault.lock();
    };
    window.addEventListener('pagehide', lockIfCached);
    const stopPreferenceListener = preferences.subscribe((key) => {
      if (key === 'autoLockMinutes' || key === 'hiddenLockMinutes') setAutoLock(preferences.autoLockSettings());
    });
    return () => {
      stopLockListener();
      stopExitListener();
      window.removeEventListener('pagehide', lockIfCached);
      stopPreferenceListener();
    };
  }, [vault, preferences]);

  useEffect(() => {
    if (status !== 'unlocked') return;
    return startAutoLock({
      inactivityMs: autoLock.inactivityMinutes * 60_000,
      hiddenMs: autoLock.hiddenMinutes * 60_000,
      lock: () => vault.lock(),
    });
  }, [status, vault, autoLock]);

  const value = useMemo(() => ({ status, vault }), [status, vault]);
  return <VaultContext.Provider value={value}>{children}</VaultContext.Provider>;
}
