import { describe, it, expect } from 'vitest';
import { BEHAVIOURS, isBehaviour } from '../../../src/core/model/behaviours';
import type { Incident } from '../../../src/core/model/incident';
import { emptyIncident } from '../../../src/core/model/incident';
import { parseIncident } from '../../../src/core/model/incidentParse';
import { searchableText } from '../../../src/core/model/incidentText';

describe('behaviours', () => {
  it('lists the sixteen kinds from DESIGN.md, each once', () => {
    expect(BEHAVIOURS).toHaveLength(16);
    expect(new Set(BEHAVIOURS).size).toBe(16);
    expect(BEHAVIOURS).toContain('contact-via-others');
    expect(BEHAVIOURS.at(-1)).toBe('other');
  });

  it('recognises only known ids', () => {
    expect(isBehaviour('following')).toBe(true);
    expect(isBehaviour('Following')).toBe(false);
    expect(isBehaviour('toString')).toBe(false);
    expect(isBehaviour(1)).toBe(false);
  });
});

describe('emptyIncident', () => {
  it('happened "now" by the local clock, with everything else blank', () => {
    const incident = emptyIncident(new Date(2025, 0, 5, 9, 7, 30));
    expect(incident.when).toEqual({ kind: 'exact', date: '2025-01-05', time: '09:07' });
    expect(incident.whatHappened).toBe('');
    expect(incident.behaviours).toEqual([]);
    expect(incident.reported).toEqual({ reported: false });
  });

  it('is valid and unchanged by parseIncident', () => {
    const incident = emptyIncident();
    expect(parseIncident(incident)).toEqual({ ok: true, value: incident });
  });
});

describe('searchableText', () => {
  const incident: Incident = {
    when: { kind: 'approximate', description: 'early spring' },
    where: 'the bus stop',
    whatHappened: 'he followed me',
    behaviours: ['following'],
    whoDidIt: 'J. Smith',
    witnesses: [{ name: 'Priya', contact: '07700 900123' }],
    evidenceElsewhere: 'doorbell camera',
    attachments: [{ id: 'att1', name: 'photo-of-car.jpg', type: 'image/jpeg', size: 10, sha256: 'a'.repeat(64) }],
    reported: { reported: true, policeReference: 'CRN 123/45', officer: 'PC Jones' },
    effect: { howItFelt: 'frightened', whatItChanged: 'I take a taxi now' },
  };

  it('includes every text field and nothing empty', () => {
    const text = searchableText(incident);
    for (const part of [
      'early spring',
      'the bus stop',
      'he followed me',
      'J. Smith',
      'Priya',
      '07700 900123',
      'doorbell camera',
      'photo-of-car.jpg',
      'CRN 123/45',
      'PC Jones',
      'frightened',
      'I take a taxi now',
    ]) {
      expect(text).toContain(part);
    }
    expect(text).not.toContain('\n\n');
    expect(searchableText(emptyIncident())).toBe('');
  });

  it('leaves out behaviour ids and hashes', () => {
    const text = searchableText(incident);
    expect(text).not.toContain('following');
    expect(text).not.toContain('a'.repeat(64));
  });
});
