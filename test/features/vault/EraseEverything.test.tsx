// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { VaultProvider } from '../../../src/app/providers/VaultProvider';
import { Preferences } from '../../../src/core/prefs/preferences';
import type { Vault } from '../../../src/core/vault/vault';
import { EraseEverything } from '../../../src/features/vault/EraseEverything';
import { SetupScreen } from '../../../src/features/vault/SetupScreen';
import { PreferencesContext } from '../../../src/shared/prefs/usePreferences';
import { useVault } from '../../../src/shared/vault/useVault';
import { testI18n } from '../../support/i18n';
import { createdVault } from '../../support/vault';

/** What the lock guard does for this screen: set-up once there is no diary, else Settings. */
function Guarded() {
  const { status } = useVault();
  return status === 'none' ? <SetupScreen /> : <EraseEverything />;
}

async function renderErase(vault: Vault, preferences: Preferences) {
  const i18n = await testI18n();
  const router = createMemoryRouter([{ path: '/settings', element: <Guarded /> }], { initialEntries: ['/settings'] });
  render(
    <I18nextProvider i18n={i18n}>
      <PreferencesContext.Provider value={preferences}>
        <VaultProvider vault={vault}>
          <RouterProvider router={router} />
        </VaultProvider>
      </PreferencesContext.Provider>
    </I18nextProvider>,
  );
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('Erase everything', () => {
  it('erases the diary and the preferences, then the set-up screen says what went and what Daybook cannot clear', async () => {
    const setup = await createdVault();
    await setup.vault.unlock(setup.passphrase);
    const preferences = new Preferences(() => localStorage);
    preferences.onlyWriteWhen(() => setup.session.unlocked);
    expect(preferences.setQuickExitUrl('https://example.org/')).toBe(true);
    sessionStorage.setItem('daybook.exited', '1');
    const user = userEvent.setup();
    await renderErase(setup.vault, preferences);

    await user.click(await screen.findByRole('button', { name: 'Erase everything…' }));
    await user.type(screen.getByLabelText('To confirm, type ERASE'), 'erase');
    await user.click(screen.getByRole('button', { name: 'Erase everything now' }));

    const title = await screen.findByRole('heading', { name: 'Everything is erased' });
    await waitFor(() => expect(document.activeElement).toBe(title));
    expect(screen.getByText('Your diary and everything in it have been deleted from this device.')).toBeTruthy();
    expect(screen.getByText(/Daybook's settings on this device, and the copy of Daybook/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'What Daybook cannot clear' })).toBeTruthy();
    expect(screen.getByText(/Your browser's history/)).toBeTruthy();
    expect(screen.getByText(/Files you saved or downloaded from Daybook/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Set up your diary' })).toBeTruthy();

    expect(Object.keys(localStorage)).toEqual([]);
    expect(Object.keys(sessionStorage)).toEqual([]);
    expect(preferences.quickExitUrl()).toBe('https://www.bbc.co.uk/weather');
    expect(await setup.vault.status()).toBe('none');
  });
});
