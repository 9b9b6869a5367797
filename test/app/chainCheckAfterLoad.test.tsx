// @vitest-environment jsdom
// The chain check after the diary loads (useDiaryValue): handed to the verify-chain worker a slice
// at a time, as it asks, and stopped (the worker terminated) when the diary goes away.

import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useDiaryValue, type OpenedDiary } from '../../src/app/providers/useDiaryValue';
import { aQuickIncidentOn } from '../support/incidentFactories';
import { openedTestDiary } from '../support/diaryContext';
import { createdVault } from '../support/vault';
import { VerifyChainWorkerStub } from '../core/evidence/verifyChainWorkerStub';

afterEach(() => {
  vi.unstubAllGlobals();
  VerifyChainWorkerStub.reset();
});

async function openedWith(texts: readonly string[]): Promise<OpenedDiary> {
  const { vault } = await createdVault();
  let clock = Date.parse('2026-03-10T12:00:00Z');
  const { repository, stores } = await openedTestDiary(vault, () => new Date((clock += 60_000)));
  for (const text of texts) await repository.add(aQuickIncidentOn('2026-03-01', { whatHappened: text }));
  return { repository, stores, failed: false, confirmPassphrase: () => Promise.resolve() };
}

describe('the chain check after the diary loads', () => {
  it('is answered in slices the worker asks for, and its verdict shown', async () => {
    const opened = await openedWith(['One', 'Two', 'Three']);
    vi.stubGlobal('Worker', VerifyChainWorkerStub);
    const { result } = renderHook(() => useDiaryValue(opened));
    expect(result.current?.integrity).toBeNull();
    await waitFor(() => expect(result.current?.integrity).toEqual({ ok: true, length: 3, head: opened.repository.head() }));
    const [worker] = VerifyChainWorkerStub.spawned;
    expect(worker?.posted[0]).toEqual({ type: 'run', input: { total: 3 } });
    const slices = worker?.answers() ?? [];
    expect(slices.map((s) => s.records.map((r) => r.link.seq))).toEqual([[0, 1, 2]]);
    expect(worker?.terminated).toBe(true);
  });

  it('stops when the diary goes away (a lock) while the worker waits for the chain: terminated, nothing sent', async () => {
    const opened = await openedWith(['One', 'Two']);
    vi.stubGlobal('Worker', VerifyChainWorkerStub);
    const hook = renderHook(() => useDiaryValue(opened));
    // The diary is locked just as the check starts: before the worker has asked for a record.
    VerifyChainWorkerStub.onPost = (_, message) => {
      if (message.type === 'run') hook.unmount();
    };
    await waitFor(() => expect(VerifyChainWorkerStub.spawned[0]?.terminated).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [worker] = VerifyChainWorkerStub.spawned;
    expect(VerifyChainWorkerStub.spawned).toHaveLength(1);
    expect(worker?.answers()).toEqual([]);
    expect(worker?.received.some((m) => m.type === 'done')).toBe(false);
  });

  it('a save while a check runs stops that check (its worker ended) and shows the newer check of the longer chain', async () => {
    const opened = await openedWith(['One', 'Two']);
    vi.stubGlobal('Worker', VerifyChainWorkerStub);
    let saved = false;
    VerifyChainWorkerStub.onPost = (_, message) => {
      if (message.type === 'run' && !saved) {
        saved = true;
        // A key just pressed holds the check's first copy back (whenQuiet) while the save lands.
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
        void opened.repository.add(aQuickIncidentOn('2026-03-02', { whatHappened: 'Three' }));
      }
    };
    const { result } = renderHook(() => useDiaryValue(opened));
    await waitFor(() => expect(result.current?.integrity).toEqual({ ok: true, length: 3, head: opened.repository.head() }));
    const [older, newer] = VerifyChainWorkerStub.spawned;
    expect(older?.terminated).toBe(true);
    expect(older?.received.some((m) => m.type === 'done')).toBe(false);
    expect(newer?.posted[0]).toEqual({ type: 'run', input: { total: 3 } });
    expect(VerifyChainWorkerStub.spawned).toHaveLength(2);
  });
});
