import { createContext } from 'react';
import type { Vault, VaultState } from '../../core/vault/vault';

export interface VaultContextValue {
  /** Follows the vault: every action that opens, locks or erases it announces the new state. */
  status: VaultState;
  vault: Vault;
}

export const VaultContext = createContext<VaultContextValue | null>(null);
