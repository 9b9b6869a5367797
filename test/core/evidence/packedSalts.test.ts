// Salts packed in memory (core/evidence/packedSalts.ts) are the same salts: every salt reads back
// as it was, the content hashes and commits the same, and JSON (storage, backups) and a worker's
// copy (wireContent) see exactly the stored form. Anything that is not exactly one well-formed
// salt per field of the body, in its order, is not packed.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commitContent,
  commitmentsOf,
  newRevisionContent,
  revisionContentHash,
  revisionContentHashOrNull,
  saltOf,
  wireContent,
  type RevisionContentV2,
} from '../../../src/core/evidence/fieldCommitments';
import { PackedSalts } from '../../../src/core/evidence/packedSalts';
import { incidentArb } from '../model/incidentArbitrary';

const SALT_A = '00112233445566778899aabbccddeeff';
const SALT_B = 'ffeeddccbbaa99887766554433221100';

function packed<T extends object>(content: RevisionContentV2<T>): RevisionContentV2<T> {
  const salts = PackedSalts.pack(content.salts, Object.keys(content.body));
  if (!salts) throw new Error('not packed');
  return { ...content, salts };
}

describe('PackedSalts', () => {
  it('reads back every salt, hashes, commits and writes out exactly as the hex salts do', async () => {
    const bodies = fc.oneof(
      incidentArb,
      fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', '0', '10', 'a'), fc.string({ maxLength: 3 })), fc.jsonValue(), {
        minKeys: 1,
        maxKeys: 6,
      }),
    );
    await fc.assert(
      fc.asyncProperty(bodies, fc.nat({ max: 3 }), async (value, withhold) => {
        // As a load has it: parsed from what was stored.
        const body = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
        const content = JSON.parse(JSON.stringify(newRevisionContent(body))) as ReturnType<
          typeof newRevisionContent<Record<string, unknown>>
        >;
        const held = packed(content);
        for (const field of Object.keys(body)) expect(saltOf(held.salts, field)).toBe(content.salts[field]);
        expect(JSON.stringify(held)).toBe(JSON.stringify(content));
        expect(JSON.stringify(wireContent(held))).toBe(JSON.stringify(content));
        // A worker's copy: a structured clone of what wireContent hands over.
        const copied = structuredClone(wireContent(held));
        expect(copied).toEqual(content);
        const hash = await revisionContentHash(content);
        expect(await revisionContentHash(held)).toBe(hash);
        expect(await revisionContentHashOrNull(copied)).toBe(hash);
        expect(await commitmentsOf(held)).toEqual(await commitmentsOf(content));
        const left = Object.keys(body).slice(0, withhold);
        expect(await commitContent(held, left)).toEqual(await commitContent(content, left));
      }),
      { numRuns: 150 },
    );
  });

  it('packs only one well-formed salt per field of the body, in its order', () => {
    const fields = ['where', 'when'];
    expect(PackedSalts.pack({ where: SALT_A, when: SALT_B }, fields)?.saltOf('when')).toBe(SALT_B);
    const refused: unknown[] = [
      { when: SALT_B, where: SALT_A },
      { where: SALT_A },
      { where: SALT_A, when: SALT_B, other: SALT_A },
      { where: SALT_A, when: SALT_B.toUpperCase() },
      { where: SALT_A, when: SALT_B.slice(1) },
      { where: SALT_A, when: 7 },
      [SALT_A, SALT_B],
      null,
      SALT_A + SALT_B,
      Object.assign(Object.create(null) as object, { where: SALT_A, when: SALT_B }),
      Object.defineProperty({ where: SALT_A }, 'when', { get: () => SALT_B, enumerable: true }),
      Object.assign({ where: SALT_A, when: SALT_B }, { [Symbol('x')]: SALT_A }),
    ];
    for (const salts of refused) expect(PackedSalts.pack(salts, fields)).toBeNull();
    // A getter is refused without being called (one that throws would otherwise fail the load).
    const throwing = Object.defineProperty({ where: SALT_A }, 'when', {
      get: () => {
        throw new Error('called');
      },
      enumerable: true,
    });
    expect(PackedSalts.pack(throwing, fields)).toBeNull();
    for (const bad of ['/', ':', '`', 'g', 'A', '\u0660', '\ud800'])
      expect(PackedSalts.pack({ where: SALT_A, when: bad + SALT_B.slice(1) }, fields)).toBeNull();
    // A refusal part way leaves nothing that a later pack could take up.
    expect(PackedSalts.pack({ where: SALT_B, when: 'x' }, fields)).toBeNull();
    expect(PackedSalts.pack({ where: SALT_A, when: SALT_B }, fields)?.toJSON()).toEqual({ where: SALT_A, when: SALT_B });
  });

  it('answers for no other field, and fits a body with the same fields only, as hex salts do', async () => {
    const plain = { v: 2 as const, salts: { where: SALT_A, when: SALT_B }, body: { where: 'Outside', when: 'Monday' } };
    const held = packed(plain);
    expect(held.salts instanceof PackedSalts && held.salts.saltOf('whoDidIt')).toBeUndefined();
    for (const body of [
      { where: 'Outside', whoDidIt: 'him' },
      { where: 'Outside' },
      { where: 'Outside', when: 'Monday', whoDidIt: 'him' },
    ]) {
      await expect(commitmentsOf({ ...held, body })).rejects.toThrow(TypeError);
      await expect(commitmentsOf({ ...plain, body })).rejects.toThrow(TypeError);
    }
    // A salt is found by its field, so the body's order does not matter, packed or not.
    const reordered = { when: 'Monday', where: 'Outside' };
    expect(await commitmentsOf({ ...held, body: reordered })).toEqual(await commitmentsOf({ ...plain, body: reordered }));
  });

  it('cannot be posted to a worker as it is: a structured clone of it throws, of its stored form does not', () => {
    const held = packed({ v: 2, salts: { where: SALT_A }, body: { where: 'Outside' } });
    expect(() => structuredClone(held)).toThrow(/clone/i);
    expect(structuredClone(wireContent(held))).toEqual({ v: 2, salts: { where: SALT_A }, body: { where: 'Outside' } });
  });

  it('leaves content without packed salts as it is', () => {
    const content = { v: 2 as const, salts: { where: SALT_A }, body: { where: 'Outside' } };
    expect(wireContent(content)).toBe(content);
    expect(wireContent(null)).toBeNull();
    const v1 = { v: 1 as const, salt: SALT_A, body: {} };
    expect(wireContent(v1)).toBe(v1);
  });
});
