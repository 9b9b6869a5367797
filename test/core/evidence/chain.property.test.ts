import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { ChainLink } from '../../../src/core/evidence/chainLink';
import { verifyChain } from '../../../src/core/evidence/chain';
import { canonicalJson } from '../../../src/core/evidence/canonicalJson';
import { newRevisionContent } from '../../../src/core/evidence/revisionContent';
import { DiaryBuilder, newRevisionContentV1, START } from './diaryBuilder';

/**
 * Whether two values hash alike, as the link hash sees them: by canonical JSON, so a note built
 * with another prototype but the same content is the same note, not a change.
 */
function sameHashedValue(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

interface Step {
  slot: number;
  remove: boolean;
  gapMs: number;
}

// Version 1 chains must keep time order; version 2 chains keep the device's time as read, so their
// clocks also jump back and more than a day ahead.
const gapArb = (version: 1 | 2): fc.Arbitrary<number> =>
  version === 1
    ? fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 86_400_000 }))
    : fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 86_400_000 }), fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }));

const stepsArbFor = (version: 1 | 2): fc.Arbitrary<Step[]> =>
  fc.array(fc.record({ slot: fc.integer({ min: 0, max: 3 }), remove: fc.boolean(), gapMs: gapArb(version) }), {
    minLength: 1,
    maxLength: 12,
  });

/** A valid diary from random steps: saves, edits and deletions over a few entries. */
async function buildDiary(steps: readonly Step[], version: 1 | 2): Promise<DiaryBuilder> {
  const diary = new DiaryBuilder({ version });
  const generation = [0, 0, 0, 0];
  const written = new Set<string>();
  for (const [n, step] of steps.entries()) {
    diary.tick(step.gapMs);
    const id = `entry-${step.slot}-${generation[step.slot] ?? 0}`;
    if (step.remove && written.has(id) && !diary.isDeleted(id)) {
      await diary.remove(id);
      // A later step on this slot starts a new entry: nothing may follow a tombstone.
      generation[step.slot] = (generation[step.slot] ?? 0) + 1;
    } else {
      await diary.save(id, { whatHappened: `step ${n}` });
      written.add(id);
    }
  }
  return diary;
}

const V1_FIELDS = ['seq', 'entryId', 'revision', 'kind', 'recordedAt', 'contentHash', 'prevHash', 'hash'] as const;
const V2_FIELDS = [...V1_FIELDS, 'v', 'clock'] as const;

/** A replacement value: another link's value for the same field, or something plausible or odd. */
const replacementArb = fc.oneof(
  fc.record({ borrowFrom: fc.nat() }),
  fc.record({
    value: fc.oneof(
      fc.integer({ min: -2, max: 20 }),
      fc.constantFrom('revision', 'tombstone', 'entry-0-0', 'entry-1-0', 'entry-0-1', ''),
      fc.stringMatching(/^[0-9a-f]{64}$/),
      fc.integer({ min: START - 86_400_000, max: START + 30 * 86_400_000 }).map((ms) => new Date(ms).toISOString()),
      fc.jsonValue({ maxDepth: 1 }),
      fc.record({ kind: fc.constantFrom('behind', 'ahead') }),
      fc.constant(undefined),
      fc.constant(1),
    ),
  }),
);

function pick<T>(items: readonly T[], n: number): T {
  const item = items[n % items.length];
  if (item === undefined) throw new Error('empty');
  return item;
}

for (const version of [1, 2] as const) {
  const stepsArb = stepsArbFor(version);
  const FIELDS = version === 1 ? V1_FIELDS : V2_FIELDS;

  describe(`verifyChain: properties over random v${version} diaries`, () => {
    it('every random valid diary verifies, with all its content or any part of it (redaction)', async () => {
      await fc.assert(
        fc.asyncProperty(stepsArb, fc.func(fc.boolean()), async (steps, keep) => {
          const diary = await buildDiary(steps, version);
          expect(await verifyChain(diary.links, diary.contents)).toMatchObject({ ok: true, length: steps.length });
          const redacted = new Map([...diary.contents].filter(([key]) => keep(key)));
          expect(await verifyChain(diary.links, redacted)).toMatchObject({ ok: true });
        }),
        { numRuns: 150 },
      );
    });

    it('any single-field change to any link is detected at that link', async () => {
      await fc.assert(
        fc.asyncProperty(stepsArb, fc.nat(), fc.constantFrom(...FIELDS), replacementArb, async (steps, linkPick, field, replacement) => {
          const { links, contents } = await buildDiary(steps, version);
          const index = linkPick % links.length;
          const original = pick(links, index);
          const value: unknown = 'borrowFrom' in replacement ? pick(links, replacement.borrowFrom)[field] : replacement.value;
          // A change of value, not merely of object: a note is its kind alone, so another
          // { kind: 'ahead' } is the same note.
          fc.pre(!sameHashedValue(value, original[field]));
          const forged = links.slice();
          forged[index] = { ...original, [field]: value } as ChainLink;
          for (const bodies of [undefined, contents]) {
            const result = await verifyChain(forged, bodies);
            expect(result).toMatchObject({ ok: false, brokenAt: index });
          }
        }),
        { numRuns: 300 },
      );
    });

    it('any removed link but the last is detected where it was', async () => {
      await fc.assert(
        fc.asyncProperty(
          stepsArb.filter((s) => s.length > 1),
          fc.nat(),
          async (steps, pickN) => {
            const { links } = await buildDiary(steps, version);
            const index = pickN % (links.length - 1);
            const result = await verifyChain(links.filter((_, i) => i !== index));
            expect(result).toMatchObject({ ok: false, brokenAt: index });
          },
        ),
        { numRuns: 100 },
      );
    });

    it('any two links swapped are detected at the earlier position', async () => {
      await fc.assert(
        fc.asyncProperty(
          stepsArb.filter((s) => s.length > 1),
          fc.nat(),
          fc.nat(),
          async (steps, a, b) => {
            const { links } = await buildDiary(steps, version);
            const [i, j] = [a % links.length, b % links.length].sort((x, y) => x - y) as [number, number];
            fc.pre(i !== j);
            const swapped = links.slice();
            [swapped[i], swapped[j]] = [pick(links, j), pick(links, i)];
            expect(await verifyChain(swapped)).toMatchObject({ ok: false, brokenAt: i });
          },
        ),
        { numRuns: 100 },
      );
    });

    it('any edited body is detected at its link', async () => {
      await fc.assert(
        fc.asyncProperty(stepsArb, fc.nat(), fc.dictionary(fc.string(), fc.jsonValue()), async (steps, pickN, newBody) => {
          const { links, contents } = await buildDiary(steps, version);
          const keys = [...contents.keys()];
          fc.pre(keys.length > 0);
          const key = pick(keys, pickN);
          const replacement = version === 1 ? newRevisionContentV1(newBody) : newRevisionContent(newBody);
          const edited = new Map(contents).set(key, replacement);
          const index = links.findIndex((l) => `${l.entryId}#${l.revision}` === key);
          expect(await verifyChain(links, edited)).toMatchObject({ ok: false, brokenAt: index, reason: 'content-mismatch' });
        }),
        { numRuns: 100 },
      );
    });
  });
}
