// @vitest-environment jsdom
// The lock screen warms Argon2id's worker at an idle moment after a key, not in the key's handler,
// and not once Unlock has been pressed (a form filled and sent at once): the unlock has its own
// worker by then, and a second would only sit idle beside it.

import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderLockScreen } from '../../support/lockScreen';
import type * as Crypto from '../../../src/core/crypto';

const warmUps = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/core/crypto', async (importOriginal) => ({
  ...(await importOriginal<typeof Crypto>()),
  preloadKdf: () => {
    warmUps.count++;
  },
}));

afterEach(() => {
  vi.unstubAllGlobals();
  warmUps.count = 0;
});

/** Idle callbacks, run by the test. */
function manualIdle() {
  const pending: (() => void)[] = [];
  vi.stubGlobal('requestIdleCallback', (run: () => void) => pending.push(run));
  return async function runAll() {
    await act(async () => {
      while (pending.length > 0) {
        pending.shift()?.();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    });
  };
}

describe('warming Argon2id on the lock screen', () => {
  it('warms at an idle moment after a key, and not when Unlock came first', async () => {
    const runIdle = manualIdle();
    await renderLockScreen();
    const field = screen.getByLabelText('Passphrase');

    // A key: nothing in its handler, the warm-up at the next idle moment.
    fireEvent.change(field, { target: { value: 'w' } });
    expect(warmUps.count).toBe(0);
    await runIdle();
    expect(warmUps.count).toBe(1);

    // A key and Unlock at once: the warm-up asked for by the key is skipped.
    fireEvent.change(field, { target: { value: 'wrong passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await runIdle();
    expect(warmUps.count).toBe(1);

    // After the failed attempt, typing again warms again (that attempt used its worker).
    expect(await screen.findByText(/did not unlock the diary/)).toBeTruthy();
    fireEvent.change(field, { target: { value: 'wrong passphrase again' } });
    await runIdle();
    expect(warmUps.count).toBe(2);
  }, 60_000);
});
