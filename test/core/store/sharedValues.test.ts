// Sharing a load's repeated short values (core/store/diary/sharedValues.ts) changes no value:
// whatever the records hold, they read the same after, with the same keys in the same order and
// the same prototypes. What it saves is measured by `npm run bench -- --scale`, not here.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newRevisionContent, PackedSalts, revisionContentHash } from '../../../src/core/evidence';
import { SHARED_STRING_MAX, SharedValues } from '../../../src/core/store/diary/sharedValues';
import type { RevisionContent } from '../../../src/core/evidence';
import type { EntryBody } from '../../../src/core/model/entryBody';
import type { RevisionRecord } from '../../../src/core/store/diary/types';
import { aQuickIncident } from '../../support/incidentFactories';

/** Every object's keys in order and prototype, every value: what JSON.stringify cannot tell apart. */
function described(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return { array: value.map(described) };
  return {
    proto: Object.getPrototypeOf(value) === Object.prototype ? 'Object' : String(Object.getPrototypeOf(value)),
    entries: Object.entries(Object.getOwnPropertyDescriptors(value)).map(([key, d]) => [key, d.enumerable, described(d.value)]),
  };
}

const parsed = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('SharedValues', () => {
  it('leaves every record reading exactly as it did, whatever its shape', () => {
    // Few letters and near-equal words, so records hold equal, almost equal and prefixed strings.
    const text = fc.oneof(
      fc.constantFrom('revision', 'tombstone', 'following', 'follow', 'Following', ' following', '2024-05-01', '2024-05-0', ''),
      fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é'), maxLength: 5 }),
      fc.string({ unit: fc.constantFrom('a', 'b'), minLength: SHARED_STRING_MAX - 1, maxLength: SHARED_STRING_MAX + 1 }),
    );
    const body = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        { arbitrary: text, weight: 4 },
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        tie('list'),
        tie('object'),
      ),
      list: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'kind', 'where'), fc.string({ maxLength: 4 })), tie('value'), {
        maxKeys: 4,
      }),
    })).value;
    const record = fc.oneof(
      fc.record({
        link: fc.record({ seq: fc.nat(), kind: text }),
        content: fc.oneof(fc.constant(null), fc.record({ v: fc.constant(2), body })),
      }),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), (values) => {
        // As a load has them: just parsed, so a "__proto__" key is an own field.
        const records = values.map((value) => JSON.parse(JSON.stringify(value)) as RevisionRecord);
        const before = described(records);
        new SharedValues().share(records);
        expect(described(records)).toEqual(before);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a "__proto__" field a field, and the prototype as it was', () => {
    const records = [
      JSON.parse('{"link":{"seq":0,"kind":"revision"},"content":{"v":2,"body":{"__proto__":"following","where":"following"}}}'),
    ] as RevisionRecord[];
    new SharedValues().share(records);
    const body = records[0]?.content?.body as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(body, '__proto__')?.value).toBe('following');
    expect(body.where).toBe('following');
  });

  it('shares across records and calls of one load, and goes no deeper than an incident needs', () => {
    const shared = new SharedValues();
    const incident = aQuickIncident({ where: 'Outside my flat', behaviours: ['following', 'loitering'] });
    const first = parsed([{ link: { seq: 0, kind: 'revision' }, content: { v: 2, body: incident } }]) as unknown as RevisionRecord[];
    const second = parsed([{ link: { seq: 1, kind: 'revision' }, content: { v: 2, body: incident } }]) as unknown as RevisionRecord[];
    shared.share(first);
    shared.share(second);
    expect(parsed(second)).toEqual(parsed(first).map((r) => ({ ...r, link: { ...r.link, seq: 1 } })));
    let deep: unknown = 'x';
    for (let i = 0; i < 50; i += 1) deep = [deep];
    const nested = parsed([{ link: { seq: 2, kind: 'revision' }, content: { v: 2, body: { deep } } }]) as unknown as RevisionRecord[];
    expect(() => shared.share(nested)).not.toThrow();
    expect(parsed(nested)[0]?.content?.body).toEqual({ deep });
  });

  it('packs a version 2 content’s salts, written out and hashed exactly as before; salts of any other shape stay as they are', async () => {
    const content = newRevisionContent(aQuickIncident({ where: 'Outside my flat' }));
    const good = parsed({ link: { seq: 0, kind: 'revision' }, content }) as unknown as RevisionRecord;
    const reordered = parsed({
      link: { seq: 1, kind: 'revision' },
      content: { ...content, salts: Object.fromEntries(Object.entries(content.salts).reverse()) },
    });
    const short = parsed({ link: { seq: 2, kind: 'revision' }, content: { ...content, salts: { where: content.salts.where } } });
    const written = [good, reordered, short].map((record) => JSON.stringify(record));
    const records = [good, reordered, short] as unknown as RevisionRecord[];
    new SharedValues().share(records);
    expect(records.map((record) => record.content?.v === 2 && record.content.salts instanceof PackedSalts)).toEqual([true, false, false]);
    expect(records.map((record) => JSON.stringify(record))).toEqual(written);
    expect(await revisionContentHash(good.content as RevisionContent<EntryBody>)).toBe(await revisionContentHash(content));
    // A small diary's load leaves them as they are.
    const small = parsed({ link: { seq: 3, kind: 'revision' }, content }) as unknown as RevisionRecord;
    new SharedValues({ packSalts: false }).share([small]);
    expect(small.content?.v === 2 && small.content.salts instanceof PackedSalts).toBe(false);
    expect(JSON.stringify(small)).toBe(JSON.stringify(parsed({ link: { seq: 3, kind: 'revision' }, content })));
  });
});
