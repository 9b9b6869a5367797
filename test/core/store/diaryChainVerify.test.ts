// DiaryChain.verify: the diary's records handed to the verify-chain task a slice at a time, as
// it asks, with the same verdict as checking the links and bodies in one piece.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentKey, verifyChain } from '../../../src/core/evidence';
import { VERIFY_SLICE } from '../../../src/core/evidence/verifyChainTask';
import { DiaryChain } from '../../../src/core/store/diary/chain';
import { DiaryRecords } from '../../../src/core/store/diary/queries';
import type { RevisionRecord } from '../../../src/core/store/diary/types';
import { TaskCancelledError } from '../../../src/core/workers/runTask';
import { aQuickIncident } from '../../support/incidentFactories';
import { VerifyChainWorkerStub } from '../evidence/verifyChainWorkerStub';

afterEach(() => {
  vi.unstubAllGlobals();
  VerifyChainWorkerStub.reset();
});

// One slice and part of another.
const SIZE = VERIFY_SLICE + Math.floor(VERIFY_SLICE / 2);
let built: RevisionRecord[];

/** A chain over `records` as the repository keeps one, its clock a minute a record. */
function chainOver(records: readonly RevisionRecord[]): { chain: DiaryChain; records: DiaryRecords } {
  const held = new DiaryRecords();
  held.replace([...records]);
  let clock = Date.parse('2026-11-22T10:00:00Z');
  return { chain: new DiaryChain(held, () => new Date((clock += 60_000))), records: held };
}

/** Verifying the links and the bodies in one piece, as the page did before slices. */
function inOnePiece(records: readonly RevisionRecord[]) {
  const contents = new Map<string, unknown>();
  for (const { link, content } of records) if (content) contents.set(contentKey(link.entryId, link.revision), content);
  return verifyChain(
    records.map((r) => r.link),
    contents,
  );
}

beforeAll(async () => {
  // Written as the diary writes: 200 entries, each saved until the chain is longer than a slice.
  const { chain, records } = chainOver([]);
  for (let i = 0; records.all().length < SIZE; i++) {
    const entryId = `entry-${i % 200}`;
    const revision = records.all().filter((r) => r.link.entryId === entryId).length + 1;
    records.apply(await chain.revision(entryId, revision, aQuickIncident({ whatHappened: `Note ${i}` })));
  }
  built = [...records.all()];
}, 60_000);

describe.each(['in-process', 'worker'] as const)('the diary’s chain check (%s)', (mode) => {
  const useWorkers = () => {
    if (mode === 'worker') vi.stubGlobal('Worker', VerifyChainWorkerStub);
  };

  it('verifies a diary longer than one slice, as checking it in one piece did', async () => {
    useWorkers();
    const { chain } = chainOver(built);
    const verdict = await chain.verify();
    expect(verdict).toEqual({ ok: true, length: SIZE, head: chain.head() });
    expect(verdict).toEqual(await inOnePiece(built));
    if (mode === 'worker') {
      expect(VerifyChainWorkerStub.spawned[0]?.answers().map((s) => s.records.length)).toEqual([VERIFY_SLICE, SIZE - VERIFY_SLICE]);
    }
  });

  it('finds a body changed in the second slice at its place, and an erased one is not held against it', async () => {
    useWorkers();
    const at = VERIFY_SLICE + 42;
    const changed = built.map((r, i): RevisionRecord => {
      if (i === at && r.content) return { ...r, content: { ...r.content, body: aQuickIncident({ whatHappened: 'Changed afterwards' }) } };
      // An erased body (a deleted entry’s earlier version) is checked by its link alone.
      if (i === 5) return { link: r.link, content: null };
      return r;
    });
    const verdict = await chainOver(changed).chain.verify();
    expect(verdict).toEqual({ ok: false, brokenAt: at, reason: 'content-mismatch', entryId: built[at]?.link.entryId });
    expect(verdict).toEqual(await inOnePiece(changed));
  });

  it('a lock in the middle of sending stops it, keeps no verdict, and the next check runs in full', async () => {
    useWorkers();
    const { chain, records } = chainOver(built);
    const controller = new AbortController();
    const held = records.all() as RevisionRecord[];
    const slice = held.slice.bind(held);
    let sliced = 0;
    const spy = vi.spyOn(held, 'slice').mockImplementation((start, end) => {
      sliced += 1;
      const out = slice(start, end);
      if (sliced === 1) queueMicrotask(() => controller.abort());
      return out;
    });
    await expect(chain.verify(controller.signal)).rejects.toBeInstanceOf(TaskCancelledError);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sliced).toBe(1);
    if (mode === 'worker') {
      const [worker] = VerifyChainWorkerStub.spawned;
      expect(worker?.terminated).toBe(true);
      expect(worker?.received.some((m) => m.type === 'done')).toBe(false);
    }
    spy.mockRestore();
    expect(await chain.verify()).toEqual({ ok: true, length: SIZE, head: chain.head() });
  });
});
