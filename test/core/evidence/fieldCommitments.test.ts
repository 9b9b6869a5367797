import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  commitContent,
  commitmentsOf,
  committedContentHash,
  fieldCommitment,
  newRevisionContent,
  openedFields,
  revisionContentHash,
  revisionContentHashOrNull,
  type CommittedContent,
  type RevisionContentV2,
} from '../../../src/core/evidence/fieldCommitments';
import { contentHash } from '../../../src/core/evidence/hash';
import { incidentArb } from '../model/incidentArbitrary';
import { newRevisionContentV1 } from './diaryBuilder';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const SALT_A = '00112233445566778899aabbccddeeff';
const SALT_B = 'ffeeddccbbaa99887766554433221100';

// Known answers, computed outside this code with node:crypto over the documented preimages:
//   commitment = SHA-256('{"field":"whatHappened","salt":"0011…eeff","v":2,"value":"He was outside at 10pm"}')
//   content hash = SHA-256('{"commitments":{"whatHappened":"b1c7…","where":"3824…"},"v":2}')
const KNOWN = {
  content: {
    v: 2,
    salts: { whatHappened: SALT_A, where: SALT_B },
    body: { whatHappened: 'He was outside at 10pm', where: 'Outside my flat' },
  } satisfies RevisionContentV2<object>,
  whatHappened: 'b1c727bd724573890f56604bb8b34f2488b4b17d7f13f623b81437bf1ec5ee21',
  where: '3824a9c2f9cf093bdb5fbef1a1e93d6f995b9704e45cf3ae0527e8cabf75baa5',
  hash: '81a49147c0233e0541870bc03bd0490102ff807f0d1ec1450ecd2405f28407a5',
  origin: { recordedAt: '2025-01-01T00:00:00.000Z', contentHash: 'c'.repeat(64), linkHash: 'd'.repeat(64) },
  hashWithOrigin: '65b956fdc0c26f4bfcc2b3d5ecaaed184f82a2cff609484de70653d6cbc9d040',
};

describe('field commitments: known answers', () => {
  it('a field commitment is SHA-256 of canonical { v: 2, field, salt, value }', async () => {
    expect(await fieldCommitment('whatHappened', SALT_A, 'He was outside at 10pm')).toBe(KNOWN.whatHappened);
    expect(KNOWN.whatHappened).toBe(sha256(`{"field":"whatHappened","salt":"${SALT_A}","v":2,"value":"He was outside at 10pm"}`));
    expect(await fieldCommitment('where', SALT_B, 'Outside my flat')).toBe(KNOWN.where);
  });

  it('a v2 content hash is SHA-256 of canonical { v: 2, commitments, origin? }', async () => {
    expect(await commitmentsOf(KNOWN.content)).toEqual({ whatHappened: KNOWN.whatHappened, where: KNOWN.where });
    expect(await revisionContentHash(KNOWN.content)).toBe(KNOWN.hash);
    expect(KNOWN.hash).toBe(sha256(`{"commitments":{"whatHappened":"${KNOWN.whatHappened}","where":"${KNOWN.where}"},"v":2}`));
    expect(await revisionContentHash({ ...KNOWN.content, origin: KNOWN.origin })).toBe(KNOWN.hashWithOrigin);
    // An origin of undefined is no origin.
    expect(await revisionContentHash({ ...KNOWN.content, origin: undefined })).toBe(KNOWN.hash);
  });

  it('a v1 content hash is still SHA-256 of the canonical content', async () => {
    const v1 = { v: 1 as const, salt: SALT_A, body: { whatHappened: 'x' } };
    const expected = sha256(`{"body":{"whatHappened":"x"},"salt":"${SALT_A}","v":1}`);
    expect(await revisionContentHash(v1)).toBe(expected);
    expect(await revisionContentHashOrNull(v1)).toBe(expected);
    expect(await contentHash(v1)).toBe(expected);
  });

  it('the committed form stands for the same hash, whatever is withheld', async () => {
    for (const withhold of [[], ['where'], ['whatHappened'], ['whatHappened', 'where']]) {
      const committed = await commitContent(KNOWN.content, withhold);
      expect(await committedContentHash(committed)).toBe(KNOWN.hash);
    }
    expect(await commitContent(KNOWN.content, ['where'])).toEqual({
      v: 2,
      fields: { whatHappened: { salt: SALT_A, value: 'He was outside at 10pm' } },
      withheld: { where: KNOWN.where },
    });
    const withOrigin = await commitContent({ ...KNOWN.content, origin: KNOWN.origin }, ['where']);
    expect(withOrigin.origin).toEqual(KNOWN.origin);
    expect(await committedContentHash(withOrigin)).toBe(KNOWN.hashWithOrigin);
  });

  it('commitContent refuses to withhold a field the body does not have', async () => {
    await expect(commitContent(KNOWN.content, ['witnesses'])).rejects.toThrow(RangeError);
  });

  it('openedFields lists the disclosed values and the withheld names', async () => {
    const committed = await commitContent(KNOWN.content, ['where']);
    expect(openedFields(committed)).toEqual({ disclosed: { whatHappened: 'He was outside at 10pm' }, withheld: ['where'] });
  });
});

describe('newRevisionContent', () => {
  it('gives every top-level field its own fresh salt', () => {
    const content = newRevisionContent({ a: 1, b: [2], c: { d: 3 } });
    expect(content.v).toBe(2);
    expect(Object.keys(content.salts)).toEqual(['a', 'b', 'c']);
    expect(new Set(Object.values(content.salts)).size).toBe(3);
    for (const salt of Object.values(content.salts)) expect(salt).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps a field named __proto__ a field', async () => {
    const body = JSON.parse('{"__proto__":"x","a":1}') as object;
    const content = newRevisionContent(body);
    expect(Object.keys(content.salts)).toEqual(['__proto__', 'a']);
    expect(await revisionContentHashOrNull(JSON.parse(JSON.stringify(content)))).toBe(await revisionContentHash(content));
  });

  it('refuses a body that is not a plain object', () => {
    expect(() => newRevisionContent([1, 2])).toThrow(TypeError);
    expect(() => newRevisionContent(new Date())).toThrow(TypeError);
  });
});

/** Random v2 contents: real incidents, or any JSON object as a body. */
const bodyArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  incidentArb.map((incident) => ({ ...incident }) as Record<string, unknown>),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
);

const originArb = fc.option(
  fc.record({
    recordedAt: fc.constant('2025-01-01T00:00:00.000Z'),
    contentHash: fc.stringMatching(/^[0-9a-f]{64}$/),
    linkHash: fc.stringMatching(/^[0-9a-f]{64}$/),
  }),
  { nil: undefined },
);

const contentArb: fc.Arbitrary<RevisionContentV2<Record<string, unknown>>> = fc
  .tuple(bodyArb, originArb)
  .map(([body, origin]) => ({ ...newRevisionContent(body), ...(origin === undefined ? {} : { origin }) }));

/** A content and a random subset of its fields to withhold. */
const withheldArb = contentArb.chain((content) => fc.tuple(fc.constant(content), fc.subarray(Object.keys(content.body))));

/** The same value after a JSON round trip, as a reader of a file sees it. */
const viaJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

function mutateHex(hex: string, at: number): string {
  const i = at % hex.length;
  const digit = hex[i] === '0' ? '1' : '0';
  return hex.slice(0, i) + digit + hex.slice(i + 1);
}

describe('field commitments: properties', () => {
  it('committedContentHash(commitContent(c, w)) === revisionContentHash(c) for any withheld subset', async () => {
    await fc.assert(
      fc.asyncProperty(withheldArb, async ([content, withhold]) => {
        const expected = await revisionContentHash(content);
        expect(await revisionContentHashOrNull(viaJson(content))).toBe(expected);
        const committed = await commitContent(content, withhold);
        expect(Object.keys(committed.withheld).sort()).toEqual([...withhold].sort());
        expect(await committedContentHash(committed)).toBe(expected);
        expect(await committedContentHash(viaJson(committed))).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('a withheld field reveals nothing of its value: the committed form holds neither it nor its salt', async () => {
    await fc.assert(
      fc.asyncProperty(withheldArb, async ([content, withhold]) => {
        const committed = await commitContent(content, withhold);
        for (const field of withhold) {
          expect(Object.hasOwn(committed.fields, field)).toBe(false);
          expect(JSON.stringify(committed)).not.toContain((content.salts as Record<string, string>)[field]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('changing any disclosed value, any disclosed salt or any withheld commitment changes the hash', async () => {
    await fc.assert(
      fc.asyncProperty(withheldArb, fc.nat(), fc.nat(), fc.jsonValue(), async ([content, withhold], pick, at, newValue) => {
        const fields = Object.keys(content.body);
        fc.pre(fields.length > 0);
        const expected = await revisionContentHash(content);
        const committed = viaJson(await commitContent(content, withhold)) as CommittedContent;
        const field = fields[pick % fields.length] as string;
        const forged = structuredClone(committed);
        // Own keys only: a field may be named like an Object.prototype member ('valueOf').
        const disclosed = Object.hasOwn(forged.fields, field) ? forged.fields[field] : undefined;
        if (disclosed === undefined) {
          forged.withheld[field] = mutateHex(forged.withheld[field] ?? '', at);
        } else if (at % 2 === 0) {
          disclosed.salt = mutateHex(disclosed.salt, at);
        } else {
          fc.pre(JSON.stringify(newValue) !== JSON.stringify(disclosed.value));
          disclosed.value = newValue;
        }
        expect(await committedContentHash(forged)).not.toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('moving a value to another field, or dropping or adding a field, changes the hash', async () => {
    await fc.assert(
      fc.asyncProperty(withheldArb, async ([content, withhold]) => {
        const fields = Object.keys(content.body);
        fc.pre(fields.length >= 1);
        const expected = await revisionContentHash(content);
        const committed = await commitContent(content, withhold);
        const [first] = fields as [string];
        const drop = <V>(record: Record<string, V>): Record<string, V> =>
          Object.fromEntries(Object.entries(record).filter(([field]) => field !== first));
        const dropped = { ...committed, fields: drop(committed.fields), withheld: drop(committed.withheld) };
        expect(await committedContentHash(dropped)).not.toBe(expected);
        const added = structuredClone(committed);
        added.withheld['extra field'] = 'a'.repeat(64);
        fc.pre(!fields.includes('extra field'));
        expect(await committedContentHash(added)).not.toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('renaming a disclosed field changes the hash (the name is committed too)', async () => {
    const committed = await commitContent(KNOWN.content, []);
    const renamed: CommittedContent = {
      v: 2,
      fields: { whatHappened: { salt: SALT_B, value: 'Outside my flat' }, where: { salt: SALT_A, value: 'He was outside at 10pm' } },
      withheld: {},
    };
    expect(await committedContentHash(committed)).toBe(KNOWN.hash);
    expect(await committedContentHash(renamed)).not.toBe(KNOWN.hash);
  });

  it('a v2 content does not hash like the v1 content with the same body, nor the other way round', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb, async (body) => {
        const v1 = newRevisionContentV1(body);
        const v2 = newRevisionContent(body);
        expect(await revisionContentHash(v1)).toBe(await contentHash(v1));
        expect(await revisionContentHash(v2)).not.toBe(await contentHash(v2));
      }),
      { numRuns: 50 },
    );
  });
});

describe('field commitments: hostile input', () => {
  const good = (): Record<string, unknown> => viaJson(KNOWN.content) as Record<string, unknown>;

  it('revisionContentHashOrNull refuses malformed v2 content', async () => {
    const cases: [string, unknown][] = [
      ['null', null],
      ['a string', 'content'],
      ['an array', [good()]],
      ['no version', { ...good(), v: undefined }],
      ['version 3', { ...good(), v: 3 }],
      ['version "2"', { ...good(), v: '2' }],
      ['an extra top-level key', { ...good(), salt: SALT_A }],
      ['a salt missing', { ...good(), salts: { whatHappened: SALT_A } }],
      ['an extra salt', { ...good(), salts: { whatHappened: SALT_A, where: SALT_B, when: SALT_A } }],
      ['an upper-case salt', { ...good(), salts: { whatHappened: SALT_A.toUpperCase(), where: SALT_B } }],
      ['a short salt', { ...good(), salts: { whatHappened: SALT_A.slice(1), where: SALT_B } }],
      ['a numeric salt', { ...good(), salts: { whatHappened: 1, where: SALT_B } }],
      ['salts an array', { ...good(), salts: [SALT_A, SALT_B] }],
      ['body an array', { ...good(), body: ['x', 'y'], salts: { 0: SALT_A, 1: SALT_B } }],
      ['body a string', { ...good(), body: 'text' }],
      ['body a Date', { ...good(), body: new Date(), salts: {} }],
      ['a value with no JSON form', { ...good(), body: { whatHappened: new Date(), where: 'x' } }],
    ];
    for (const [name, value] of cases) expect(await revisionContentHashOrNull(value), name).toBeNull();
    expect(await revisionContentHashOrNull(good())).toBe(KNOWN.hash);
  });

  it('committedContentHash refuses malformed committed content', async () => {
    const base = viaJson(await commitContent(KNOWN.content, ['where'])) as Record<string, unknown>;
    const cases: [string, unknown][] = [
      ['null', null],
      ['an array', [base]],
      ['version 1', { ...base, v: 1 }],
      ['no version', { fields: base.fields, withheld: base.withheld }],
      ['an extra key', { ...base, salts: {} }],
      ['fields an array', { ...base, fields: [] }],
      ['withheld an array', { ...base, withheld: [] }],
      ['no withheld', { v: 2, fields: base.fields }],
      ['a field in both', { ...base, withheld: { where: KNOWN.where, whatHappened: KNOWN.whatHappened } }],
      ['an upper-case commitment', { ...base, withheld: { where: KNOWN.where.toUpperCase() } }],
      ['a short commitment', { ...base, withheld: { where: KNOWN.where.slice(2) } }],
      ['a bad salt', { ...base, fields: { whatHappened: { salt: 'x', value: 'He was outside at 10pm' } } }],
      ['no value', { ...base, fields: { whatHappened: { salt: SALT_A } } }],
      ['an extra key in a field', { ...base, fields: { whatHappened: { salt: SALT_A, value: 'v', note: 1 } } }],
      ['a field not an object', { ...base, fields: { whatHappened: 'He was outside at 10pm' } }],
      ['a value with no JSON form', { ...base, fields: { whatHappened: { salt: SALT_A, value: Number.NaN } } }],
    ];
    for (const [name, value] of cases) expect(await committedContentHash(value), name).toBeNull();
    expect(await committedContentHash(base)).toBe(KNOWN.hash);
  });

  it('never throws, whatever it is given', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            { v: fc.constantFrom(1, 2), salts: fc.jsonValue(), body: fc.jsonValue(), origin: fc.jsonValue() },
            { requiredKeys: [] },
          ),
          fc.record(
            { v: fc.constant(2), fields: fc.jsonValue(), withheld: fc.jsonValue(), origin: fc.jsonValue() },
            { requiredKeys: ['v'] },
          ),
        ),
        async (value) => {
          const a = await revisionContentHashOrNull(value);
          const b = await committedContentHash(value);
          for (const result of [a, b]) expect(result === null || /^[0-9a-f]{64}$/.test(result)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never runs a getter or trips over a Proxy', async () => {
    const trap = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );
    expect(await revisionContentHashOrNull(trap)).toBeNull();
    expect(await committedContentHash(trap)).toBeNull();
    expect(await revisionContentHashOrNull({ v: 2, salts: trap, body: trap })).toBeNull();
    expect(await committedContentHash({ v: 2, fields: trap, withheld: {} })).toBeNull();
  });
});

/** An incident's top-level fields, as the contract lists them. */
const TOP_LEVEL_FIELDS = [
  'when',
  'where',
  'whatHappened',
  'behaviours',
  'whoDidIt',
  'witnesses',
  'evidenceElsewhere',
  'attachments',
  'reported',
  'effect',
];

describe('incident fields', () => {
  it('a new revision of a real incident has one salt per incident field', () => {
    fc.assert(
      fc.property(incidentArb, (incident) => {
        // The later fields (issue 16) come all three or none.
        const fields = 'privateNotes' in incident ? [...TOP_LEVEL_FIELDS, 'breaches', 'told', 'privateNotes'] : [...TOP_LEVEL_FIELDS];
        expect(Object.keys(newRevisionContent(incident).salts).sort()).toEqual(fields.sort());
      }),
      { numRuns: 20 },
    );
  });
});
