// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderLockScreen } from '../../support/lockScreen';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('unlock in a browser that cannot run Argon2id', () => {
  it('says what to do instead of blaming the passphrase, and counts no failed attempt', async () => {
    const user = userEvent.setup();
    const { vault, passphrase } = await renderLockScreen();
    vi.stubGlobal('WebAssembly', undefined);
    await user.type(screen.getByLabelText('Passphrase'), passphrase);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByText(/^This browser cannot run the protection Daybook uses for your passphrase/)).toBeTruthy();
    expect(screen.queryByText(/did not unlock the diary/)).toBeNull();
    expect(await vault.unlockWait()).toBe(0);
    expect(await vault.status()).toBe('locked');
  });
});
