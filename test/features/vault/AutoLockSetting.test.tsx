// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { Preferences } from '../../../src/core/prefs/preferences';
import { AutoLockSetting } from '../../../src/features/vault/AutoLockSetting';
import { PreferencesContext } from '../../../src/shared/prefs/usePreferences';
import { testI18n } from '../../support/i18n';

describe('AutoLockSetting', () => {
  it('a choice that cannot be saved (the diary locked meanwhile) goes back, and it says so', async () => {
    const user = userEvent.setup();
    const preferences = new Preferences(() => localStorage);
    preferences.onlyWriteWhen(() => false);
    const before = preferences.autoLockSettings();
    render(
      <I18nextProvider i18n={await testI18n()}>
        <PreferencesContext.Provider value={preferences}>
          <AutoLockSetting />
        </PreferencesContext.Provider>
      </I18nextProvider>,
    );
    const radios = screen.getAllByRole('radio', { name: /minute/ }) as HTMLInputElement[];
    const other = radios.find((radio) => !radio.checked);
    if (!other) throw new Error('no other choice');
    await user.click(other);
    expect((await screen.findByRole('alert')).textContent).toBe('That choice could not be saved. Nothing has been changed. Try again.');
    expect(other.checked).toBe(false);
    expect(preferences.autoLockSettings()).toEqual(before);
  });
});
