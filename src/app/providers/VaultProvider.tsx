import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { appVault } from '../../core/vault/instance';
import { startAutoLock } from '../../core/vault/autoLock';
import { revokeAllObjectUrls } from '../../core/vault/objectUrls';
import { autoLockSettings } from '../../core/prefs/preferences';
import type { Vault } from '../../core/vault/vault';
import { VaultContext, type VaultUiStatus } from '../../shared/vault/vaultContext';
import { onQuickExit } from '../quickExit/quickExit';

/** Holds the vault's status for the whole app, locks on quick exit, and runs auto-lock. */
export function VaultProvider({ children, vault = appVault() }: { children: ReactNode; vault?: Vault }) {
  const [status, setStatus] = useState<VaultUiStatus>('loading');
  const [autoLockVersion, setAutoLockVersion] = useState(0);

  const refresh = useCallback(async () => {
    try {
      setStatus(await vault.status());
    } catch {
      setStatus('unavailable');
    }
  }, [vault]);

  useEffect(() => {
    vault.status().then(setStatus, () => setStatus('unavailable'));
    const stopLockListener = vault.session.onLock(() => {
      revokeAllObjectUrls();
      setStatus((current) => (current === 'unlocked' ? 'locked' : current));
    });
    const stopExitListener = onQuickExit(() => vault.lock());
    return () => {
      stopLockListener();
      stopExitListener();
    };
  }, [vault]);

  useEffect(() => {
    if (status !== 'unlocked') return;
    const { inactivityMinutes, hiddenMinutes } = autoLockSettings();
    return startAutoLock({ inactivityMs: inactivityMinutes * 60_000, hiddenMs: hiddenMinutes * 60_000, lock: () => vault.lock() });
  }, [status, vault, autoLockVersion]);

  const value = useMemo(
    () => ({ status, vault, refresh, autoLockChanged: () => setAutoLockVersion((v) => v + 1) }),
    [status, vault, refresh],
  );
  return <VaultContext.Provider value={value}>{children}</VaultContext.Provider>;
}
