import { useContext } from 'react';
import { VaultContext, type VaultContextValue } from './VaultProvider';

export function useVault(): VaultContextValue {
  const context = useContext(VaultContext);
  if (!context) throw new Error('useVault needs a VaultProvider');
  return context;
}
