import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { newRevisionContent, revisionContentHash, revisionContentHashOrNull } from '../../../src/core/evidence';
import type { RevisionContent } from '../../../src/core/evidence';
import type { Incident } from '../../../src/core/model/incident';
import { validRevisionContent } from '../../../src/core/model/incidentValidation';
import { InvalidIncidentError } from '../../../src/core/model/invalidIncident';
import { parseRevisionContent, readRevisionContent } from '../../../src/core/model/revisionContentParse';
import { anIncident } from '../../support/incidentFactories';
import { incidentArb } from './incidentArbitrary';

const SALT = '00112233445566778899aabbccddeeff';
const ORIGIN = { recordedAt: '2025-01-01T00:00:00.000Z', contentHash: 'c'.repeat(64), linkHash: 'd'.repeat(64) };

/** A value as a file holds it: a JSON round trip. */
const viaJson = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

const v1 = (): Record<string, unknown> => viaJson({ v: 1, salt: SALT, body: anIncident() });
const v2 = (): Record<string, unknown> => viaJson(newRevisionContent(anIncident()));

describe('readRevisionContent: version 1 (unchanged)', () => {
  it('accepts a v1 content exactly as stored, with or without an origin', () => {
    expect(readRevisionContent(v1())).toEqual({ ok: true, content: v1() });
    const withOrigin = { ...v1(), origin: ORIGIN };
    expect(parseRevisionContent(withOrigin)).toEqual(withOrigin);
  });

  it('says what is wrong with a v1 content', () => {
    expect(readRevisionContent({ ...v1(), salt: 'abcd' })).toEqual({ ok: false, issues: [{ path: 'salt', code: 'bad-format' }] });
    expect(readRevisionContent({ ...v1(), v: 3 })).toEqual({ ok: false, issues: [{ path: 'content', code: 'unknown-value' }] });
    expect(readRevisionContent({ ...v1(), origin: { ...ORIGIN, linkHash: 'x' } })).toEqual({
      ok: false,
      issues: [{ path: 'origin', code: 'bad-format' }],
    });
    expect(readRevisionContent({ ...v1(), extra: 1 })).toEqual({ ok: false, issues: [{ path: 'content', code: 'not-canonical' }] });
    expect(readRevisionContent({ ...v1(), salts: {} })).toEqual({ ok: false, issues: [{ path: 'content', code: 'not-canonical' }] });
    expect(readRevisionContent([v1()])).toEqual({ ok: false, issues: [{ path: 'content', code: 'wrong-type' }] });
  });
});

describe('readRevisionContent: version 2', () => {
  it('accepts a v2 content exactly as stored, with or without an origin, and it hashes the same', async () => {
    const stored = v2();
    const read = readRevisionContent(stored);
    expect(read).toEqual({ ok: true, content: stored });
    if (!read.ok) throw new Error('refused');
    expect(await revisionContentHash(read.content)).toBe(await revisionContentHashOrNull(stored));
    const withOrigin = { ...v2(), origin: ORIGIN };
    expect(parseRevisionContent(withOrigin)).toEqual(withOrigin);
  });

  it('accepts any valid incident in its saved form', () => {
    fc.assert(
      fc.property(incidentArb, fc.boolean(), (incident, imported) => {
        const stored = viaJson({ ...newRevisionContent(incident), ...(imported ? { origin: ORIGIN } : {}) });
        expect(readRevisionContent(stored)).toEqual({ ok: true, content: stored });
      }),
      { numRuns: 100 },
    );
  });

  it('says what is wrong with the salts', () => {
    const content = v2();
    const salts = content.salts as Record<string, string>;
    const missing = Object.fromEntries(Object.entries(salts).filter(([field]) => field !== 'where'));
    const cases: [string, unknown, { path: string; code: string }[]][] = [
      ['no salts', { ...content, salts: undefined }, [{ path: 'salts', code: 'wrong-type' }]],
      ['salts an array', { ...content, salts: [] }, [{ path: 'salts', code: 'wrong-type' }]],
      ['a salt missing', { ...content, salts: missing }, [{ path: 'salts.where', code: 'required' }]],
      ['an extra salt', { ...content, salts: { ...salts, mood: SALT } }, [{ path: 'salts.mood', code: 'unknown-value' }]],
      ['an upper-case salt', { ...content, salts: { ...salts, where: SALT.toUpperCase() } }, [{ path: 'salts.where', code: 'bad-format' }]],
      ['a short salt', { ...content, salts: { ...salts, when: SALT.slice(2) } }, [{ path: 'salts.when', code: 'bad-format' }]],
    ];
    for (const [name, value, issues] of cases) expect(readRevisionContent(value), name).toEqual({ ok: false, issues });
  });

  it('refuses a body that is not an incident in its saved form, or extra keys', () => {
    const content = v2();
    const body = content.body as Record<string, unknown>;
    const bad = readRevisionContent({ ...content, body: { ...body, whatHappened: 42 } });
    expect(bad).toMatchObject({ ok: false, issues: [{ path: 'whatHappened' }] });
    // Behaviours out of their canonical order: parseIncident would tidy them, so the hash would not match.
    const reordered = readRevisionContent({ ...content, body: { ...body, behaviours: ['loitering', 'turning-up'] } });
    expect(reordered).toEqual({ ok: false, issues: [{ path: 'content', code: 'not-canonical' }] });
    expect(readRevisionContent({ ...content, salt: SALT })).toEqual({ ok: false, issues: [{ path: 'content', code: 'not-canonical' }] });
    expect(readRevisionContent({ ...content, origin: { ...ORIGIN, recordedAt: 'yesterday' } })).toEqual({
      ok: false,
      issues: [{ path: 'origin', code: 'bad-format' }],
    });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            { v: fc.constantFrom(1, 2), salt: fc.jsonValue(), salts: fc.jsonValue(), body: fc.jsonValue() },
            { requiredKeys: ['v'] },
          ),
        ),
        (value) => {
          expect(typeof readRevisionContent(value).ok).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('validRevisionContent', () => {
  it('passes v1 and v2 content a reader accepts, and throws for anything else', () => {
    const first = v1() as unknown as RevisionContent<Incident>;
    const second = v2() as unknown as RevisionContent<Incident>;
    expect(validRevisionContent(first)).toEqual(first);
    expect(validRevisionContent(second)).toEqual(second);
    const broken = { ...second, salts: {} } as RevisionContent<Incident>;
    expect(() => validRevisionContent(broken, 'entry-1')).toThrow(InvalidIncidentError);
  });
});
