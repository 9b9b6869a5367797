import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../../../src/core/evidence/canonicalJson';
import { INCIDENT_LIMITS } from '../../../src/core/model/incident';
import { parseIncident } from '../../../src/core/model/incidentParse';
import { anIncident } from '../../support/incidentFactories';
import { incidentArb } from './incidentArbitrary';

const full = anIncident();

/** A deep copy with `changes` merged over the top level. */
function withChanges(changes: Record<string, unknown>): Record<string, unknown> {
  return { ...(structuredClone(full) as unknown as Record<string, unknown>), ...changes };
}

function errorsOf(value: unknown): string[] {
  const result = parseIncident(value);
  return result.ok ? [] : result.errors;
}

describe('parseIncident: valid input', () => {
  it('accepts a complete incident and returns an equal copy, not the same object', () => {
    const result = parseIncident(full);
    expect(result).toEqual({ ok: true, value: full });
    if (result.ok) expect(result.value).not.toBe(full);
  });

  it('accepts each kind of "when"', () => {
    for (const when of [
      { kind: 'exact', date: '2024-02-29' },
      { kind: 'approximate', description: 'a week or two before Christmas', from: '2024-12-10', to: '2024-12-24' },
      { kind: 'approximate', description: 'sometime last summer' },
      { kind: 'ongoing', since: '2023-06-01' },
      { kind: 'ongoing' },
    ]) {
      expect(parseIncident(withChanges({ when }))).toMatchObject({ ok: true, value: { when } });
    }
  });

  it('accepts a quick log: only when and what happened, the rest read as empty', () => {
    const result = parseIncident({ when: { kind: 'exact', date: '2025-01-01', time: '07:30' }, whatHappened: 'He rang 6 times' });
    expect(result).toEqual({
      ok: true,
      value: {
        when: { kind: 'exact', date: '2025-01-01', time: '07:30' },
        where: '',
        whatHappened: 'He rang 6 times',
        behaviours: [],
        whoDidIt: '',
        witnesses: [],
        evidenceElsewhere: '',
        attachments: [],
        reported: { reported: false },
        effect: { howItFelt: '', whatItChanged: '' },
      },
    });
  });

  it('treats empty optional fields as absent, so they hash the same either way', () => {
    const result = parseIncident(
      withChanges({
        when: { kind: 'exact', date: '2025-03-14', time: '' },
        reported: { reported: false, policeReference: '', officer: undefined },
      }),
    );
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.value.when).toEqual({ kind: 'exact', date: '2025-03-14' });
    expect(result.value.reported).toEqual({ reported: false });
    expect(Object.keys(result.value.reported)).toEqual(['reported']);
  });

  it('keeps behaviours in the canonical order without duplicates', () => {
    const result = parseIncident(withChanges({ behaviours: ['threats', 'following', 'threats', 'contact-text'] }));
    expect(result).toMatchObject({ ok: true, value: { behaviours: ['following', 'contact-text', 'threats'] } });
  });

  it('lowercases attachment hashes', () => {
    const attachments = [{ ...full.attachments[0], sha256: 'AB'.repeat(32) }];
    expect(parseIncident(withChanges({ attachments }))).toMatchObject({ ok: true, value: { attachments: [{ sha256: 'ab'.repeat(32) }] } });
  });

  it('keeps text exactly as typed: no trimming, newlines and emoji intact', () => {
    const whatHappened = '  first line\n\tsecond line 😢  ';
    expect(parseIncident(withChanges({ whatHappened }))).toMatchObject({ ok: true, value: { whatHappened } });
  });
});

describe('parseIncident: hostile or broken input', () => {
  it('rejects anything that is not an object', () => {
    for (const value of [null, undefined, 42, 'incident', true, [], [full]]) {
      expect(errorsOf(value)).toEqual(['incident: must be an object']);
    }
  });

  it('requires when, with a known kind and its required fields', () => {
    expect(errorsOf(withChanges({ when: undefined }))).toEqual(['when: is required']);
    expect(errorsOf(withChanges({ when: 'yesterday' }))).toEqual(['when: must be an object']);
    expect(errorsOf(withChanges({ when: { kind: 'sometime' } }))).toEqual(['when.kind: must be exact, approximate or ongoing']);
    expect(errorsOf(withChanges({ when: { kind: 'exact' } }))).toEqual(['when.date: is required']);
  });

  it('rejects wrong types, naming each field', () => {
    const errors = errorsOf(
      withChanges({
        where: 12,
        whatHappened: { text: 'x' },
        behaviours: 'following',
        witnesses: [{ name: 1, contact: 'x' }, 'Bob'],
        attachments: [{ id: 'a', name: 'n', type: 'image/png', size: '10', sha256: 'nothex' }],
        reported: { reported: 'yes' },
        effect: 'bad',
      }),
    );
    expect(errors).toEqual([
      'where: must be text',
      'whatHappened: must be text',
      'behaviours: must be a list',
      'witnesses[0].name: must be text',
      'witnesses[1]: must be an object',
      'attachments[0].size: must be a whole number of bytes',
      'attachments[0].sha256: must be 64 hex digits',
      'reported.reported: must be true or false',
      'effect: must be an object',
    ]);
  });

  it('rejects bad dates and times', () => {
    const bad = [
      { kind: 'exact', date: '2023-02-29' },
      { kind: 'exact', date: '2024-13-01' },
      { kind: 'exact', date: '2024-1-05' },
      { kind: 'exact', date: '2024-04-31' },
      { kind: 'exact', date: '0000-01-01' },
      { kind: 'exact', date: '2024-01-05T10:00' },
      { kind: 'exact', date: '2024-01-05', time: '24:00' },
      { kind: 'exact', date: '2024-01-05', time: '9:30' },
      { kind: 'exact', date: '2024-01-05', time: '09:30:00' },
      { kind: 'ongoing', since: 20240105 },
      { kind: 'approximate', description: '', from: '2024-02-01', to: '2024-01-01' },
    ];
    for (const when of bad) expect(errorsOf(withChanges({ when })), JSON.stringify(when)).toHaveLength(1);
  });

  it('rejects unknown behaviours, including prototype names', () => {
    expect(errorsOf(withChanges({ behaviours: ['following', 'stalking', 'constructor', 7] }))).toEqual([
      'behaviours[1]: is not a known behaviour',
      'behaviours[2]: is not a known behaviour',
      'behaviours[3]: is not a known behaviour',
    ]);
  });

  it('rejects over-long text and over-long lists, without echoing their content', () => {
    const secret = 'my-new-address ';
    expect(parseIncident(withChanges({ whatHappened: 'x'.repeat(INCIDENT_LIMITS.longText) }))).toMatchObject({ ok: true });
    const errors = errorsOf(
      withChanges({
        whatHappened: secret.repeat(10_000),
        witnesses: Array.from({ length: INCIDENT_LIMITS.witnesses + 1 }, () => ({ name: 'a', contact: 'b' })),
        attachments: new Array(1_000_000),
        reported: { reported: true, officer: 'x'.repeat(INCIDENT_LIMITS.shortText + 1) },
      }),
    );
    expect(errors).toEqual([
      'whatHappened: longer than 100000 characters',
      'witnesses: more than 100 items',
      'attachments: more than 500 items',
      'reported.officer: longer than 1000 characters',
    ]);
    expect(errors.join()).not.toContain('my-new-address');
  });

  it('rejects attachments without an id, with a bad media type, or with a repeated id', () => {
    const base = full.attachments[0];
    expect(errorsOf(withChanges({ attachments: [{ ...base, id: '' }] }))).toEqual(['attachments[0].id: is required']);
    expect(errorsOf(withChanges({ attachments: [{ ...base, type: 'text/html; <script>' }] }))).toEqual([
      'attachments[0].type: is not a media type',
    ]);
    expect(errorsOf(withChanges({ attachments: [{ ...base, size: -1 }] }))).toEqual([
      'attachments[0].size: must be a whole number of bytes',
    ]);
    expect(errorsOf(withChanges({ attachments: [base, base] }))).toEqual(['attachments[1].id: is repeated']);
  });

  it('drops unknown keys at every level', () => {
    const result = parseIncident({
      ...structuredClone(full),
      extra: 'x',
      when: { ...full.when, zone: 'Europe/London' },
      witnesses: [{ name: 'A', contact: 'B', dob: '1990-01-01' }],
      attachments: [{ ...full.attachments[0], path: '/etc/passwd' }],
      reported: { ...full.reported, station: 'x' },
      effect: { ...full.effect, score: 10 },
    });
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(canonicalJson(result.value)).not.toMatch(/extra|zone|dob|path|station|score/);
    expect(result.value.witnesses).toEqual([{ name: 'A', contact: 'B' }]);
  });

  it('ignores __proto__ keys and never pollutes prototypes', () => {
    const hostile = JSON.parse(
      `{"__proto__":{"polluted":true,"whatHappened":"inherited"},"when":{"kind":"exact","date":"2025-01-01","__proto__":{"time":"12:00"}},` +
        `"witnesses":[{"__proto__":{"name":"x"},"contact":"c"}],"reported":{"__proto__":{"reported":true}},"constructor":{"prototype":{"polluted":true}}}`,
    ) as unknown;
    const result = parseIncident(hostile);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(Object.hasOwn(result.value, '__proto__')).toBe(false);
    expect(result.value.whatHappened).toBe('');
    expect(result.value.when).toEqual({ kind: 'exact', date: '2025-01-01' });
    expect(result.value.witnesses).toEqual([{ name: '', contact: 'c' }]);
    expect(result.value.reported).toEqual({ reported: false });
  });

  it('reads own data properties only: no inherited values, no getters run', () => {
    const inherited = Object.create({ when: { kind: 'ongoing' }, whatHappened: 'from the prototype' }) as object;
    expect(errorsOf(inherited)).toEqual(['when: is required']);
    let calls = 0;
    const withGetter = { ...structuredClone(full) };
    Object.defineProperty(withGetter, 'whatHappened', {
      enumerable: true,
      get: () => {
        calls++;
        throw new Error('boom');
      },
    });
    expect(parseIncident(withGetter)).toMatchObject({ ok: true, value: { whatHappened: '' } });
    expect(calls).toBe(0);
  });

  it('survives a Proxy that throws on every access', () => {
    const trap = (): never => {
      throw new Error('trap');
    };
    const proxy = new Proxy({}, { get: trap, getOwnPropertyDescriptor: trap, ownKeys: trap, has: trap, getPrototypeOf: trap });
    expect(parseIncident(proxy)).toEqual({
      ok: false,
      errors: ['incident: could not be read'],
      issues: [{ path: 'incident', code: 'unreadable' }],
    });
  });

  it('refuses an attachment id that could reach the stored rows of another file', () => {
    const base = full.attachments[0];
    for (const id of ['a:b', 'a\0', '\uffff', 'x'.repeat(INCIDENT_LIMITS.id + 1)]) {
      expect(parseIncident(withChanges({ attachments: [{ ...base, id }] })), JSON.stringify(id)).toMatchObject({ ok: false });
    }
    expect(parseIncident(withChanges({ attachments: [{ ...base, id: 'att-1' }] }))).toMatchObject({ ok: true });
  });

  it('gives each problem as a path and a code, one for one with the messages', () => {
    const result = parseIncident(
      withChanges({
        when: { kind: 'approximate', description: '', from: '2024-02-01', to: '2024-01-01' },
        whatHappened: 'x'.repeat(INCIDENT_LIMITS.longText + 1),
        behaviours: ['following', 'stalking'],
        witnesses: [{ name: 1, contact: 'x' }],
        attachments: [{ ...full.attachments[0], sha256: 'nothex' }, full.attachments[0], full.attachments[0]],
        reported: { reported: true, officer: 'x'.repeat(INCIDENT_LIMITS.shortText + 1) },
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { path: 'when.to', code: 'out-of-order' },
      { path: 'whatHappened', code: 'too-long' },
      { path: 'behaviours[1]', code: 'unknown-value' },
      { path: 'witnesses[0].name', code: 'wrong-type' },
      { path: 'attachments[0].sha256', code: 'bad-format' },
      { path: 'attachments[1].id', code: 'repeated' },
      { path: 'attachments[2].id', code: 'repeated' },
      { path: 'reported.officer', code: 'too-long' },
    ]);
    expect(result.errors.map((error) => error.slice(0, error.indexOf(':')))).toEqual(result.issues.map((issue) => issue.path));
    expect(errorsOf(withChanges({ when: undefined, witnesses: new Array(101) }))).toHaveLength(2);
    const missing = parseIncident(withChanges({ when: undefined, witnesses: new Array(101) }));
    expect(missing.ok ? [] : missing.issues).toEqual([
      { path: 'when', code: 'required' },
      { path: 'witnesses', code: 'too-many' },
    ]);
  });

  it('ignores holes in arrays as missing items', () => {
    const witnesses: unknown[] = [];
    witnesses[1] = { name: 'A', contact: 'B' };
    expect(errorsOf(withChanges({ witnesses }))).toEqual(['witnesses[0]: must be an object']);
  });
});

describe('parseIncident: properties', () => {
  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({
            withObjectString: true,
            withNullPrototype: true,
            withBigInt: true,
            withDate: true,
            withMap: true,
            withSet: true,
            withTypedArray: true,
            withSparseArray: true,
          }),
          fc.jsonValue(),
        ),
        (value) => {
          const result = parseIncident(value);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws on incident-shaped objects with random field values', () => {
    const keys = [
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
      '__proto__',
    ];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.anything()), fc.jsonValue(), (value, when) => {
        expect(() => parseIncident(value)).not.toThrow();
        expect(() => parseIncident({ ...value, when })).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every valid incident and returns it unchanged', () => {
    fc.assert(
      fc.property(incidentArb, (incident) => {
        expect(parseIncident(incident)).toEqual({ ok: true, value: incident });
        // Round-trips through JSON, as a backup or export would.
        expect(parseIncident(JSON.parse(JSON.stringify(incident)))).toEqual({ ok: true, value: incident });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses with as many issues as messages, each naming the same path', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('when', 'whatHappened', 'behaviours', 'witnesses', 'attachments', 'reported'), fc.anything()),
        (value) => {
          const result = parseIncident(value);
          if (result.ok) return;
          expect(result.issues).toHaveLength(result.errors.length);
          result.issues.forEach((issue, i) => expect(result.errors[i]?.startsWith(`${issue.path}: `)).toBe(true));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is idempotent, and whatever it accepts can be hashed', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          incidentArb.map((i) => ({ ...i, junk: 1 }) as unknown),
          fc.anything(),
        ),
        (value) => {
          const first = parseIncident(value);
          if (!first.ok) return;
          expect(parseIncident(first.value)).toEqual(first);
          expect(() => canonicalJson(first.value)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});
