// @vitest-environment jsdom
// preloadUnlocked: on the lock screen's keystrokes, code is fetched and the verify-chain worker
// started, with nothing verified until the diary is unlocked and read.

import type { i18n as I18n } from 'i18next';
import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { preloadUnlocked } from '../../src/app/preloadUnlocked';
import { verifyChainInWorker } from '../../src/core/evidence/verifyChainInWorker';
import { VerifyChainWorkerStub } from '../core/evidence/verifyChainWorkerStub';

/** The stand-in workers started with this name (each task names its worker). */
const named = (name: string) => VerifyChainWorkerStub.spawned.filter((worker) => worker.name === name);

afterEach(() => {
  vi.unstubAllGlobals();
  VerifyChainWorkerStub.reset();
});

describe('preloading while the passphrase is typed', () => {
  it('starts the verify-chain worker once, verifies nothing, and warms another for the next unlock once it is used', async () => {
    vi.stubGlobal('Worker', VerifyChainWorkerStub);
    const loadNamespaces = vi.fn(() => Promise.resolve());
    const i18n = { loadNamespaces } as unknown as I18n;
    for (let key = 0; key < 5; key++) preloadUnlocked(i18n);
    await waitFor(() => expect(named('verify-chain')).toHaveLength(1));
    const [warm] = named('verify-chain');
    await waitFor(() => expect(warm?.received).toEqual([{ type: 'ready' }]));
    expect(warm?.posted).toEqual([]);
    // The worker that opens the diary's rows is warmed too, and given nothing (no key).
    await waitFor(() => expect(named('open-rows')).toHaveLength(1));
    expect(named('open-rows')[0]?.posted).toEqual([]);
    await waitFor(() => expect(loadNamespaces).toHaveBeenCalledTimes(1));
    // More keystrokes keep the one warm worker.
    preloadUnlocked(i18n);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(named('verify-chain')).toHaveLength(1);
    expect(named('open-rows')).toHaveLength(1);

    // The check after unlock takes it...
    expect(await verifyChainInWorker([])).toEqual({ ok: true, length: 0, head: '0'.repeat(64) });
    expect(named('verify-chain')).toHaveLength(1);
    expect(warm?.terminated).toBe(true);
    // ...and the lock screen after a lock warms another.
    preloadUnlocked(i18n);
    await waitFor(() => expect(named('verify-chain')).toHaveLength(2));
    expect(named('verify-chain')[1]?.posted).toEqual([]);
  }, 60_000);
});
