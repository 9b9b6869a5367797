// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { VaultProvider } from '../../src/app/providers/VaultProvider';
import { Preferences } from '../../src/core/prefs/preferences';
import type { Vault } from '../../src/core/vault/vault';
import { PreferencesContext } from '../../src/shared/prefs/usePreferences';

/** Only what VaultProvider reads of a vault. */
function fakeVault() {
  const lock = vi.fn();
  const vault = {
    subscribe: () => () => undefined,
    getState: () => 'unlocked' as const,
    lock,
    session: { onLock: () => () => undefined },
  } as unknown as Vault;
  return { vault, lock };
}

function pagehide(persisted: boolean): Event {
  const event = new Event('pagehide');
  Object.defineProperty(event, 'persisted', { value: persisted });
  return event;
}

describe('leaving the app for another site', () => {
  it('locks when the page goes into the back/forward cache, so Back shows it locked', () => {
    const { vault, lock } = fakeVault();
    render(
      <PreferencesContext.Provider value={new Preferences(() => localStorage)}>
        <VaultProvider vault={vault}>{null}</VaultProvider>
      </PreferencesContext.Provider>,
    );
    window.dispatchEvent(pagehide(false));
    expect(lock).not.toHaveBeenCalled();
    window.dispatchEvent(pagehide(true));
    expect(lock).toHaveBeenCalledTimes(1);
  });
});
