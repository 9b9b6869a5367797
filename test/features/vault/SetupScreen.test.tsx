// @vitest-environment jsdom
import { useImperativeHandle } from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VaultProvider } from '../../../src/app/providers/VaultProvider';
import type { CheckedBackup } from '../../../src/core/backup/checkBackup';
import { Preferences } from '../../../src/core/prefs/preferences';
import type { DaybookDatabase } from '../../../src/core/store/db';
import type { Vault } from '../../../src/core/vault/vault';
import { SetupScreen, type StartFromBackup } from '../../../src/features/vault/SetupScreen';
import { PreferencesContext } from '../../../src/shared/prefs/usePreferences';
import { useVault } from '../../../src/shared/vault/useVault';
import { testI18n } from '../../support/i18n';
import { testVault } from '../../support/vault';
import { ControlledKdfWorker } from '../../support/controlledKdfWorker';

const PASSPHRASE = 'violet harbour kettle umbrella';

/** A browser whose persistent-storage request waits for an answer to a prompt nobody gives. */
function storageThatNeverAnswers() {
  const persist = vi.fn(() => new Promise<boolean>(() => undefined));
  Object.defineProperty(navigator, 'storage', {
    configurable: true,
    value: { persisted: () => Promise.resolve(false), persist, estimate: () => Promise.resolve({ usage: 0, quota: 1e9 }) },
  });
  return persist;
}

afterEach(() => {
  delete (navigator as { storage?: unknown }).storage;
  vi.unstubAllGlobals();
});

/** What the rest of the app sees: the state the vault provider follows. */
function VaultState() {
  return <p data-testid="vault-state">{useVault().status}</p>;
}

/** Where set-up sends the person after a restore that did not finish: what it was told. */
function BackupLanding() {
  const state = useLocation().state as { restoreStopped?: boolean } | null;
  return <p data-testid="backup-landing">{state?.restoreStopped ? 'stopped' : 'other'}</p>;
}

async function renderSetup(vault: Vault, startFromBackup?: StartFromBackup) {
  const i18n = await testI18n();
  render(
    <I18nextProvider i18n={i18n}>
      <PreferencesContext.Provider value={new Preferences(() => localStorage)}>
        <VaultProvider vault={vault}>
          <MemoryRouter>
            <SetupScreen startFromBackup={startFromBackup} />
            <VaultState />
          </MemoryRouter>
        </VaultProvider>
      </PreferencesContext.Provider>
    </I18nextProvider>,
  );
  await waitFor(() => expect(screen.getByTestId('vault-state').textContent).toBe('none'));
}

async function choosePassphrase(user: UserEvent) {
  await user.type(screen.getByLabelText('New passphrase'), PASSPHRASE);
  await user.type(screen.getByLabelText('Type the new passphrase again'), PASSPHRASE);
  await user.click(screen.getByRole('button', { name: 'Create my diary' }));
}

async function confirmRecoveryKeyAndOpen(user: UserEvent) {
  await user.click(await screen.findByLabelText('I have written down my recovery key and kept it safe.'));
  await user.click(screen.getByRole('button', { name: 'Open my diary' }));
}

async function rowCounts(db: DaybookDatabase): Promise<number[]> {
  return Promise.all(db.tables.map((table) => table.count()));
}

describe('set-up', () => {
  it('opens the diary at once while the browser still waits on its storage prompt', async () => {
    const persist = storageThatNeverAnswers();
    const user = userEvent.setup();
    const { vault } = testVault();
    await renderSetup(vault);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await choosePassphrase(user);
    await confirmRecoveryKeyAndOpen(user);
    await waitFor(() => expect(screen.getByTestId('vault-state').textContent).toBe('unlocked'));
    expect(vault.getState()).toBe('unlocked');
    expect(persist).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('from a backup: the restore still finishes before the vault announces itself unlocked', async () => {
    storageThatNeverAnswers();
    const user = userEvent.setup();
    const { vault } = testVault();
    let restored = false;
    const restoredWhenUnlocked: boolean[] = [];
    vault.subscribe(() => {
      if (vault.getState() === 'unlocked') restoredWhenUnlocked.push(restored);
    });
    const backup = { fake: true } as unknown as CheckedBackup;
    const startFromBackup: StartFromBackup = {
      Step: ({ onChecked, onContinue }) => (
        <button
          type="button"
          onClick={() => {
            onChecked(backup);
            onContinue();
          }}
        >
          Use this backup
        </button>
      ),
      // No progress view: set-up then restores through `restore`, as it does before that code loads.
      Restoring: () => null,
      restore: vi.fn(async (given: CheckedBackup, into: Vault) => {
        expect(given).toBe(backup);
        expect(into.session.unlocked).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 20));
        restored = true;
        return null;
      }),
    };
    await renderSetup(vault, startFromBackup);
    await user.click(screen.getByRole('button', { name: 'Start from a backup' }));
    await user.click(await screen.findByRole('button', { name: 'Use this backup' }));
    await choosePassphrase(user);
    await confirmRecoveryKeyAndOpen(user);
    await waitFor(() => expect(screen.getByTestId('vault-state').textContent).toBe('unlocked'));
    expect(startFromBackup.restore).toHaveBeenCalledTimes(1);
    expect(restoredWhenUnlocked).toEqual([true]);
  });

  it('from a backup: the restore runs through its progress view, and a Stop there lands on the backup screen saying so', async () => {
    storageThatNeverAnswers();
    const user = userEvent.setup();
    const { vault } = testVault();
    const backup = { fake: true } as unknown as CheckedBackup;
    const stopped = vi.fn(async () => 'stopped' as const);
    const startFromBackup: StartFromBackup = {
      Step: ({ onChecked, onContinue }) => (
        <button
          type="button"
          onClick={() => {
            onChecked(backup);
            onContinue();
          }}
        >
          Use this backup
        </button>
      ),
      Restoring: ({ ref }) => {
        useImperativeHandle(ref, () => ({ restore: stopped }));
        return null;
      },
      restore: vi.fn(async () => null),
    };
    const i18n = await testI18n();
    render(
      <I18nextProvider i18n={i18n}>
        <PreferencesContext.Provider value={new Preferences(() => localStorage)}>
          <VaultProvider vault={vault}>
            <MemoryRouter>
              <Routes>
                <Route path="/" element={<SetupScreen startFromBackup={startFromBackup} />} />
                <Route path="/backup" element={<BackupLanding />} />
              </Routes>
              <VaultState />
            </MemoryRouter>
          </VaultProvider>
        </PreferencesContext.Provider>
      </I18nextProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('vault-state').textContent).toBe('none'));
    await user.click(screen.getByRole('button', { name: 'Start from a backup' }));
    await user.click(await screen.findByRole('button', { name: 'Use this backup' }));
    await choosePassphrase(user);
    await confirmRecoveryKeyAndOpen(user);
    expect(await screen.findByTestId('backup-landing')).toHaveProperty('textContent', 'stopped');
    expect(stopped).toHaveBeenCalledWith(backup, vault);
    expect(startFromBackup.restore).not.toHaveBeenCalled();
  });

  it('Stop while the keys are being made: nothing is stored, it says so, and creating again works', async () => {
    storageThatNeverAnswers();
    const user = userEvent.setup();
    const { vault, db } = testVault();
    await renderSetup(vault);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const running = ControlledKdfWorker.nextRun();
    await choosePassphrase(user);
    const worker = await running;
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(await screen.findByText('Stopped. Nothing was created: you can try again.')).toBeTruthy();
    expect(worker.terminated).toBe(true);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByLabelText('I have written down my recovery key and kept it safe.')).toBeNull();
    expect(await rowCounts(db)).toEqual(db.tables.map(() => 0));
    vi.unstubAllGlobals();
    await user.click(screen.getByRole('button', { name: 'Create my diary' }));
    expect(await screen.findByLabelText('I have written down my recovery key and kept it safe.')).toBeTruthy();
  });

  it('in a browser that cannot run Argon2id: says what to do, not "Something went wrong", and stores nothing', async () => {
    storageThatNeverAnswers();
    const user = userEvent.setup();
    const { vault, db } = testVault();
    await renderSetup(vault);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    vi.stubGlobal('WebAssembly', undefined);
    await choosePassphrase(user);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'This browser cannot run the protection Daybook uses for your passphrase, so nothing has been stored or changed. ' +
        'Try the latest version of Chrome, Firefox, Safari or Edge, or another device you trust. ' +
        'A browser setting that blocks some website features can also cause this.',
    );
    expect(alert.textContent).not.toContain('Something went wrong');
    expect(screen.queryByLabelText('I have written down my recovery key and kept it safe.')).toBeNull();
    vi.unstubAllGlobals();
    expect(await rowCounts(db)).toEqual(db.tables.map(() => 0));
    expect(await vault.status()).toBe('none');
  });
});
