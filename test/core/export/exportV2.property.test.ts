// Properties of version 2 exports: any redaction (fields left out, incidents chosen) of any diary
// verifies, and says nothing of what it leaves out; and hostile changes to a file give only typed
// errors, or a document that does not verify.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, prefixRoots } from '../../../src/core/evidence';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import { effectiveOmit, OMITTABLE_FIELDS, type OmittableField, type SharedFingerprint } from '../../../src/core/export/exportDocument';
import { parseExportDocument, serializeExportDocument } from '../../../src/core/export/exportJson';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import { exportVerified, verifiedStatement, verifyExportDocument } from '../../../src/core/export/verifyExport';
import type { Incident } from '../../../src/core/model/incident';
import { incidentArb } from '../model/incidentArbitrary';
import { DiaryBuilder } from '../evidence/diaryBuilder';
import { builderSource, sampleExportV2 } from './exportFixtureV2';

type Op =
  | { op: 'add'; incident: Incident; tick: number }
  | { op: 'edit'; pick: number; incident: Incident; tick: number }
  | { op: 'remove'; pick: number; tick: number };

// Mostly a minute; sometimes the device clock goes back, or jumps more than a day ahead.
const tickArb = fc.oneof({ weight: 6, arbitrary: fc.constant(60_000) }, fc.constant(-3_600_000), fc.constant(2 * 86_400_000));

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('add' as const), incident: incidentArb, tick: tickArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('edit' as const), pick: fc.nat(), incident: incidentArb, tick: tickArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat(), tick: tickArb }) },
);

/** Entry ids no hash or time can contain (no hex digits, no colons). */
const idOf = (n: number) => `incident-zqx${'y'.repeat(n + 1)}w`;

async function writeDiary(ops: readonly Op[]): Promise<{ diary: DiaryBuilder; live: string[] }> {
  const diary = new DiaryBuilder({ version: 2 });
  const live: string[] = [];
  let added = 0;
  for (const op of ops) {
    diary.tick(op.tick);
    if (op.op === 'add') {
      const id = idOf(added++);
      await diary.save(id, op.incident);
      live.push(id);
    } else if (live.length > 0) {
      const id = live[op.pick % live.length] as string;
      if (op.op === 'edit') await diary.save(id, op.incident);
      else {
        await diary.remove(id);
        live.splice(live.indexOf(id), 1);
      }
    }
  }
  return { diary, live };
}

describe('version 2 exports: random redactions', () => {
  it('verify, show exactly the fields kept, and say nothing of entries left out', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 12 }),
        fc.subarray([...OMITTABLE_FIELDS]),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.nat({ max: 20 }), { maxLength: 3 }),
        async (ops, omit: OmittableField[], picks, sizes) => {
          const { diary, live } = await writeDiary(ops);
          const chosen = live.filter((_, i) => picks[i % picks.length]);
          const roots = await prefixRoots(diary.links.map((l) => l.hash));
          const fingerprints: SharedFingerprint[] = sizes
            .filter((size) => size >= 1 && size <= roots.length)
            .map((size) => ({ size, root: roots[size - 1] ?? '', sharedAt: '2025-01-01T00:00:00.000Z' }));
          const selection = { ...EMPTY_SELECTION, omitFields: omit };
          const document = await buildExportDocument(
            builderSource(diary, chosen, fingerprints),
            selection,
            new Date('2026-01-01T00:00:00.000Z'),
          );

          const text = serializeExportDocument(document);
          const read = parseExportDocument(text);
          expect(read).toEqual({ ok: true, document });
          if (!read.ok) return;
          const verification = await verifyExportDocument(read.document);
          expect(exportVerified(verification)).toBe(true);
          expect(verifiedStatement(verification).outcome).toBe('verified');
          expect(verification.coverage.checkedRevisions).toBe(document.entries.flatMap((e) => e.revisions).length);
          expect(verification.coverage.earlier.every((e) => e.proven)).toBe(true);

          for (const entry of document.entries) {
            for (const revision of entry.revisions) {
              if (revision.kind !== 'committed') throw new Error('version 2 content goes out committed');
              // The salts of the fields left out are nowhere in the file.
              const content = diary.contents.get(`${entry.id}#${revision.revision}`) as { salts: Record<string, string> };
              // A version from before issue 16 has no private notes (or who was told) to leave out.
              const held = effectiveOmit(selection).filter((field) => Object.hasOwn(content.salts, field));
              expect(Object.keys(revision.content.withheld).sort()).toEqual([...held].sort());
              for (const field of held) expect(text).not.toContain(content.salts[field]);
            }
          }
          // Nothing of an entry left out: not its id, nor the time of any of its links (unless that
          // time is also an exported link's own). A clock note is its kind alone.
          for (const link of document.chain.links) if (link.clock) expect(Object.keys(link.clock)).toEqual(['kind']);
          const shownTimes = new Set(document.chain.links.map((l) => l.recordedAt));
          const exported = new Set(document.chain.links.map((l) => l.seq));
          for (const id of new Set(diary.links.map((l) => l.entryId))) {
            if (!document.entries.some((e) => e.id === id)) expect(text).not.toContain(id);
          }
          for (const link of diary.links) {
            if (exported.has(link.seq)) continue;
            expect(text).not.toContain(link.contentHash);
            if (!shownTimes.has(link.recordedAt)) expect(text).not.toContain(link.recordedAt);
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// Hostile changes

type Path = (string | number)[];

function places(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const here = { path, value };
  if (Array.isArray(value)) return [here, ...value.flatMap((item, i) => places(item, [...path, i]))];
  if (typeof value === 'object' && value !== null) return [here, ...Object.entries(value).flatMap(([k, v]) => places(v, [...path, k]))];
  return [here];
}

function replaced(root: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (next === undefined && !Array.isArray(node)) Reflect.deleteProperty(node, last);
  else node[last] = next;
  return copy;
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

const weird = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(undefined, '', 0, -1, 1, 7, 8, 2 ** 53, Number.NaN, '__proto__', 'committed', 'partial', 'a'.repeat(64), [], {}, [null]),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const sample = await sampleExportV2(['where', 'witnesses']);
const sampleJson = JSON.parse(serializeExportDocument(sample.document)) as Record<string, unknown>;
const samplePlaces = places(sampleJson);

/** What the chain or a proof vouches for: the chain, and every version shown. Not when a fingerprint was shared (the sender's word). */
function vouched(path: Path): boolean {
  if (path[0] === 'chain') return !(path[1] === 'earlier' && path[3] === 'sharedAt');
  // A partial version's text is never vouched for (written before version 2, fields left out).
  if (path[0] === 'entries') return !(path[4] === 'incident');
  return false;
}

describe('version 2 exports: hostile changes', () => {
  it('give only typed errors, and whatever is accepted reads back the same', () => {
    fc.assert(
      fc.property(fc.constantFrom(...samplePlaces), weird, (place, next) => {
        const changed = replaced(sampleJson, place.path, next);
        const result = parseExportDocument(changed);
        if (!result.ok) expect(['invalid', 'scope-mismatch', 'not-daybook-export', 'newer-version']).toContain(result.code);
        else expect(parseExportDocument(serializeExportDocument(result.document))).toEqual(result);
        expect(() => parseExportDocument(JSON.stringify(changed) ?? '')).not.toThrow();
      }),
      { numRuns: 1500 },
    );
  });

  it('never let a change to the chain or a version through: refused on reading, or not verified', async () => {
    const inside = samplePlaces.filter(({ path }) => path.length > 1 && vouched(path));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...inside), weird, async ({ path, value }, next) => {
        fc.pre(!sameJson(value, next));
        // Dropping every earlier fingerprint claims less, not something false: such a file still verifies.
        fc.pre(!(path.join('.') === 'chain.earlier' && Array.isArray(next) && next.length === 0));
        const result = parseExportDocument(replaced(sampleJson, path, next));
        if (!result.ok) return;
        // A change the reader normalises away (a key it drops) leaves the same document.
        if (sameJson(result.document.chain, sample.document.chain) && sameJson(result.document.entries, sample.document.entries)) return;
        expect(exportVerified(await verifyExportDocument(result.document)), `accepted a change at ${path.join('.')}`).toBe(false);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('survive oversized arrays and deep nesting anywhere', () => {
    const deep = `{"format":"daybook-export","version":2,"chain":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    expect(parseExportDocument(deep)).toMatchObject({ ok: false });
    fc.assert(
      fc.property(fc.constantFrom(...samplePlaces.filter(({ value }) => Array.isArray(value))), ({ path }) => {
        const huge: unknown[] = [];
        huge.length = 2 ** 31;
        const result = parseExportDocument(replaced(sampleJson, path, huge));
        expect(result.ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
