import { useContext } from 'react';
import { VaultContext, type VaultContextValue } from './vaultContext';

export function useVault(): VaultContextValue {
  const context = useContext(VaultContext);
  if (!context) throw new Error('useVault needs a VaultProvider');
  return context;
}
