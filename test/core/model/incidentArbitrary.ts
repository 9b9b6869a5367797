// Test helper (not a test file): fast-check arbitraries for valid incidents.

import fc from 'fast-check';
import { BEHAVIOURS } from '../../../src/core/model/behaviours';
import { INCIDENT_LIMITS, isAttachmentId, TOLD_HOW, type Incident, type IncidentWhen } from '../../../src/core/model/incident';

const pad = (n: number): string => String(n).padStart(2, '0');

export const dateArb = fc
  .date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

export const timeArb = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad(h)}:${pad(m)}`);

const textArb = fc.string({ unit: 'grapheme', maxLength: 40 });
const nonEmptyArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
/** Attachment ids as incidents may name them (Daybook's own are 32 hex digits; imports may differ). */
const attachmentIdArb = nonEmptyArb.filter(isAttachmentId);

export const whenArb: fc.Arbitrary<IncidentWhen> = fc.oneof(
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

/**
 * Long text that still fits: anything from a few hundred characters to exactly the limit (UTF-16
 * code units, as the limit counts them), any Unicode (lone surrogates included: JSON carries them).
 */
export const longTextArb: fc.Arbitrary<string> = fc
  .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), fc.integer({ min: 500, max: INCIDENT_LIMITS.longText }))
  .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));

/** Short or (now and then) long-but-valid text. */
const anyTextArb = fc.oneof({ weight: 4, arbitrary: textArb }, { weight: 1, arbitrary: longTextArb });

/** Incidents exactly as parseIncident returns them (canonical behaviour order, no empty optionals). */
export const incidentArb: fc.Arbitrary<Incident> = incidentArbWith(textArb);

/** As incidentArb, with what happened (and how it felt) sometimes as long as the limit allows. */
export const longIncidentArb: fc.Arbitrary<Incident> = incidentArbWith(anyTextArb);

function incidentArbWith(longArb: fc.Arbitrary<string>): fc.Arbitrary<Incident> {
  return fc
    .record({
      when: whenArb,
      where: textArb,
      whatHappened: longArb,
      behaviours: fc.subarray([...BEHAVIOURS]),
      whoDidIt: textArb,
      witnesses: fc.array(fc.record({ name: textArb, contact: textArb }), { maxLength: 3 }),
      evidenceElsewhere: textArb,
      attachments: fc.uniqueArray(
        fc.record({
          id: attachmentIdArb,
          name: textArb,
          type: fc.constantFrom('', 'image/jpeg', 'video/mp4', 'application/pdf', 'audio/x-m4a'),
          size: fc.nat(),
          sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
        }),
        { maxLength: 3, selector: (a) => a.id },
      ),
      reported: fc.record({ reported: fc.boolean(), policeReference: nonEmptyArb, officer: nonEmptyArb }, { requiredKeys: ['reported'] }),
      effect: fc.record({ howItFelt: longArb, whatItChanged: textArb }),
    })
    .chain((incident) => fc.option(laterFieldsArb, { nil: undefined }).map((later) => (later ? { ...incident, ...later } : incident)));
}

/** The fields issue 16 added: a version has all three or none (see Incident). */
export const laterFieldsArb: fc.Arbitrary<Required<Pick<Incident, 'breaches' | 'told' | 'privateNotes'>>> = fc.record({
  breaches: fc.uniqueArray(fc.record({ orderId: attachmentIdArb, conditionId: fc.stringMatching(/^[A-Za-z0-9_-]{1,22}$/) }), {
    maxLength: 3,
    selector: (b) => JSON.stringify([b.orderId, b.conditionId]),
  }),
  told: fc.array(
    fc.oneof(
      fc.record({ who: textArb, how: fc.constantFrom(...TOLD_HOW) }),
      fc.record({ who: textArb, how: fc.constantFrom(...TOLD_HOW), date: dateArb }),
      fc.record({ who: textArb, how: fc.constantFrom(...TOLD_HOW), date: dateArb, time: timeArb }),
    ),
    { maxLength: 3 },
  ),
  privateNotes: textArb,
});
