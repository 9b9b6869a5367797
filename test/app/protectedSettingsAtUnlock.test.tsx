// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, render, screen, waitFor } from '@testing-library/react';
import { useContext } from 'react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { DiaryProvider } from '../../src/app/providers/DiaryProvider';
import { VaultProvider } from '../../src/app/providers/VaultProvider';
import { browserTargets, eraseDeviceState } from '../../src/core/device/eraseDeviceState';
import { Preferences } from '../../src/core/prefs/preferences';
import type { DaybookDatabase } from '../../src/core/store/db';
import { PROTECTED_SETTINGS_ROW_ID, ProtectedSettingsStore } from '../../src/core/store/protectedSettingsStore';
import { SettingsCheckNotice } from '../../src/features/diary/SettingsCheckNotice';
import { QuickExitSetting } from '../../src/features/settings/QuickExitSetting';
import { DiaryContext } from '../../src/shared/diary/diaryContext';
import { PreferencesContext } from '../../src/shared/prefs/usePreferences';
import { testI18n } from '../support/i18n';
import { createdVault } from '../support/vault';

const MINE = 'https://example.org/weather';
const THEIRS = 'https://attacker.example/log';

/** What the diary screen shows of the check: its notice, once the diary is open. */
function DiaryProbe() {
  const diary = useContext(DiaryContext);
  return diary ? (
    <>
      <p>diary open</p>
      <SettingsCheckNotice />
    </>
  ) : (
    <p>diary closed</p>
  );
}

async function app() {
  const setup = await createdVault();
  // As the app starts: locked, the copy in localStorage all there is.
  setup.vault.lock();
  const preferences = new Preferences(() => localStorage);
  preferences.onlyWriteWhen(() => setup.session.unlocked);
  render(
    <I18nextProvider i18n={await testI18n()}>
      <PreferencesContext.Provider value={preferences}>
        <VaultProvider vault={setup.vault}>
          <DiaryProvider>
            <DiaryProbe />
            <QuickExitSetting />
          </DiaryProvider>
        </VaultProvider>
      </PreferencesContext.Provider>
    </I18nextProvider>,
  );
  const unlock = async () => {
    await act(() => setup.vault.unlock(setup.passphrase));
    await screen.findByText('diary open', undefined, { timeout: 15_000 });
  };
  const lock = async () => {
    act(() => setup.vault.lock());
    await screen.findByText('diary closed', undefined, { timeout: 15_000 });
  };
  return { ...setup, preferences, unlock, lock };
}

async function savedInVault(db: DaybookDatabase, key: () => CryptoKey) {
  return new ProtectedSettingsStore(db, key).read();
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('the quick-exit address at unlock', () => {
  it('changed in localStorage while locked: set back from the vault at unlock, and the diary says so once', async () => {
    const user = userEvent.setup();
    const { db, session, preferences, unlock, lock } = await app();
    await unlock();
    const field = screen.getByLabelText('Website that quick exit opens');
    await user.clear(field);
    await user.type(field, MINE);
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    await screen.findByText(`Quick exit now opens ${MINE}.`);
    expect(localStorage.getItem('daybook.quickExitUrl')).toBe(MINE);
    expect(await savedInVault(db, () => session.dataKey())).toMatchObject({ kind: 'found', values: { quickExitUrl: MINE } });

    await lock();
    // Someone holding the locked device, with DevTools.
    localStorage.setItem('daybook.quickExitUrl', THEIRS);
    expect(preferences.quickExitUrl()).toBe(THEIRS);

    await unlock();
    expect(localStorage.getItem('daybook.quickExitUrl')).toBe(MINE);
    expect(preferences.quickExitUrl()).toBe(MINE);
    const notice = screen.getByRole('complementary', { name: 'About your safety settings' });
    expect(notice.textContent).toContain(
      'The Quick exit address on this device was different from the one saved in your diary. It has been set back to the address saved in your diary:',
    );
    expect(notice.textContent).toContain(MINE);
    expect(notice.textContent).toContain('Someone with access to this device may have changed this.');
    expect(notice.textContent).not.toContain(THEIRS);

    await user.click(screen.getByRole('button', { name: 'Close this message' }));
    expect(screen.queryByRole('complementary', { name: 'About your safety settings' })).toBeNull();
    await lock();
    await unlock();
    expect(screen.queryByRole('complementary', { name: 'About your safety settings' })).toBeNull();
  });

  it('lock times changed while locked are set back too, with their own sentence', async () => {
    const { preferences, unlock, lock } = await app();
    await unlock();
    expect(await preferences.saveAutoLockSettings({ inactivityMinutes: 1, hiddenMinutes: 0 })).toBe('saved');
    await lock();
    localStorage.setItem('daybook.autoLockMinutes', '30');
    await unlock();
    expect(preferences.autoLockSettings()).toEqual({ inactivityMinutes: 1, hiddenMinutes: 0 });
    const notice = screen.getByRole('complementary', { name: 'About your safety settings' });
    expect(notice.textContent).toContain(
      'The times after which your diary locks itself on this device were different from the ones saved in your diary.',
    );
    expect(notice.textContent).not.toContain('Quick exit address');
  });

  it('nothing changed: no notice', async () => {
    const user = userEvent.setup();
    const { unlock, lock } = await app();
    await unlock();
    const field = screen.getByLabelText('Website that quick exit opens');
    await user.clear(field);
    await user.type(field, MINE);
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    await screen.findByText(`Quick exit now opens ${MINE}.`);
    await lock();
    await unlock();
    expect(screen.queryByRole('complementary')).toBeNull();
    expect(localStorage.getItem('daybook.quickExitUrl')).toBe(MINE);
  });

  it('no row yet (an address planted before the diary was set up, or a vault from before): adopted at the first unlock, with a notice to check it', async () => {
    const { db, session, unlock, lock } = await app();
    // The row appears at the first unlock; a vault from before (or a new one) has none.
    expect(await db.settings.get(PROTECTED_SETTINGS_ROW_ID)).toBeUndefined();
    localStorage.setItem('daybook.quickExitUrl', THEIRS);
    await unlock();
    const notice = screen.getByRole('complementary', { name: 'About your safety settings' });
    expect(notice.textContent).toContain('Your Quick exit address was not yet kept in your diary');
    expect(notice.textContent).toContain(THEIRS);
    expect(notice.textContent).toContain('If you did not choose it, change it in Settings.');
    expect(await savedInVault(db, () => session.dataKey())).toMatchObject({ kind: 'found', values: { quickExitUrl: THEIRS } });
    // From then on it is checked.
    await userEvent.setup().click(screen.getByRole('button', { name: 'Close this message' }));
    await lock();
    localStorage.setItem('daybook.quickExitUrl', MINE);
    await unlock();
    expect(localStorage.getItem('daybook.quickExitUrl')).toBe(THEIRS);
    expect(screen.getByRole('complementary', { name: 'About your safety settings' }).textContent).toContain('was different from');
  });

  it('a new diary on a device with nothing changed: no notice', async () => {
    const { unlock } = await app();
    await unlock();
    expect(screen.queryByRole('complementary')).toBeNull();
  });

  it('storage full: the notice says the address could not be set back, with the saved one from the diary; freed, the next unlock sets it back', async () => {
    const { preferences, unlock, lock } = await app();
    await unlock();
    expect(await preferences.saveQuickExitUrl(MINE)).toBe('saved');
    await lock();
    localStorage.setItem('daybook.quickExitUrl', THEIRS);
    const setItem = Storage.prototype.setItem;
    // Chromium's full localStorage: every write refused, whatever is removed.
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      await unlock();
    } finally {
      Storage.prototype.setItem = setItem;
    }
    const notice = screen.getByRole('complementary', { name: 'About your safety settings' });
    expect(notice.textContent).toContain('it could not be set back, because this browser would not store the change');
    expect(notice.textContent).not.toContain('It has been set back');
    const addresses = [...notice.querySelectorAll('.settings-check-address')].map((line) => line.textContent);
    // The saved one is the diary's; quick exit falls back to the default rather than their address.
    expect(addresses).toEqual([MINE, 'https://www.bbc.co.uk/weather']);
    expect(notice.textContent).not.toContain(THEIRS);

    await lock();
    await unlock();
    expect(localStorage.getItem('daybook.quickExitUrl')).toBe(MINE);
    const after = screen.getByRole('complementary', { name: 'About your safety settings' });
    expect(after.textContent).toContain('It has been set back to the address saved in your diary:');
    expect(after.textContent).not.toContain('could not be set back');
  });

  it('a vault row that does not decrypt: nothing is set back, and the notice says the address could not be checked', async () => {
    const { db, unlock, lock } = await app();
    localStorage.setItem('daybook.quickExitUrl', MINE);
    await unlock();
    await lock();
    const row = await db.settings.get(PROTECTED_SETTINGS_ROW_ID);
    if (!row) throw new Error('no row');
    const flipped = new Uint8Array(row.data);
    flipped[5] = (flipped[5] ?? 0) ^ 1;
    await db.settings.put({ ...row, data: flipped });
    await unlock();
    const notice = screen.getByRole('complementary', { name: 'About your safety settings' });
    expect(notice.textContent).toContain('The settings saved in your diary could not be read');
    expect(notice.textContent).toContain(MINE);
    expect(notice.textContent).not.toContain('was different from');
  });

  it('while locked the form saves nothing to either copy', async () => {
    const user = userEvent.setup();
    const { db, session, unlock, lock } = await app();
    await unlock();
    await lock();
    const field = screen.getByLabelText('Website that quick exit opens');
    await user.clear(field);
    await user.type(field, THEIRS);
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    expect(screen.getByRole('alert').textContent).toBe('Unlock your diary to change where quick exit goes.');
    expect(localStorage.getItem('daybook.quickExitUrl')).toBeNull();
    await unlock();
    expect(await savedInVault(db, () => session.dataKey())).toMatchObject({ kind: 'found', values: { quickExitUrl: null } });
  });

  it('Erase everything still clears the address from this device, and the database with it', async () => {
    const { vault, preferences, unlock, lock } = await app();
    await unlock();
    expect(await preferences.saveQuickExitUrl(MINE)).toBe('saved');
    // A notice not yet dismissed is about the diary being erased: it goes with it.
    await lock();
    localStorage.setItem('daybook.quickExitUrl', THEIRS);
    await unlock();
    expect(preferences.protectedSettingsNotice()).not.toBeNull();
    const report = await eraseDeviceState(browserTargets(preferences));
    expect(report.failed).toEqual([]);
    await act(() => vault.erase());
    expect(Object.keys(localStorage).filter((key) => key.startsWith('daybook.'))).toEqual([]);
    expect(preferences.quickExitUrl()).toBe('https://www.bbc.co.uk/weather');
    await waitFor(() => expect(vault.getState()).toBe('none'));
    await waitFor(() => expect(preferences.protectedSettingsNotice()).toBeNull());
  });
});
