// @vitest-environment jsdom
import Dexie from 'dexie';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ControlledKdfWorker } from '../../support/controlledKdfWorker';
import { renderLockScreen } from '../../support/lockScreen';

afterEach(() => {
  vi.unstubAllGlobals();
});

const lockScreen = renderLockScreen;

describe('Stop on the lock screen', () => {
  it('shows Stop and a moving bar while unlocking; Stop ends it, keeps the passphrase, focuses the field, and the screen works again', async () => {
    const user = userEvent.setup();
    const { vault, passphrase } = await lockScreen();
    // Argon2id in a worker that answers only when told: the unlock stays busy until then.
    vi.stubGlobal('Worker', ControlledKdfWorker);
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    const field = screen.getByLabelText('Passphrase');
    await user.type(field, passphrase);
    const running = ControlledKdfWorker.nextRun();
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    const worker = await running;

    expect((screen.getByRole('button', { name: 'Unlocking…' }) as HTMLButtonElement).disabled).toBe(true);
    // Indeterminate: no value, so no made-up percentage.
    expect(screen.getByRole('progressbar', { name: 'Unlocking…' }).hasAttribute('value')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Stop' }));

    expect(await screen.findByText('Stopped. The diary is still locked, and nothing was changed.')).toBeTruthy();
    expect(worker.terminated).toBe(true);
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByText(/did not unlock/)).toBeNull();
    expect(document.activeElement).toBe(field);
    expect((field as HTMLInputElement).value).toBe(passphrase);
    expect(await vault.unlockWait()).toBe(0);
    expect(await vault.status()).toBe('locked');

    // Usable again: Unlock with what is still in the field opens the diary.
    vi.unstubAllGlobals();
    const unlock = screen.getByRole('button', { name: 'Unlock' }) as HTMLButtonElement;
    expect(unlock.disabled).toBe(false);
    await user.click(unlock);
    await waitFor(async () => expect(await vault.status()).toBe('unlocked'));
  });

  it('a wrong passphrase stopped shows no error and counts nothing; typing again clears the notice', async () => {
    const user = userEvent.setup();
    const { vault } = await lockScreen();
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const field = screen.getByLabelText('Passphrase');
    await user.type(field, 'not the passphrase');
    const running = ControlledKdfWorker.nextRun();
    await user.keyboard('{Enter}');
    await running;
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(await screen.findByText(/^Stopped\./)).toBeTruthy();
    expect(screen.queryByText(/did not unlock/)).toBeNull();
    expect(await vault.unlockWait()).toBe(0);
    await user.type(field, 'x');
    expect(screen.queryByText(/^Stopped\./)).toBeNull();
  });

  it('recovery: Stop ends it, nothing is stored, what was typed stays, and the old passphrase still opens', async () => {
    const user = userEvent.setup();
    const { vault, db, passphrase, recoveryKey } = await lockScreen();
    const before = await db.meta.toArray();
    await user.click(screen.getByRole('button', { name: /Forgotten your passphrase/ }));
    const keyField = screen.getByLabelText('Recovery key');
    await user.type(keyField, recoveryKey);
    const next = 'violet tugboat quietly forgets nine lanterns';
    await user.type(screen.getByLabelText('New passphrase'), next);
    await user.type(screen.getByLabelText('Type the new passphrase again'), next);
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const running = ControlledKdfWorker.nextRun();
    await user.click(screen.getByRole('button', { name: 'Unlock and save the new passphrase' }));
    const worker = await running;
    expect(screen.getByRole('progressbar', { name: 'Unlocking…' }).hasAttribute('value')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Stop' }));

    expect(await screen.findByText('Stopped. Nothing was changed, and the diary is still locked.')).toBeTruthy();
    expect(worker.terminated).toBe(true);
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    expect(document.activeElement).toBe(keyField);
    expect((keyField as HTMLInputElement).value).toBe(recoveryKey);
    expect(await db.meta.toArray()).toEqual(before);
    expect(await vault.status()).toBe('locked');
    vi.unstubAllGlobals();
    await vault.unlock(passphrase);
    expect(await vault.status()).toBe('unlocked');
  });

  it('once the keys are open, Stop is gone (it would do nothing) and the screen says the diary is opening', async () => {
    const user = userEvent.setup();
    const { vault, db, passphrase } = await lockScreen();
    vi.stubGlobal('Worker', ControlledKdfWorker);
    await user.type(screen.getByLabelText('Passphrase'), passphrase);
    const running = ControlledKdfWorker.nextRun();
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    const worker = await running;
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
    // The first write after the keys open (clearing the failed attempts) waits for the test.
    const release = holdNext(db.meta, 'delete');
    await worker.answer();

    expect(await screen.findByRole('progressbar', { name: 'Opening your diary…' })).toBeTruthy();
    expect(screen.getByText('Opening your diary…', { selector: '[role="status"]' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    expect((screen.getByRole('button', { name: /Forgotten your passphrase/ }) as HTMLButtonElement).disabled).toBe(true);
    release();
    await waitFor(async () => expect(await vault.status()).toBe('unlocked'));
    expect(screen.queryByText(/^Stopped\./)).toBeNull();
  });

  it('recovery: once the new passphrase is being saved, Stop is gone and the screen says so', async () => {
    const user = userEvent.setup();
    const { vault, db, recoveryKey } = await lockScreen();
    await user.click(screen.getByRole('button', { name: /Forgotten your passphrase/ }));
    await user.type(screen.getByLabelText('Recovery key'), recoveryKey);
    const next = 'violet tugboat quietly forgets nine lanterns';
    await user.type(screen.getByLabelText('New passphrase'), next);
    await user.type(screen.getByLabelText('Type the new passphrase again'), next);
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const running = ControlledKdfWorker.nextRun();
    await user.click(screen.getByRole('button', { name: 'Unlock and save the new passphrase' }));
    const worker = await running;
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
    // Storing the new header waits for the test.
    const release = holdNext(db.meta, 'put');
    await worker.answer();

    const saying = 'Saving the new passphrase and opening your diary…';
    expect(await screen.findByRole('progressbar', { name: saying })).toBeTruthy();
    expect(screen.getByText(saying, { selector: '[role="status"]' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    release();
    await waitFor(async () => expect(await vault.status()).toBe('unlocked'));
  });
});

/**
 * Holds the next call of `table[method]` until the returned function is called, then lets it
 * run: the screen can be looked at while the vault waits on storage, with no timing involved
 * (inside a transaction too).
 */
function holdNext<T extends object, K extends keyof T & string>(table: T, method: K): () => void {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const original = (table[method] as (...args: unknown[]) => unknown).bind(table);
  const spy = vi.spyOn(table, method as never) as unknown as { mockImplementationOnce: (fn: (...args: unknown[]) => unknown) => void };
  spy.mockImplementationOnce(async (...args: unknown[]) => {
    // Header writes run inside a transaction (putHeader), which commits on its own once nothing
    // is asked of it: Dexie.waitFor keeps it open while the test looks at the screen.
    await Dexie.waitFor(gate);
    return original(...args);
  });
  return () => release();
}
