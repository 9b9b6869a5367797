import { describe, expect, it } from 'vitest';
import { buildBreachSummary } from '../../../../src/core/export/breachReport/breachSummary';
import { emptyIncident } from '../../../../src/core/model/incident';
import { breachIncident, order, POLISH, PRIVATE } from './fixtures';

const now = new Date('2026-12-03T22:30:00.000Z');

describe('buildBreachSummary', () => {
  it('takes the order, the conditions named, the facts, who was told and the evidence', () => {
    const incident = breachIncident();
    const summary = buildBreachSummary({ orderId: 'o1', order, incident, conditionIds: ['c1', 'c2'], now });
    expect(summary.madeAt).toBe('2026-12-03T22:30:00.000Z');
    expect(summary.order).toEqual({
      kind: 'spo',
      title: 'SPO from Leeds',
      court: 'Leeds Magistrates’ Court',
      madeOn: '2026-03-01',
      servedOn: '2026-03-04',
    });
    expect(summary.conditions).toEqual([
      { id: 'c1', text: 'Must not come within 100 metres of 12 Station Road, Leeds' },
      { id: 'c2', text: POLISH },
    ]);
    expect(summary.breach).toEqual({
      when: incident.when,
      where: incident.where,
      whatHappened: incident.whatHappened,
      whoDidIt: 'John Smith',
      witnesses: incident.witnesses,
      reported: true,
      policeReference: 'WY-12345-26',
      officer: 'PC Jones',
    });
    expect(summary.told).toEqual(incident.told);
    expect(summary.evidence).toEqual({ files: incident.attachments, elsewhere: 'Doorbell camera footage on my phone' });
  });

  it('never holds private notes, nor how it felt or what it changed', () => {
    const summary = buildBreachSummary({ orderId: 'o1', order, incident: breachIncident(), conditionIds: ['c1'], now });
    const json = JSON.stringify(summary);
    expect(json).not.toContain(PRIVATE);
    expect(json).not.toContain('Terrified');
    expect(json).not.toContain('front door');
    expect(json).not.toContain('privateNotes');
  });

  it('names every condition given, each once, in the order given', () => {
    const summary = buildBreachSummary({ orderId: 'o1', order, incident: breachIncident(), conditionIds: ['c3', 'c1', 'c3'], now });
    expect(summary.conditions.map((c) => c.id)).toEqual(['c3', 'c1']);
  });

  it('falls back to the conditions of this order the incident is marked as breaching', () => {
    const summary = buildBreachSummary({ orderId: 'o1', order, incident: breachIncident(), conditionIds: [], now });
    expect(summary.conditions.map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('names a condition no longer on the order as such (no wording)', () => {
    const summary = buildBreachSummary({ orderId: 'o1', order, incident: breachIncident(), conditionIds: ['c1', 'gone'], now });
    expect(summary.conditions).toEqual([
      { id: 'c1', text: 'Must not come within 100 metres of 12 Station Road, Leeds' },
      { id: 'gone', text: null },
    ]);
  });

  it('carries the last known wording of a condition no longer on the order, from the order’s history', () => {
    const summary = buildBreachSummary({
      orderId: 'o1',
      order,
      incident: breachIncident(),
      conditionIds: ['c1', 'gone', 'lost'],
      formerConditions: [
        { id: 'gone', text: 'Must not post about me online' },
        { id: 'lost', text: null },
      ],
      now,
    });
    expect(summary.conditions).toEqual([
      { id: 'c1', text: 'Must not come within 100 metres of 12 Station Road, Leeds' },
      { id: 'gone', text: null, lastKnownText: 'Must not post about me online' },
      { id: 'lost', text: null },
    ]);
  });

  it('leaves out the police reference and officer when it was not reported to the police, as the main report does', () => {
    const incident = { ...breachIncident(), reported: { reported: false, policeReference: 'WY-999', officer: 'PC Brown' } };
    const summary = buildBreachSummary({ orderId: 'o1', order, incident, conditionIds: ['c1'], now });
    expect(summary.breach.reported).toBe(false);
    expect(summary.breach).not.toHaveProperty('policeReference');
    expect(summary.breach).not.toHaveProperty('officer');
    expect(JSON.stringify(summary)).not.toContain('WY-999');
    expect(JSON.stringify(summary)).not.toContain('PC Brown');
  });

  it('leaves out a blank police reference and officer, and an unrecorded expiry', () => {
    const incident = { ...emptyIncident(now), reported: { reported: false, policeReference: '  ', officer: '' } };
    const summary = buildBreachSummary({ orderId: 'o1', order, incident, conditionIds: ['c1'], now });
    expect(summary.breach).not.toHaveProperty('policeReference');
    expect(summary.breach).not.toHaveProperty('officer');
    expect(summary.order).not.toHaveProperty('expiresOn');
    expect(summary.told).toEqual([]);
  });

  it('reads an incident from before orders (no told, no breaches) without failing', () => {
    const old = breachIncident();
    delete old.breaches;
    delete old.told;
    delete old.privateNotes;
    const summary = buildBreachSummary({ orderId: 'o1', order, incident: old, conditionIds: [], now });
    expect(summary.told).toEqual([]);
    expect(summary.conditions).toEqual([]);
  });
});
