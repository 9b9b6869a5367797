import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { UnlockScreen } from '../../src/features/vault/UnlockScreen';
import { VaultContext } from '../../src/shared/vault/vaultContext';
import { testI18n } from './i18n';
import { createdVault } from './vault';

/** A diary made and locked, and its lock screen rendered on its own (no shell, no routes). */
export async function renderLockScreen(): Promise<Awaited<ReturnType<typeof createdVault>>> {
  const setup = await createdVault();
  setup.vault.lock();
  const i18n = await testI18n();
  render(
    <I18nextProvider i18n={i18n}>
      <VaultContext.Provider value={{ status: 'locked', vault: setup.vault }}>
        <MemoryRouter>
          <UnlockScreen />
        </MemoryRouter>
      </VaultContext.Provider>
    </I18nextProvider>,
  );
  return setup;
}
