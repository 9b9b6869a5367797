import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffIncidents, isLongText, orderedBehaviours, type FieldChange } from '../../../src/core/diary/revisionDiff';
import { attachmentsToDiscard, entryHistory, type HistoryRecord } from '../../../src/core/diary/revisionHistory';
import type { ChainLink } from '../../../src/core/evidence';
import type { Incident } from '../../../src/core/model/incident';
import { INCIDENT_FIELDS } from '../../../src/core/model/incidentFields';
import { incidentArb } from '../model/incidentArbitrary';
import { aQuickIncident } from '../../support/incidentFactories';

describe('diffIncidents', () => {
  it('finds nothing between equal incidents', () => {
    const a = aQuickIncident({ where: 'Park' });
    expect(diffIncidents(a, structuredClone(a))).toEqual([]);
    // An optional part left out equals one that is undefined.
    expect(
      diffIncidents(
        aQuickIncident({ when: { kind: 'exact', date: '2026-01-01' } }),
        aQuickIncident({ when: { kind: 'exact', date: '2026-01-01', time: undefined } }),
      ),
    ).toEqual([]);
  });

  it('names each changed field with before and after, in display order', () => {
    const before = aQuickIncident({
      where: 'The park',
      whatHappened: 'He was there',
      reported: { reported: false },
      effect: { howItFelt: '', whatItChanged: 'Nothing yet' },
    });
    const after = aQuickIncident({
      where: 'The station',
      whatHappened: 'He was there',
      reported: { reported: true, policeReference: 'CR-1', officer: 'PC Jones' },
      effect: { howItFelt: 'Frightened', whatItChanged: 'Nothing yet' },
      when: { kind: 'approximate', description: 'Sometime in March' },
    });
    expect(diffIncidents(before, after)).toEqual<FieldChange[]>([
      { field: 'when', before: before.when, after: after.when },
      { field: 'where', before: 'The park', after: 'The station' },
      { field: 'reported', before: false, after: true },
      { field: 'policeReference', before: '', after: 'CR-1' },
      { field: 'officer', before: '', after: 'PC Jones' },
      { field: 'howItFelt', before: '', after: 'Frightened' },
    ]);
  });

  it('lists behaviours, witnesses and attachments added and removed', () => {
    const photo = { id: 'a1', name: 'car.jpg', type: 'image/jpeg', size: 10, sha256: 'a'.repeat(64) };
    const audio = { id: 'a2', name: 'call.m4a', type: 'audio/x-m4a', size: 20, sha256: 'b'.repeat(64) };
    const before = aQuickIncident({
      behaviours: ['following', 'loitering'],
      witnesses: [{ name: 'Siân', contact: '' }],
      attachments: [photo],
    });
    const after = aQuickIncident({
      behaviours: ['threats', 'following', 'contact-phone'],
      witnesses: [{ name: 'Siân', contact: '07700 900123' }],
      attachments: [photo, audio],
    });
    expect(diffIncidents(before, after)).toEqual<FieldChange[]>([
      { field: 'behaviours', added: ['contact-phone', 'threats'], removed: ['loitering'] },
      { field: 'witnesses', added: [{ name: 'Siân', contact: '07700 900123' }], removed: [{ name: 'Siân', contact: '' }] },
      { field: 'attachments', added: [audio], removed: [] },
    ]);
  });

  it('counts repeated witnesses one for one', () => {
    const same = { name: 'A', contact: '' };
    expect(diffIncidents(aQuickIncident({ witnesses: [same, same] }), aQuickIncident({ witnesses: [same] }))).toEqual([
      { field: 'witnesses', added: [], removed: [same] },
    ]);
  });

  it('reports a change exactly when the incidents differ, and each field at most once', () => {
    fc.assert(
      fc.property(incidentArb, incidentArb, (a, b) => {
        const changes = diffIncidents(a, b);
        expect(diffIncidents(a, a)).toEqual([]);
        const fields = changes.map((c) => c.field);
        expect(new Set(fields).size).toBe(fields.length);
        expect(fields).toEqual(INCIDENT_FIELDS.filter((f) => fields.includes(f)));
        // Same number of fields changed both ways round.
        expect(diffIncidents(b, a).map((c) => c.field)).toEqual(fields);
        if (changes.length === 0) expect(normalised(a)).toEqual(normalised(b));
      }),
      { numRuns: 300 },
    );
  });

  it('lists breaches and people told added and removed, and private notes as a text change', () => {
    const near = { orderId: 'order-1', conditionId: 'cond-100m' };
    const contact = { orderId: 'order-1', conditionId: 'cond-contact' };
    const sister = { who: 'My sister', how: 'phone' as const };
    const police = { who: '', how: '999' as const, date: '2026-11-20', time: '21:40' };
    const before = aQuickIncident({ breaches: [near], told: [sister], privateNotes: '' });
    const after = aQuickIncident({ breaches: [contact, near], told: [police], privateNotes: 'I felt watched' });
    expect(diffIncidents(before, after)).toEqual<FieldChange[]>([
      { field: 'breaches', added: [contact], removed: [] },
      { field: 'told', added: [police], removed: [sister] },
      { field: 'privateNotes', before: '', after: 'I felt watched' },
    ]);
    // The same person told on another day is a different item.
    expect(diffIncidents(aQuickIncident({ told: [police] }), aQuickIncident({ told: [{ ...police, date: '2026-11-21' }] }))).toEqual([
      { field: 'told', added: [{ ...police, date: '2026-11-21' }], removed: [police] },
    ]);
  });

  it('sees no change from a version written before issue 16 to one saved since with the later fields empty', () => {
    const old = aQuickIncident({ whatHappened: 'Parked outside' });
    delete old.breaches;
    delete old.told;
    delete old.privateNotes;
    expect(diffIncidents(old, aQuickIncident({ whatHappened: 'Parked outside', breaches: [], told: [], privateNotes: '' }))).toEqual([]);
    expect(diffIncidents(old, aQuickIncident({ whatHappened: 'Parked outside', privateNotes: 'Notes' }))).toEqual([
      { field: 'privateNotes', before: '', after: 'Notes' },
    ]);
  });

  it('calls text long when over 80 characters or on several lines', () => {
    expect(isLongText('x'.repeat(80))).toBe(false);
    expect(isLongText('x'.repeat(81))).toBe(true);
    expect(isLongText('one\ntwo')).toBe(true);
  });
});

/** What the diff compares: witnesses and attachments as multisets, behaviours as a set. */
function normalised(i: Incident) {
  return {
    ...i,
    behaviours: [...new Set(i.behaviours)].sort(),
    witnesses: i.witnesses.map((w) => JSON.stringify([w.name, w.contact])).sort(),
    attachments: i.attachments.map((a) => JSON.stringify([a.id, a.sha256])).sort(),
    reported: { reported: i.reported.reported, policeReference: i.reported.policeReference ?? '', officer: i.reported.officer ?? '' },
    when: JSON.stringify(i.when, ['kind', 'date', 'time', 'description', 'from', 'to', 'since']),
  };
}

describe('entryHistory', () => {
  const link = (revision: number, recordedAt: string, kind: ChainLink['kind'] = 'revision'): ChainLink => ({
    seq: revision - 1,
    entryId: 'e',
    revision,
    kind,
    recordedAt,
    contentHash: '0'.repeat(64),
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
  });
  const content = (body: Incident) => ({ v: 1 as const, salt: '0'.repeat(32), body });

  it('starts with when it was written down, then each edit with what changed', () => {
    const first = aQuickIncident({ whatHappened: 'At the gate' });
    const second = aQuickIncident({ whatHappened: 'At the gate', where: 'Home' });
    const records: HistoryRecord[] = [
      { link: link(1, '2026-03-10T12:00:00.000Z'), content: content(first) },
      { link: link(2, '2026-03-11T09:00:00.000Z'), content: content(second) },
      { link: link(3, '2026-03-12T09:00:00.000Z'), content: content(second) },
    ];
    expect(entryHistory(records)).toEqual([
      { revision: 1, recordedAt: '2026-03-10T12:00:00.000Z', kind: 'written', changes: null },
      { revision: 2, recordedAt: '2026-03-11T09:00:00.000Z', kind: 'edited', changes: [{ field: 'where', before: '', after: 'Home' }] },
      { revision: 3, recordedAt: '2026-03-12T09:00:00.000Z', kind: 'edited', changes: [] },
    ]);
  });

  it('cannot say what changed when a version is missing, and leaves tombstones out', () => {
    const records: HistoryRecord[] = [
      { link: link(1, '2026-03-10T12:00:00.000Z'), content: null },
      { link: link(2, '2026-03-11T09:00:00.000Z'), content: content(aQuickIncident()) },
      { link: link(3, '2026-03-12T09:00:00.000Z', 'tombstone'), content: null },
    ];
    expect(entryHistory(records).map((s) => [s.kind, s.changes])).toEqual([
      ['written', null],
      ['edited', null],
    ]);
    expect(entryHistory([])).toEqual([]);
  });
});

describe('attachmentsToDiscard', () => {
  const file = (id: string) => ({ id, name: `${id}.jpg`, type: 'image/jpeg', size: 1, sha256: 'c'.repeat(64) });
  const record = (attachments: ReturnType<typeof file>[] | null): HistoryRecord => ({
    link: {
      seq: 0,
      entryId: 'e',
      revision: 1,
      kind: 'revision',
      recordedAt: '2026-03-10T12:00:00.000Z',
      contentHash: '0'.repeat(64),
      prevHash: '0'.repeat(64),
      hash: '0'.repeat(64),
    },
    content: attachments === null ? null : { v: 1, salt: '0'.repeat(32), body: aQuickIncident({ attachments }) },
  });

  it('takes files from every version, once, except those another entry still uses', () => {
    const records = [record([file('a'), file('b')]), record([file('b'), file('c')]), record(null)];
    expect(attachmentsToDiscard(records, []).sort()).toEqual(['a', 'b', 'c']);
    expect(attachmentsToDiscard(records, [aQuickIncident({ attachments: [file('c')] })]).sort()).toEqual(['a', 'b']);
  });
});

describe('orderedBehaviours', () => {
  it('lists behaviours in the app order, once each', () => {
    expect(orderedBehaviours(['threats', 'following', 'threats', 'loitering'])).toEqual(['following', 'loitering', 'threats']);
  });
});
