import { createContext } from 'react';
import type { Vault, VaultStatus } from '../../core/vault/vault';

export type VaultUiStatus = VaultStatus | 'loading' | 'unavailable';

export interface VaultContextValue {
  status: VaultUiStatus;
  vault: Vault;
  /** Re-reads the status after an action that opened, locked or erased the vault. */
  refresh: () => Promise<void>;
  /** Bumped when auto-lock settings change, so the timers restart with the new values. */
  autoLockChanged: () => void;
}

export const VaultContext = createContext<VaultContextValue | null>(null);
