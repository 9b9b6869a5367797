import { SettingsScreen } from '../../features/settings/SettingsScreen';
import { SecuritySettings } from '../../features/vault/SecuritySettings';
import { StorageStatus } from '../../features/vault/StorageStatus';

/** Settings, with the vault's own sections (passphrase, recovery key, storage) composed in. */
export function SettingsRoute() {
  return (
    <SettingsScreen
      vaultSettings={
        <>
          <SecuritySettings />
          <StorageStatus />
        </>
      }
    />
  );
}
