import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyChain, type ChainVerification } from '../../../src/core/evidence/chain';
import { contentKey, type ChainLink } from '../../../src/core/evidence/chainLink';
import { prewarmVerifyChain, verifyChainInWorker } from '../../../src/core/evidence/verifyChainInWorker';
import { VERIFY_SLICE, verifyChainTask, type RecordToVerify, type VerifyChainAsk } from '../../../src/core/evidence/verifyChainTask';
import { TaskCancelledError } from '../../../src/core/workers/runTask';
import { PackedSalts } from '../../../src/core/evidence/packedSalts';
import { SharedValues } from '../../../src/core/store/diary/sharedValues';
import type { RevisionRecord } from '../../../src/core/store/diary/types';
import { DiaryBuilder, sampleDiary, tampered } from './diaryBuilder';
import { VerifyChainWorkerStub as ChannelWorker } from './verifyChainWorkerStub';

afterEach(() => {
  vi.unstubAllGlobals();
  ChannelWorker.reset();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

/** The page's records for a built chain: each link with its body where it still exists. */
function recordsOf(links: readonly ChainLink[], contents: ReadonlyMap<string, unknown>): RecordToVerify[] {
  return links.map((link) => ({ link, content: contents.get(contentKey(link.entryId, link.revision)) ?? null }));
}

/** What verifying on the page, as before slices, said of the same records. */
function verdictOnPage(records: readonly RecordToVerify[]): Promise<ChainVerification> {
  const contents = new Map<string, unknown>();
  for (const { link, content } of records) if (content) contents.set(contentKey(link.entryId, link.revision), content);
  return verifyChain(
    records.map((r) => r.link),
    contents,
  );
}

/** A record whose body was changed after it was hashed. */
function withAlteredBody(records: readonly RecordToVerify[], at: number): RecordToVerify[] {
  return records.map((record, i) =>
    i === at ? { ...record, content: { ...(record.content as object), body: { whatHappened: 'changed afterwards' } } } : record,
  );
}

const LONG = VERIFY_SLICE + 500;
let long: RecordToVerify[];

beforeAll(async () => {
  // Longer than one slice: 300 entries, each saved five times, one of them deleted on the way.
  const diary = new DiaryBuilder({ version: 2 });
  for (let i = 0; diary.links.length < LONG; i++) {
    const entry = `entry-${i % 300}`;
    if (diary.links.length === VERIFY_SLICE + 100 && !diary.isDeleted('entry-7')) await diary.tick().remove('entry-7');
    else if (!diary.isDeleted(entry)) await diary.tick().save(entry, { whatHappened: `Note ${i}` });
  }
  long = recordsOf(diary.links, diary.contents);
}, 60_000);

describe.each(['in-process', 'worker'] as const)('verifyChainInWorker (%s)', (mode) => {
  const useWorkers = () => {
    if (mode === 'worker') vi.stubGlobal('Worker', ChannelWorker);
  };

  it('checks a loaded diary’s records, salts packed in memory, as the ones they were read from', async () => {
    useWorkers();
    // As a load leaves them: parsed from storage, salts packed (core/store/diary/sharedValues.ts).
    const loaded = JSON.parse(JSON.stringify(long)) as RevisionRecord[];
    new SharedValues().share(loaded);
    expect(loaded.filter((r) => r.content?.v === 2 && r.content.salts instanceof PackedSalts).length).toBeGreaterThan(VERIFY_SLICE);
    const verdict = await verifyChainInWorker(loaded);
    expect(verdict.ok).toBe(true);
    expect(verdict).toEqual(await verdictOnPage(long));
  });

  it('says what verifying on the page said, for a sound chain and for each kind of break, in slices of any size', async () => {
    useWorkers();
    const sample = await sampleDiary(2);
    const sound = recordsOf(sample.links, sample.contents);
    const cases: RecordToVerify[][] = [
      sound,
      [],
      withAlteredBody(sound, 3),
      sound.map((r, i) => (i === 4 ? { ...r, link: tampered(r.link, { recordedAt: '2025-03-01T09:00:00.000Z' }) } : r)),
      sound.filter((_, i) => i !== 2),
      [...sound.slice(0, 5), sound[6] as RecordToVerify, sound[5] as RecordToVerify],
    ];
    for (const records of cases) {
      const expected = await verdictOnPage(records);
      for (const slice of [1, 2, 3, 7, 1_000]) expect(await verifyChainInWorker(records, { slice })).toEqual(expected);
    }
    expect(await verifyChainInWorker(sound)).toMatchObject({ ok: true, length: 7 });
    expect(await verifyChainInWorker(withAlteredBody(sound, 3), { slice: 2 })).toEqual({
      ok: false,
      brokenAt: 3,
      reason: 'content-mismatch',
      entryId: 'entry-c',
    });
    // The head it must end at still counts.
    expect(await verifyChainInWorker(sound, { slice: 3, options: { expectedHead: sound[5]?.link.hash ?? '' } })).toEqual({
      ok: false,
      brokenAt: 7,
      reason: 'head-mismatch',
    });
  });

  it('a chain longer than one slice: verified whole, and a break in the second slice found at its place', async () => {
    useWorkers();
    const sound = await verifyChainInWorker(long);
    expect(sound).toEqual({ ok: true, length: LONG, head: long.at(-1)?.link.hash });
    expect(sound).toEqual(await verdictOnPage(long));

    const at = VERIFY_SLICE + 234;
    const body = withAlteredBody(long, at);
    const brokenBody = await verifyChainInWorker(body);
    expect(brokenBody).toEqual({ ok: false, brokenAt: at, reason: 'content-mismatch', entryId: long[at]?.link.entryId });
    expect(brokenBody).toEqual(await verdictOnPage(body));

    // A link changed at each side of the boundary between the slices.
    for (const place of [VERIFY_SLICE - 1, VERIFY_SLICE]) {
      const records = long.map((r, i) => (i === place ? { ...r, link: tampered(r.link, { contentHash: '0'.repeat(64) }) } : r));
      const verdict = await verifyChainInWorker(records);
      expect(verdict).toMatchObject({ ok: false, brokenAt: place, reason: 'hash-mismatch' });
      expect(verdict).toEqual(await verdictOnPage(records));
    }

    // A link taken out of the second slice.
    const removed = long.filter((_, i) => i !== at);
    expect(await verifyChainInWorker(removed)).toEqual(await verdictOnPage(removed));
    expect(await verifyChainInWorker(removed)).toMatchObject({ ok: false, brokenAt: at, reason: 'sequence' });
  });

  it('stops when locked in the middle of sending: no further slice is made or sent', async () => {
    useWorkers();
    const controller = new AbortController();
    const records = long.slice();
    let sliced = 0;
    const slice = records.slice.bind(records);
    // The page's records are sliced once per question: the lock comes once the first is answered.
    vi.spyOn(records, 'slice').mockImplementation((start, end) => {
      sliced += 1;
      const out = slice(start, end);
      if (sliced === 1) queueMicrotask(() => controller.abort());
      return out;
    });
    await expect(verifyChainInWorker(records, { signal: controller.signal, slice: 100 })).rejects.toBeInstanceOf(TaskCancelledError);
    await settle();
    expect(sliced).toBe(1);
    if (mode === 'worker') {
      const [worker] = ChannelWorker.spawned;
      expect(ChannelWorker.spawned).toHaveLength(1);
      expect(worker?.terminated).toBe(true);
      expect(worker?.answers().length).toBeLessThanOrEqual(1);
      expect(worker?.received.some((m) => m.type === 'done')).toBe(false);
    }
  });

  it('refuses at once when the diary is already locked, and slices nothing', async () => {
    useWorkers();
    const records = long.slice();
    const sliced = vi.spyOn(records, 'slice');
    await expect(verifyChainInWorker(records, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(TaskCancelledError);
    await settle();
    expect(sliced).not.toHaveBeenCalled();
    expect(ChannelWorker.spawned).toHaveLength(0);
  });
});

describe('a worker that misbehaves is not believed', () => {
  const hostile = (task: NonNullable<typeof ChannelWorker.task>) => {
    ChannelWorker.task = task;
    vi.stubGlobal('Worker', ChannelWorker);
  };
  const GOOD_HEAD = () => long.at(-1)?.link.hash ?? '';
  const askAll = async (ask: (q: { from: number; count: number }) => Promise<unknown>, total: number) => {
    for (let from = 0; from < total; from += VERIFY_SLICE) await ask({ from, count: Math.min(VERIFY_SLICE, total - from) });
  };

  it.each([
    ['a slice out of order', { from: VERIFY_SLICE, count: 10 }],
    ['a negative start', { from: -10, count: 10 }],
    ['more than a slice', { from: 0, count: VERIFY_SLICE + 1 }],
    ['no records', { from: 0, count: 0 }],
    ['a count that is not a number', { from: 0, count: Number.NaN }],
    ['whether to go on, said otherwise', { quiet: 'yes' }],
    ['whether to go on, with records too', { quiet: true, from: 0, count: VERIFY_SLICE + 1 }],
  ])('asking for %s: the page answers nothing and the check fails', async (_what, question) => {
    let answered: unknown = 'nothing';
    hostile(async (_input, context) => {
      // What a hostile worker sends is not typed: cast, as the message itself would be.
      answered = await context.ask(question as unknown as VerifyChainAsk).catch(() => 'refused');
      throw new Error('the page refused');
    });
    await expect(verifyChainInWorker(long)).rejects.toThrow();
    expect(answered).toBe('refused');
  });

  it('asking whether to go on is answered with nothing, before the records, between them and after the last', async () => {
    const answers: unknown[] = [];
    hostile(async (input, context) => {
      answers.push(await context.ask({ quiet: true }));
      await askAll(async (q) => {
        const slice = await context.ask(q);
        answers.push(await context.ask({ quiet: true }));
        return slice;
      }, input.total);
      answers.push(await context.ask({ quiet: true }));
      return { ok: true, length: input.total, head: GOOD_HEAD() };
    });
    expect(await verifyChainInWorker(long)).toMatchObject({ ok: true, length: LONG });
    expect(answers).toEqual(Array.from({ length: Math.ceil(LONG / VERIFY_SLICE) + 2 }, () => null));
  });

  it('past the end: refused', async () => {
    hostile(async (input, context) => {
      await askAll(context.ask, input.total - 1);
      await context.ask({ from: input.total - 1, count: 2 });
      return { ok: true, length: input.total, head: GOOD_HEAD() };
    });
    await expect(verifyChainInWorker(long)).rejects.toThrow(/out of order/);
  });

  it('"verified" without having asked for every record: not believed', async () => {
    hostile(async (input) => ({ ok: true, length: input.total, head: GOOD_HEAD() }));
    await expect(verifyChainInWorker(long)).rejects.toThrow(/another chain/);
  });

  it('"verified" for another head or length: not believed', async () => {
    hostile(async (input, context) => {
      await askAll(context.ask, input.total);
      return { ok: true, length: input.total, head: 'f'.repeat(64) };
    });
    await expect(verifyChainInWorker(long)).rejects.toThrow(/another chain/);
    ChannelWorker.reset();
    hostile(async (input, context) => {
      await askAll(context.ask, input.total);
      return { ok: true, length: input.total - 1, head: GOOD_HEAD() };
    });
    await expect(verifyChainInWorker(long)).rejects.toThrow(/another chain/);
  });

  it('a break past the end: not believed', async () => {
    hostile(async (input) => ({ ok: false, brokenAt: input.total + 1, reason: 'sequence' }));
    await expect(verifyChainInWorker(long)).rejects.toThrow(/another chain/);
  });
});

describe('the verify-chain worker', () => {
  it('is sent the chain a slice at a time, as it asks: never more than one slice in a message, only links and bodies', async () => {
    vi.stubGlobal('Worker', ChannelWorker);
    const withOrigin = long.map((r) => ({ ...r, origin: { kind: 'imported', from: 'elsewhere' } }));
    expect(await verifyChainInWorker(withOrigin)).toMatchObject({ ok: true, length: LONG });
    const [worker] = ChannelWorker.spawned;
    expect(worker?.name).toBe('verify-chain');
    expect(worker?.url).toMatch(/verifyChain\.worker\.ts$/);
    const run = worker?.posted[0];
    // The run message carries a count, not the chain.
    expect(run).toEqual({ type: 'run', input: { total: LONG } });
    const slices = worker?.answers() ?? [];
    const sizes = Array.from({ length: Math.ceil(LONG / VERIFY_SLICE) }, (_, i) => Math.min(VERIFY_SLICE, LONG - i * VERIFY_SLICE));
    expect(slices.map((s) => s.records.length)).toEqual(sizes);
    expect(slices.flatMap((s) => s.records.map((r) => r.link.seq))).toEqual(long.map((r) => r.link.seq));
    expect(Object.keys(slices[0]?.records[0] ?? {}).sort()).toEqual(['content', 'link']);
    // Each question came after the answer before it: one slice waits at a time. Then, while it
    // verifies, only whether to go on (answered with nothing), never records again.
    const asks = (worker?.received ?? []).flatMap((m) => (m.type === 'ask' ? [m.question] : []));
    const recordAsks = sizes.map((count, i) => ({ from: i * VERIFY_SLICE, count }));
    expect(asks.slice(0, recordAsks.length)).toEqual(recordAsks);
    expect(asks.slice(recordAsks.length).every((q) => JSON.stringify(q) === '{"quiet":true}')).toBe(true);
    expect(
      worker
        ?.allAnswers()
        .slice(recordAsks.length)
        .every((a) => a === null),
    ).toBe(true);
    expect(worker?.terminated).toBe(true);
  });

  it('asks whether to go on between batches of links once it has worked a while, and goes on only when answered', async () => {
    const records = long.slice(0, 300);
    // Each reading of the clock 20 ms on: every batch after the first has worked long enough.
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 20));
    let release: (() => void) | undefined;
    const quietAsks: number[] = [];
    const run = verifyChainTask(
      { total: records.length },
      {
        signal: new AbortController().signal,
        progress: () => undefined,
        ask: async (question) => {
          if ('quiet' in question) {
            quietAsks.push(clock);
            // The first is held until the test lets it go: the check must wait for it.
            if (quietAsks.length === 1) await new Promise<void>((resolve) => (release = resolve));
            return null;
          }
          return { records: records.slice(question.from, question.from + question.count) };
        },
      },
    );
    let settled = false;
    void run.then(() => (settled = true));
    await vi.waitFor(() => expect(release).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release?.();
    const verdict = await run;
    const contents = new Map(
      records.flatMap((r) => (r.content ? [[contentKey(r.link.entryId, r.link.revision), r.content] as const] : [])),
    );
    expect(verdict).toEqual(
      await verifyChain(
        records.map((r) => r.link),
        contents,
      ),
    );
    // 300 links in batches of 64: a question before each of the four batches after the first.
    expect(quietAsks).toHaveLength(4);
  });

  it('gives the same verdict in batches of any size as in its own batches, for a sound chain and a break in any batch', async () => {
    const links = long.map((r) => r.link);
    const contents = new Map(long.flatMap((r) => (r.content ? [[contentKey(r.link.entryId, r.link.revision), r.content] as const] : [])));
    const chains = [
      links,
      ...[0, 63, 64, 255, 256, 257, LONG - 1].map((at) =>
        links.map((l, i) => (i === at ? tampered(l, { contentHash: '0'.repeat(64) }) : l)),
      ),
    ];
    for (const chain of chains) {
      const expected = await verifyChain(chain, contents);
      for (const batch of [1, 7, 64, 255, 256, 257, 10_000]) {
        expect(await verifyChain(chain, contents, {}, { pause: () => Promise.resolve(), batch })).toEqual(expected);
      }
    }
    await expect(verifyChain(links, contents, {}, { pause: () => Promise.resolve(), batch: 0 })).rejects.toBeInstanceOf(RangeError);
  });

  it('asks nothing between batches when each took less than the time it works between questions', async () => {
    const records = long.slice(0, 300);
    vi.spyOn(performance, 'now').mockReturnValue(1_000);
    let quiet = 0;
    const verdict = await verifyChainTask(
      { total: records.length },
      {
        signal: new AbortController().signal,
        progress: () => undefined,
        ask: async (question) => {
          if ('quiet' in question) {
            quiet += 1;
            return null;
          }
          return { records: records.slice(question.from, question.from + question.count) };
        },
      },
    );
    expect(verdict).toMatchObject({ ok: true, length: 300 });
    expect(quiet).toBe(0);
  });

  it('refuses a slice of the wrong length rather than verify a chain it was not wholly given', async () => {
    const run = verifyChainTask(
      { total: 5, slice: 2 },
      {
        signal: new AbortController().signal,
        progress: () => undefined,
        ask: async (question) => {
          if ('quiet' in question) return null;
          const { from, count } = question;
          return { records: long.slice(from, from + (from === 2 ? count - 1 : count)) };
        },
      },
    );
    await expect(run).rejects.toThrow(/asked for 2 records from 2, given 1/);
  });

  it('prewarmed while the passphrase is typed: its code loads, it verifies nothing, and the check after unlock uses it', async () => {
    vi.stubGlobal('Worker', ChannelWorker);
    prewarmVerifyChain();
    prewarmVerifyChain();
    expect(ChannelWorker.spawned).toHaveLength(1);
    await settle();
    const [warm] = ChannelWorker.spawned;
    expect(warm?.received).toEqual([{ type: 'ready' }]);
    expect(warm?.posted).toEqual([]);
    expect(await verifyChainInWorker(long.slice(0, 10))).toMatchObject({ ok: true, length: 10 });
    expect(ChannelWorker.spawned).toHaveLength(1);
    expect(warm?.terminated).toBe(true);
    // Used up: the next check starts its own.
    expect(await verifyChainInWorker(long.slice(0, 3))).toMatchObject({ ok: true, length: 3 });
    expect(ChannelWorker.spawned).toHaveLength(2);
  });
});
