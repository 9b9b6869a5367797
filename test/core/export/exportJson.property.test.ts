import { describe, it, expect } from 'vitest';
import { withoutLaterFields } from '../../support/incidentFactories';
import fc from 'fast-check';
import { canonicalJson } from '../../../src/core/evidence';
import type { ExportDocument, ExportEntry } from '../../../src/core/export/exportDocument';
import { OMITTABLE_FIELDS } from '../../../src/core/export/exportDocument';
import { parseExportDocument, serializeExportDocument } from '../../../src/core/export/exportJson';
import { verifyExportDocument } from '../../../src/core/export/verifyExport';
import { BEHAVIOURS } from '../../../src/core/model/behaviours';
import { dateArb, incidentArb } from '../model/incidentArbitrary';
import { sampleExport } from './exportFixture';

type Path = (string | number)[];

/** Every place in a JSON value, with the value found there. */
function places(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const here = { path, value };
  if (Array.isArray(value)) return [here, ...value.flatMap((item, i) => places(item, [...path, i]))];
  if (typeof value === 'object' && value !== null) return [here, ...Object.entries(value).flatMap(([k, v]) => places(v, [...path, k]))];
  return [here];
}

/** A copy of `root` with the value at `path` replaced (or deleted, for undefined). */
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
    return false; // undefined, NaN...: not the same as any JSON value
  }
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

const weird = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(undefined, '', 0, -1, 1.5, 2 ** 53, Number.NaN, Infinity, '__proto__', 'daybook-export', [], {}, [null]),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const sample = await sampleExport();
const sampleJson = JSON.parse(serializeExportDocument(sample.document)) as unknown;
const samplePlaces = places(sampleJson);

/**
 * Parts the reader tidies rather than refuses: a checklist's answers and outcome (unknown
 * choices are dropped, as parseSavedResult does for a stored result).
 */
function lenient(path: Path): boolean {
  return path[0] === 'checklists' && (path[2] === 'answers' || path[2] === 'outcome');
}

describe('parseExportDocument: properties', () => {
  it('never throws and never accepts anything that is not an export', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.string(), fc.json()), (input) => {
        const result = parseExportDocument(input);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws for random fields under the right format and version', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('generatedAt', 'scope', 'chain', 'entries', 'checklists', 'other'), weird), (fields) => {
        const result = parseExportDocument({ format: 'daybook-export', version: 1, ...fields });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.code).toBe('invalid');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a valid document with any one value changed to another type', () => {
    const targets = samplePlaces.filter(({ path }) => path.length > 0 && !lenient(path));
    fc.assert(
      fc.property(fc.constantFrom(...targets), weird, ({ path, value }, next) => {
        fc.pre(next !== undefined && jsonType(next) !== jsonType(value));
        const result = parseExportDocument(replaced(sampleJson, path, next));
        expect(result.ok, `accepted a ${jsonType(next)} at ${path.join('.')}`).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('never lets a changed complete revision through: refused on reading, or failing verification', async () => {
    const inside = samplePlaces.filter(({ path }) => path[0] === 'entries' && path[4] === 'content');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...inside), weird, async ({ path, value }, next) => {
        fc.pre(!sameJson(value, next));
        const result = parseExportDocument(replaced(sampleJson, path, next));
        if (!result.ok) return;
        // Still a valid incident, kept exactly as given: so its hash no longer matches.
        const verification = await verifyExportDocument(result.document);
        expect(verification.chain).toMatchObject({ ok: false, reason: 'content-mismatch' });
      }),
      { numRuns: 300 },
    );
  });

  it('a link’s seq of -0 (a number JSON writes as 0) reads as 0, so the document reads back the same (found by the property below)', () => {
    const seqPlace = samplePlaces.find(({ path }) => path[0] === 'chain' && path[1] === 'links' && path.at(-1) === 'seq');
    if (!seqPlace) throw new Error('the sample has no link');
    const result = parseExportDocument(replaced(sampleJson, seqPlace.path, -0));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.chain.links.every((link) => !Object.is(link.seq, -0))).toBe(true);
    expect(parseExportDocument(serializeExportDocument(result.document))).toEqual(result);
  });

  it('never throws for any change anywhere, and whatever it accepts reads back the same', () => {
    fc.assert(
      fc.property(fc.constantFrom(...samplePlaces), weird, (place, next) => {
        const changed = replaced(sampleJson, place.path, next);
        const result = parseExportDocument(changed);
        if (result.ok) {
          // Accepted means a real document: written out and read again, nothing moves.
          expect(parseExportDocument(serializeExportDocument(result.document))).toEqual(result);
        }
        expect(() => parseExportDocument(JSON.stringify(changed) ?? '')).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('reads back any well-formed document exactly', () => {
    const oldIncidentArb = incidentArb.map(withoutLaterFields);
    const salt = fc.stringMatching(/^[0-9a-f]{32}$/);
    const revisions = fc.array(
      fc.oneof(
        // Version 1 content (complete or partial) was written before the later fields.
        fc.record({
          kind: fc.constant('complete' as const),
          content: fc.record({ v: fc.constant(1 as const), salt, body: oldIncidentArb }),
        }),
        fc.record({ kind: fc.constant('partial' as const), incident: oldIncidentArb, omittedFields: fc.subarray([...OMITTABLE_FIELDS]) }),
      ),
      { minLength: 1, maxLength: 3 },
    );
    const entries = fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), revisions), {
      maxLength: 4,
      selector: ([id]) => id,
    });
    fc.assert(
      fc.property(entries, fc.subarray([...BEHAVIOURS]), fc.option(dateArb, { nil: undefined }), (items, behaviours, from) => {
        const exportEntries: ExportEntry[] = items.map(([id, revs]) => ({
          id,
          revisions: revs.map((rev, i) => ({ ...rev, revision: i + 1, recordedAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString() })),
        }));
        const document: ExportDocument = {
          format: 'daybook-export',
          version: 1,
          generatedAt: '2025-04-01T12:00:00.000Z',
          scope: {
            ...(from === undefined ? {} : { from }),
            behaviours,
            pickedIncidents: false,
            omittedFields: [],
            attachmentsIncluded: true,
            checklistsIncluded: false,
          },
          chain: sample.document.chain,
          entries: exportEntries,
          checklists: [],
        };
        expect(parseExportDocument(serializeExportDocument(document))).toEqual({ ok: true, document });
      }),
      { numRuns: 200 },
    );
  });
});
