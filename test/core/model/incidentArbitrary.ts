// Test helper (not a test file): fast-check arbitraries for valid incidents.

import fc from 'fast-check';
import { BEHAVIOURS } from '../../../src/core/model/behaviours';
import type { Incident, IncidentWhen } from '../../../src/core/model/incident';

const pad = (n: number): string => String(n).padStart(2, '0');

export const dateArb = fc
  .date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

export const timeArb = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad(h)}:${pad(m)}`);

const textArb = fc.string({ unit: 'grapheme', maxLength: 40 });
const nonEmptyArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });

const whenArb: fc.Arbitrary<IncidentWhen> = fc.oneof(
  fc.record({ kind: fc.constant('exact' as const), date: dateArb, time: timeArb }, { requiredKeys: ['kind', 'date'] }),
  fc
    .record(
      { kind: fc.constant('approximate' as const), description: textArb, from: dateArb, to: dateArb },
      { requiredKeys: ['kind', 'description'] },
    )
    .map((when) =>
      when.from !== undefined && when.to !== undefined && when.from > when.to ? { ...when, from: when.to, to: when.from } : when,
    ),
  fc.record({ kind: fc.constant('ongoing' as const), since: dateArb }, { requiredKeys: ['kind'] }),
);

/** Incidents exactly as parseIncident returns them (canonical behaviour order, no empty optionals). */
export const incidentArb: fc.Arbitrary<Incident> = fc.record({
  when: whenArb,
  where: textArb,
  whatHappened: textArb,
  behaviours: fc.subarray([...BEHAVIOURS]),
  whoDidIt: textArb,
  witnesses: fc.array(fc.record({ name: textArb, contact: textArb }), { maxLength: 3 }),
  evidenceElsewhere: textArb,
  attachments: fc.uniqueArray(
    fc.record({
      id: nonEmptyArb,
      name: textArb,
      type: fc.constantFrom('', 'image/jpeg', 'video/mp4', 'application/pdf', 'audio/x-m4a'),
      size: fc.nat(),
      sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
    }),
    { maxLength: 3, selector: (a) => a.id },
  ),
  reported: fc.record({ reported: fc.boolean(), policeReference: nonEmptyArb, officer: nonEmptyArb }, { requiredKeys: ['reported'] }),
  effect: fc.record({ howItFelt: textArb, whatItChanged: textArb }),
});
