// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UnlockScreen } from '../../../src/features/vault/UnlockScreen';
import { VaultContext } from '../../../src/shared/vault/vaultContext';
import { testI18n } from '../../support/i18n';
import { createdVault } from '../../support/vault';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('unlock in a browser that cannot run Argon2id', () => {
  it('says what to do instead of blaming the passphrase, and counts no failed attempt', async () => {
    const user = userEvent.setup();
    const { vault, passphrase } = await createdVault();
    vault.lock();
    const i18n = await testI18n();
    render(
      <I18nextProvider i18n={i18n}>
        <VaultContext.Provider value={{ status: 'locked', vault }}>
          <MemoryRouter>
            <UnlockScreen />
          </MemoryRouter>
        </VaultContext.Provider>
      </I18nextProvider>,
    );
    vi.stubGlobal('WebAssembly', undefined);
    await user.type(screen.getByLabelText('Passphrase'), passphrase);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByText(/^This browser cannot run the protection Daybook uses for your passphrase/)).toBeTruthy();
    expect(screen.queryByText(/did not unlock the diary/)).toBeNull();
    expect(await vault.unlockWait()).toBe(0);
    expect(await vault.status()).toBe('locked');
  });
});
