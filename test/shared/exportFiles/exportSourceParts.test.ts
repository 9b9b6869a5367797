// An export's source crosses to its worker in parts the worker asks for (exportSourceData.ts):
// each part small, all of them adding up to the source exactly, and anything else refused.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import {
  ENTRIES_PER_PART,
  exportSourceData,
  exportSourceFrom,
  LINKS_PER_PART,
  SourcePartError,
  sourceFromParts,
  sourceParts,
  type ExportSourceData,
  type ExportSourcePart,
} from '../../../src/shared/exportFiles/exportSourceData';
import { PackedSalts, type ChainLink } from '../../../src/core/evidence';
import { SharedValues } from '../../../src/core/store/diary/sharedValues';
import type { DiaryEntry, RevisionRecord } from '../../../src/core/store/diaryRepository';
import { ordersDiary } from '../../core/export/exportOrdersFixture';
import { builderSource } from '../../core/export/exportFixtureV2';
import { anIncident } from '../../support/incidentFactories';

/** Stand-ins: the parts only slice and carry these, never read them. */
const link = (seq: number) => ({ seq }) as unknown as ChainLink;
const entry = (id: string) => ({ id }) as unknown as DiaryEntry;
const record = (id: string, n: number) => ({ id, n }) as unknown as RevisionRecord;

function someData(links: number, entries: number, others: number, revisions = 2): ExportSourceData {
  const ids = Array.from({ length: entries }, (_, i) => `incident-${i}`);
  const orderIds = Array.from({ length: others }, (_, i) => `order-${i}`);
  return {
    links: Array.from({ length: links }, (_, i) => link(i)),
    entries: ids.map(entry),
    histories: new Map([...ids, ...orderIds].map((id) => [id, Array.from({ length: revisions }, (_, n) => record(id, n))])),
    checklists: [],
    fingerprints: [],
  };
}

/** The parts as a worker receives them: each asked for in turn, and structured-cloned. */
function asker(part: (index: number) => ExportSourcePart, asked: number[] = []): (index: number) => Promise<unknown> {
  return async (index) => {
    asked.push(index);
    return structuredClone(part(index));
  };
}

describe('an export source in parts', () => {
  it('adds up to the source exactly, asked for in order, each part one kind and no larger than its limit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(700), fc.nat(150), fc.nat(70), async (links, entries, others) => {
        const data = someData(links, entries, others);
        const { head, part } = sourceParts(data);
        const asked: number[] = [];
        const parts: ExportSourcePart[] = [];
        const assembled = await sourceFromParts(structuredClone(head), async (index) => {
          const given = part(index);
          parts.push(given);
          return asker(() => given, asked)(index);
        });
        expect(assembled).toEqual(data);
        expect(asked).toEqual(Array.from({ length: head.parts }, (_, i) => i));
        expect(head.parts).toBe(
          Math.ceil(links / LINKS_PER_PART) + Math.ceil(entries / ENTRIES_PER_PART) + Math.ceil(others / ENTRIES_PER_PART),
        );
        for (const given of parts) {
          const kinds = [given.links.length > 0, given.entries.length > 0 || given.histories.length > 0].filter(Boolean);
          expect(kinds).toHaveLength(1);
          expect(given.links.length).toBeLessThanOrEqual(LINKS_PER_PART);
          expect(given.histories.length).toBeLessThanOrEqual(ENTRIES_PER_PART);
          // An entry's history goes with it, in the same part.
          expect(given.histories.slice(0, given.entries.length).map(([id]) => id)).toEqual(given.entries.map((e) => e.id));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('sends an entry listed twice with its history once', async () => {
    const data = someData(3, 40, 1);
    (data.entries as DiaryEntry[]).push(entry('incident-1'), entry('incident-39'));
    const { head, part } = sourceParts(data);
    expect(await sourceFromParts(head, asker(part))).toEqual(data);
  });

  it('puts nothing of the source in the head', () => {
    const { head } = sourceParts(someData(300, 40, 3));
    expect(head).toMatchObject({ linkCount: 300, entryCount: 40, historyCount: 43, parts: 2 + 2 + 1 });
    expect(JSON.stringify(head)).not.toContain('incident-');
  });

  it('gives parts made from the source as it was, whatever the diary does after', async () => {
    const data = someData(10, 3, 0);
    const before = structuredClone(data);
    const { head, part } = sourceParts(data);
    (data.links as ChainLink[]).push(link(99));
    (data.entries as DiaryEntry[]).pop();
    (data.histories as Map<string, RevisionRecord[]>).get('incident-0')?.push(record('incident-0', 9));
    expect(await sourceFromParts(head, asker(part))).toEqual(before);
  });

  it('builds the same document from the parts as from the source: orders too, across parts of each kind', async () => {
    const diary = await ordersDiary();
    const ids = ['incident-a', 'incident-b'];
    // Enough incidents and versions for several parts of links and of entries.
    for (let i = 0; i < 70; i += 1) {
      ids.push(`incident-${i}`);
      for (let version = 0; version < 4; version += 1) {
        await diary.tick().save(`incident-${i}`, anIncident({ whatHappened: `Seen at the station, ${i}.${version}` }));
      }
    }
    const source = builderSource(diary, ids);
    const data = exportSourceData(source);
    const { head, part } = sourceParts(data);
    expect(head.linkCount).toBeGreaterThan(LINKS_PER_PART);
    expect(head.entryCount).toBeGreaterThan(2 * ENTRIES_PER_PART);
    expect(head.historyCount).toBeGreaterThan(head.entryCount);
    const selection = { ...EMPTY_SELECTION, includeOrders: true };
    const now = new Date('2026-01-01T00:00:00Z');
    const fromParts = await buildExportDocument(exportSourceFrom(await sourceFromParts(head, asker(part))), selection, now);
    expect(fromParts.orders?.map((order) => order.id).sort()).toEqual(['order-1', 'order-2']);
    expect(fromParts).toEqual(await buildExportDocument(source, selection, now));
  });

  it('hands a loaded diary’s records over with their salts as stored (packed ones cannot be cloned), building the same document', async () => {
    const diary = await ordersDiary();
    for (let i = 0; i < 3; i += 1) await diary.tick().save(`incident-${i}`, anIncident({ whatHappened: `Seen at the station, ${i}.` }));
    const ids = ['incident-a', 'incident-b', 'incident-0', 'incident-1', 'incident-2'];
    const source = builderSource(diary, ids);
    // As a load leaves them: parsed from storage, salts packed (core/store/diary/sharedValues.ts).
    const loaded = new Map<string, RevisionRecord[]>();
    const history = (id: string) => {
      const held = loaded.get(id) ?? (JSON.parse(JSON.stringify(source.history(id))) as RevisionRecord[]);
      if (!loaded.has(id)) new SharedValues().share(held);
      loaded.set(id, held);
      return held;
    };
    expect(history('incident-0').some((r) => r.content?.v === 2 && r.content.salts instanceof PackedSalts)).toBe(true);
    const { head, part } = sourceParts(exportSourceData({ ...source, history }));
    const selection = { ...EMPTY_SELECTION, includeOrders: true };
    const now = new Date('2026-01-01T00:00:00Z');
    const fromParts = await buildExportDocument(exportSourceFrom(await sourceFromParts(head, asker(part))), selection, now);
    expect(fromParts).toEqual(await buildExportDocument(source, selection, now));
  });

  it('keeps the parts in order whatever order the answers come back in, with at most four asked at once', async () => {
    const data = someData(600, 100, 10);
    const { head, part } = sourceParts(data);
    const waiting: { index: number; resolve: () => void }[] = [];
    let most = 0;
    const assembled = sourceFromParts(head, (index) => {
      const answer = new Promise<unknown>((resolve) => waiting.push({ index, resolve: () => resolve(structuredClone(part(index))) }));
      most = Math.max(most, waiting.length);
      return answer;
    });
    // Answered last asked first, a turn at a time, until every part has been asked and answered.
    for (let turn = 0; turn < 10 * head.parts; turn += 1) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const last = waiting.pop();
      if (!last) break;
      last.resolve();
    }
    expect(await assembled).toEqual(data);
    expect(most).toBe(4);
  });

  it('reports the first part’s failure, not a later one’s, and leaves no rejection unhandled', async () => {
    const { head, part } = sourceParts(someData(600, 10, 0));
    const failed = sourceFromParts(head, async (index) => {
      if (index === 0) return { ...part(0), part: 5 };
      throw new Error(`part ${index} failed on the page`);
    });
    await expect(failed).rejects.toThrow(SourcePartError);
    // Vitest fails the run on an unhandled rejection; give the later ones their turn to surface.
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it('stops asking once cancelled', async () => {
    const { head, part } = sourceParts(someData(600, 100, 0));
    const stop = new AbortController();
    const asked: number[] = [];
    const cancelled = sourceFromParts(
      head,
      async (index) => {
        asked.push(index);
        if (index === 0) stop.abort();
        return structuredClone(part(index));
      },
      stop.signal,
    );
    await expect(cancelled).rejects.toThrow(/abort/i);
    expect(asked).toEqual([0, 1, 2, 3]);
  });

  it('sends no history for an entry the data holds none for, as exportSourceFrom reads it', async () => {
    const data = someData(3, 5, 0);
    (data.histories as Map<string, RevisionRecord[]>).delete('incident-2');
    const { head, part } = sourceParts(data);
    const assembled = await sourceFromParts(head, asker(part));
    expect(assembled).toEqual(data);
    expect(exportSourceFrom(assembled).history('incident-2')).toEqual([]);
  });

  it('refuses a part that is not the one asked for, or parts that do not add up to the head', async () => {
    const { head, part } = sourceParts(someData(300, 40, 3));
    const broken = (change: (given: ExportSourcePart, index: number) => unknown) => async (index: number) =>
      change(structuredClone(part(index)), index);
    const cases: ((given: ExportSourcePart, index: number) => unknown)[] = [
      (given, index) => (index === 1 ? { ...given, part: 0 } : given),
      (given, index) => (index === 2 ? null : given),
      (given, index) => (index === 2 ? { ...given, links: undefined } : given),
      (given, index) => (index === 0 ? { ...given, links: [...given.links, link(1)] } : given),
      (given, index) => (index === 1 ? { ...given, links: given.links.slice(1) } : given),
      (given, index) => (index === 2 ? { ...given, entries: given.entries.slice(1) } : given),
      (given, index) => (index === 4 ? { ...given, histories: [...given.histories, given.histories[0]] } : given),
      (given, index) => (index === 4 ? { ...given, histories: [['order-x', 'not a history']] } : given),
      (given, index) => (index === 3 ? { ...given, histories: given.histories.slice(1) } : given),
    ];
    for (const change of cases) await expect(sourceFromParts(head, broken(change))).rejects.toThrow(SourcePartError);
    // A head announcing more parts than it has items is refused before anything is asked.
    const ask = vi.fn(async (index: number) => ({ part: index, links: [], entries: [], histories: [] }));
    await expect(sourceFromParts({ ...head, parts: 1e9 }, ask)).rejects.toThrow(SourcePartError);
    expect(ask).not.toHaveBeenCalled();
    await expect(sourceFromParts({ ...head, linkCount: -1 }, asker(part))).rejects.toThrow(SourcePartError);
    expect(() => part(head.parts)).toThrow(SourcePartError);
  });

  it('refuses any answer that is not a part (fast-check)', async () => {
    const { head } = sourceParts(someData(5, 2, 1));
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (answer) => {
        await expect(sourceFromParts(head, async () => answer)).rejects.toThrow(SourcePartError);
      }),
      { numRuns: 200 },
    );
  });
});
