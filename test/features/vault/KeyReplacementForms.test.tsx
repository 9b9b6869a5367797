// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { VaultProvider } from '../../../src/app/providers/VaultProvider';
import { Preferences } from '../../../src/core/prefs/preferences';
import type { VaultHeader } from '../../../src/core/crypto/vaultKeys';
import type { Vault } from '../../../src/core/vault/vault';
import { SecuritySettings } from '../../../src/features/vault/SecuritySettings';
import { PreferencesContext } from '../../../src/shared/prefs/usePreferences';
import { testI18n } from '../../support/i18n';
import { createdVault } from '../../support/vault';
import { ControlledKdfWorker } from '../../support/controlledKdfWorker';

const NEW_PASSPHRASE = 'copper kettle sings at dawn';

async function renderSettings(vault: Vault) {
  const i18n = await testI18n();
  const router = createMemoryRouter([{ path: '/settings', element: <SecuritySettings /> }], { initialEntries: ['/settings'] });
  render(
    <I18nextProvider i18n={i18n}>
      <PreferencesContext.Provider value={new Preferences(() => localStorage)}>
        <VaultProvider vault={vault}>
          <RouterProvider router={router} />
        </VaultProvider>
      </PreferencesContext.Provider>
    </I18nextProvider>,
  );
}

const header = async (setup: Awaited<ReturnType<typeof createdVault>>) => (await setup.db.meta.get('vaultHeader'))?.value as VaultHeader;

describe('Change passphrase, also replacing the key', () => {
  it('is ticked at first; shows a new recovery key, stores nothing until it is kept, then replaces the key', async () => {
    const setup = await createdVault();
    const before = await header(setup);
    const user = userEvent.setup();
    await renderSettings(setup.vault);
    const form = screen.getByRole('form', { name: 'Change passphrase' });
    const choice = within(form).getByRole('checkbox', { name: 'Also replace the key that encrypts the diary' });
    expect((choice as HTMLInputElement).checked).toBe(true);
    expect(within(form).getByText(/You get a new recovery key and the old one stops working/)).toBeTruthy();

    await user.type(within(form).getByLabelText('Current passphrase'), setup.passphrase);
    await user.type(within(form).getByLabelText('New passphrase', { exact: true }), NEW_PASSPHRASE);
    await user.type(within(form).getByLabelText('Type the new passphrase again'), NEW_PASSPHRASE);
    await user.click(within(form).getByRole('button', { name: 'Change passphrase' }));

    const key = await screen.findByTestId('recovery-key', {}, { timeout: 10_000 });
    expect(key.textContent).toMatch(/^[0-9A-Z]{32}$/);
    expect(await header(setup)).toEqual(before); // nothing stored yet
    const start = screen.getByRole('button', { name: 'Change the passphrase and replace the key' });
    expect((start as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByLabelText('I have written down my recovery key and kept it safe.'));
    await user.click(start);

    await screen.findByText(/The key that encrypts the diary has been replaced/, {}, { timeout: 10_000 });
    expect(screen.getByText('Your passphrase has been changed.')).toBeTruthy();
    const after = await header(setup);
    expect(after.retiring).toBeUndefined();
    expect(after.passphraseWrap.data).not.toBe(before.passphraseWrap.data);
    setup.vault.lock();
    await setup.vault.unlock(NEW_PASSPHRASE);
  });

  it('cancelling the new recovery key changes nothing', async () => {
    const setup = await createdVault();
    const before = await header(setup);
    const user = userEvent.setup();
    await renderSettings(setup.vault);
    const form = screen.getByRole('form', { name: 'New recovery key' });
    await user.type(within(form).getByLabelText('Current passphrase'), setup.passphrase);
    await user.click(within(form).getByRole('button', { name: 'Make a new recovery key' }));
    await screen.findByTestId('recovery-key', {}, { timeout: 10_000 });
    await user.click(screen.getByRole('button', { name: 'Cancel and change nothing' }));
    expect(await header(setup)).toEqual(before);
    expect(screen.getByRole('form', { name: 'New recovery key' })).toBeTruthy();
  });

  it('unticked, only the passphrase changes (no new recovery key) and the page says what that leaves', async () => {
    const setup = await createdVault();
    const before = await header(setup);
    const user = userEvent.setup();
    await renderSettings(setup.vault);
    const form = screen.getByRole('form', { name: 'Change passphrase' });
    await user.click(within(form).getByRole('checkbox', { name: 'Also replace the key that encrypts the diary' }));
    expect(within(form).getByText(/Without this, only the passphrase changes/)).toBeTruthy();
    await user.type(within(form).getByLabelText('Current passphrase'), setup.passphrase);
    await user.type(within(form).getByLabelText('New passphrase', { exact: true }), NEW_PASSPHRASE);
    await user.type(within(form).getByLabelText('Type the new passphrase again'), NEW_PASSPHRASE);
    await user.click(within(form).getByRole('button', { name: 'Change passphrase' }));
    await screen.findByText('Your passphrase has been changed.', {}, { timeout: 10_000 });
    expect(screen.queryByTestId('recovery-key')).toBeNull();
    expect((await header(setup)).recovery).toEqual(before.recovery);
  });

  it('Stop while the passphrases are checked and made: nothing changes, and it says so', async () => {
    const setup = await createdVault();
    const before = await header(setup);
    const user = userEvent.setup();
    await renderSettings(setup.vault);
    const form = screen.getByRole('form', { name: 'Change passphrase' });
    await user.click(within(form).getByRole('checkbox', { name: 'Also replace the key that encrypts the diary' }));
    await user.type(within(form).getByLabelText('Current passphrase'), setup.passphrase);
    await user.type(within(form).getByLabelText('New passphrase', { exact: true }), NEW_PASSPHRASE);
    await user.type(within(form).getByLabelText('Type the new passphrase again'), NEW_PASSPHRASE);
    vi.stubGlobal('Worker', ControlledKdfWorker);
    try {
      const running = ControlledKdfWorker.nextRun();
      await user.click(within(form).getByRole('button', { name: 'Change passphrase' }));
      const worker = await running;
      await user.click(within(form).getByRole('button', { name: 'Stop' }));
      await screen.findByText('Stopped. Your passphrase was not changed.');
      expect(worker.terminated).toBe(true);
      expect(await header(setup)).toEqual(before);
      expect(within(form).queryByRole('button', { name: 'Stop' })).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('Make a new recovery key can be stopped while the passphrase is checked: the old key still works', async () => {
    const setup = await createdVault();
    const before = await header(setup);
    const user = userEvent.setup();
    await renderSettings(setup.vault);
    const form = screen.getByRole('form', { name: 'New recovery key' });
    await user.click(within(form).getByRole('checkbox', { name: 'Also replace the key that encrypts the diary' }));
    await user.type(within(form).getByLabelText('Current passphrase'), setup.passphrase);
    vi.stubGlobal('Worker', ControlledKdfWorker);
    try {
      const running = ControlledKdfWorker.nextRun();
      await user.click(within(form).getByRole('button', { name: 'Make a new recovery key' }));
      const worker = await running;
      await user.click(within(form).getByRole('button', { name: 'Stop' }));
      await screen.findByText('Stopped. Your recovery key was not changed.');
      expect(worker.terminated).toBe(true);
      expect(await header(setup)).toEqual(before);
      expect(screen.queryByTestId('recovery-key')).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
