// Properties of packed records (core/store/diary/packs.ts): the pack reader takes exactly 64
// records in place and refuses anything else with its own error, and any run of writes, deletions
// and loads reads back exactly what the diary held, wherever the records are stored.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newRevisionContent } from '../../../src/core/evidence';
import { MalformedPackError, PACK_SIZE, PACKED_MARKER_ID, packableRanges, parsePack } from '../../../src/core/store/diary/packs';
import type { RevisionRecord } from '../../../src/core/store/diary/types';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault, diaryOver } from '../../support/vault';

const recordAt = (seq: number) => ({ link: { seq }, content: null }) as unknown as RevisionRecord;

describe('parsePack', () => {
  it('returns 64 records each at its place, or throws MalformedPackError: never anything else', () => {
    const almost = fc
      .tuple(fc.nat({ max: 1000 }), fc.nat({ max: PACK_SIZE - 1 }), fc.integer({ min: -2, max: 2 }))
      .map(([index, at, shift]) => {
        const records: unknown[] = Array.from({ length: PACK_SIZE }, (_, i) => recordAt(index * PACK_SIZE + i));
        records[at] = recordAt(index * PACK_SIZE + at + shift);
        return { index, value: records as unknown };
      });
    const anything = fc.record({ index: fc.nat({ max: 1000 }), value: fc.anything() });
    fc.assert(
      fc.property(fc.oneof(almost, anything), ({ index, value }) => {
        let records: RevisionRecord[];
        try {
          records = parsePack(value, index);
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedPackError);
          return;
        }
        expect(records).toHaveLength(PACK_SIZE);
        records.forEach((record, i) => expect(record.link.seq).toBe(index * PACK_SIZE + i));
      }),
      { numRuns: 2000 },
    );
  });

  it('packableRanges names only runs whose 64 places are all held, outside the packed ones', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat({ max: 4 * PACK_SIZE }), { maxLength: 4 * PACK_SIZE }),
        fc.uniqueArray(fc.nat({ max: 4 })),
        (seqs, packed) => {
          const runs = packableRanges(seqs.map(recordAt), new Set(packed));
          const held = new Set(seqs);
          for (let index = 0; index <= 4; index += 1) {
            const whole = Array.from({ length: PACK_SIZE }, (_, i) => index * PACK_SIZE + i).every((seq) => held.has(seq));
            expect(runs.includes(index)).toBe(whole && !packed.includes(index));
          }
        },
      ),
    );
  });
});

type Step = { kind: 'add'; count: number } | { kind: 'remove'; pick: number } | { kind: 'load' };

describe('packed records over any run of writes and loads', () => {
  it('each load reads back exactly the records the diary held, the chain verifies, and no record is stored twice', async () => {
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), count: fc.integer({ min: 1, max: 90 }) }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('load' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 7 }), async (steps) => {
        const setup = await createdVault();
        let repo = diaryOver(setup);
        await repo.load();
        let made = 0;
        for (const s of [...steps, { kind: 'load' } as Step]) {
          if (s.kind === 'add') {
            const items = Array.from({ length: s.count }, (_, i) => ({
              entryId: `e-${made + i}`,
              content: newRevisionContent(aQuickIncident({ whatHappened: `Entry ${made + i}` })),
            }));
            made += s.count;
            await repo.appendImported(items);
          } else if (s.kind === 'remove') {
            const live = repo.snapshot().entries;
            const target = live[s.pick % Math.max(1, live.length)];
            if (target) await repo.remove(target.id);
          } else {
            const held = repo.allRecords();
            repo = diaryOver(setup);
            await repo.load();
            expect(repo.allRecords()).toEqual(held);
            expect((await repo.verify()).ok).toBe(true);
            const rows = await setup.db.revisions.where(':id').below(PACKED_MARKER_ID).count();
            const stored = rows + (await setup.db.packs.count()) * PACK_SIZE;
            expect(stored).toBe(held.length);
            // Every complete run is packed by the load.
            expect(rows).toBeLessThan(PACK_SIZE);
          }
        }
        setup.db.close();
      }),
      { numRuns: 6 },
    );
  }, 120_000);
});
