// Hashes of a chain finish on the calling thread once hash-wasm has loaded (hash.ts), so a long
// run of them no longer gives the page a turn by itself: the loops over many yield on their own.

import { beforeAll, describe, expect, it, vi } from 'vitest';
import { newRevisionContent } from '../../../src/core/evidence';
import { verifyChain } from '../../../src/core/evidence/chain';
import { loadSyncSha256 } from '../../../src/core/crypto/syncSha256';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault, diaryOver } from '../../support/vault';
import { DiaryBuilder } from './diaryBuilder';
import type * as YieldToPage from '../../../src/core/workers/yieldToPage';

const turns = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/core/workers/yieldToPage', async (importOriginal) => {
  const real = await importOriginal<typeof YieldToPage>();
  return {
    yieldToPage: () => {
      turns.count += 1;
      return real.yieldToPage();
    },
  };
});
/** Resolves true if a task queued now ran before `work` settled. */
async function pageHadATurn(work: () => Promise<unknown>): Promise<boolean> {
  let ran = false;
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = () => {
    ran = true;
    port1.close();
  };
  port2.postMessage(null);
  await work();
  return ran;
}

beforeAll(async () => {
  expect(await loadSyncSha256()).not.toBeNull();
});

describe('long runs of hashes give the page its turns', () => {
  it('verifyChain: between batches of links, and not before the first', async () => {
    const small = new DiaryBuilder({ version: 2 });
    await small.save('only', { whatHappened: 'One entry' });
    turns.count = 0;
    expect(await pageHadATurn(() => verifyChain(small.links, small.contents))).toBe(false);
    expect(turns.count).toBe(0);

    const diary = new DiaryBuilder({ version: 2 });
    for (let i = 0; i < 600; i += 1) await diary.tick().save(`entry-${i % 50}`, { whatHappened: `Entry ${i}` });
    turns.count = 0;
    let result: Awaited<ReturnType<typeof verifyChain>> | undefined;
    expect(await pageHadATurn(async () => (result = await verifyChain(diary.links, diary.contents)))).toBe(true);
    expect(result).toMatchObject({ ok: true, length: 600 });
    expect(turns.count).toBe(2); // batches of 256: before the second and the third
  });

  it('an import of many revisions yields every 16 of them', async () => {
    const setup = await createdVault();
    const repo = diaryOver(setup);
    await repo.load();
    const items = Array.from({ length: 40 }, (_, i) => ({
      entryId: `imported-${i}`,
      content: newRevisionContent(aQuickIncident({ whatHappened: `Imported ${i}` })),
    }));
    turns.count = 0;
    await repo.appendImported(items);
    expect(turns.count).toBe(2); // before the 17th and the 33rd
    expect((await repo.verify()).ok).toBe(true);
  });
});
