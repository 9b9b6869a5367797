// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { Preferences } from '../../src/core/prefs/preferences';
import { QuickExitSetting } from '../../src/features/settings/QuickExitSetting';
import { PreferencesContext } from '../../src/shared/prefs/usePreferences';
import { VisitLanguageSwitch } from '../../src/app/VisitLanguageSwitch';
import { testI18n } from '../support/i18n';

beforeEach(() => localStorage.clear());

describe('settings change only while the diary is unlocked', () => {
  it('the quick-exit form saves nothing once the diary has locked, and says why', async () => {
    const user = userEvent.setup();
    const preferences = new Preferences(() => localStorage);
    let unlocked = true;
    preferences.onlyWriteWhen(() => unlocked);
    render(
      <I18nextProvider i18n={await testI18n()}>
        <PreferencesContext.Provider value={preferences}>
          <QuickExitSetting />
        </PreferencesContext.Provider>
      </I18nextProvider>,
    );
    const field = screen.getByLabelText('Website that quick exit opens');
    await user.clear(field);
    await user.type(field, 'https://example.org/');
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    expect(localStorage.getItem('daybook.quickExitUrl')).toBe('https://example.org/');

    unlocked = false;
    await user.clear(field);
    await user.type(field, 'https://attacker.example/');
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    expect(screen.getByRole('alert').textContent).toBe('Unlock your diary to change where quick exit goes.');
    await user.click(screen.getByRole('button', { name: 'Use BBC Weather' }));
    expect(localStorage.getItem('daybook.quickExitUrl')).toBe('https://example.org/');
    expect(preferences.quickExitUrl()).toBe('https://example.org/');
  });

  it('on the set-up and lock screens a language is for this visit only: nothing is stored', async () => {
    const user = userEvent.setup();
    const i18n = await testI18n();
    render(
      <I18nextProvider i18n={i18n}>
        <VisitLanguageSwitch />
      </I18nextProvider>,
    );
    expect(screen.queryByRole('button', { name: 'English' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Cymraeg' }));
    await waitFor(() => expect(i18n.language).toBe('cy'));
    expect((await screen.findByRole('status')).textContent).toMatch(/^Ar gyfer yr ymweliad hwn yn unig\./);
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('lang')).toBe('en-GB');
    expect(localStorage.length).toBe(0);
  });
});
