import type { ProtectedSettingsVault } from '../../core/prefs/protectedSettings';
import type { Vault } from '../../core/vault/vault';

/**
 * The vault's row of protected settings (where quick exit goes, when the diary locks itself) over
 * an unlocked vault's data key. Its code loads on first use, after unlock: nothing of it is part
 * of the first screen.
 */
export function settingsVaultOf(vault: Vault): ProtectedSettingsVault {
  let loaded: Promise<ProtectedSettingsVault> | undefined;
  const store = () =>
    (loaded ??= import('../../core/store/protectedSettingsStore').then(
      ({ ProtectedSettingsStore }) => new ProtectedSettingsStore(vault.db, () => vault.session.dataKey()),
    ));
  return {
    read: async () => (await store()).read(),
    adopt: async (values) => (await store()).adopt(values),
    replace: async (values) => (await store()).replace(values),
    update: async (change) => (await store()).update(change),
  };
}
