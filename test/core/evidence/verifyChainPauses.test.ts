// @vitest-environment jsdom
// The verify-chain worker's questions whether to go on (between batches of links) are answered
// only once the page has been quiet since the last tap or key, as its copies of records are.

import { afterEach, expect, it, vi } from 'vitest';
import { GENESIS_HASH } from '../../../src/core/evidence/chainLink';
import { verifyChainInWorker } from '../../../src/core/evidence/verifyChainInWorker';
import { QUIET_AFTER_INPUT_MS } from '../../../src/core/workers/whenIdle';
import { VerifyChainWorkerStub as ChannelWorker } from './verifyChainWorkerStub';

afterEach(() => {
  vi.unstubAllGlobals();
  ChannelWorker.reset();
});

it('answers whether to go on only once the page has been quiet since a tap', async () => {
  vi.stubGlobal('requestIdleCallback', undefined);
  let quietAnswer: unknown = 'none';
  let waited = -1;
  ChannelWorker.task = async (_input, context) => {
    // The first question starts the page listening for taps; the tap comes after its answer.
    await context.ask({ quiet: true });
    window.dispatchEvent(new Event('pointerdown'));
    const tappedAt = performance.now();
    quietAnswer = await context.ask({ quiet: true });
    waited = performance.now() - tappedAt;
    return { ok: true, length: 0, head: GENESIS_HASH };
  };
  vi.stubGlobal('Worker', ChannelWorker);
  expect(await verifyChainInWorker([])).toMatchObject({ ok: true, length: 0 });
  expect(quietAnswer).toBeNull();
  // Timers may fire a little early; well past what answering at once would take.
  expect(waited).toBeGreaterThanOrEqual(QUIET_AFTER_INPUT_MS - 20);
});

it('stops at a lock while a question whether to go on waits: the worker is ended and the check rejects', async () => {
  vi.stubGlobal('requestIdleCallback', undefined);
  const controller = new AbortController();
  ChannelWorker.task = async (_input, context) => {
    await context.ask({ quiet: true });
    window.dispatchEvent(new Event('pointerdown'));
    // Locked while the page waits for quiet before answering.
    setTimeout(() => controller.abort(), 20);
    await context.ask({ quiet: true });
    return { ok: true, length: 0, head: GENESIS_HASH };
  };
  vi.stubGlobal('Worker', ChannelWorker);
  await expect(verifyChainInWorker([], { signal: controller.signal })).rejects.toMatchObject({ name: 'TaskCancelledError' });
  expect(ChannelWorker.spawned[0]?.terminated).toBe(true);
});
