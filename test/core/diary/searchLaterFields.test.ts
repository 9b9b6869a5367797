import { describe, expect, it } from 'vitest';
import { searchableText } from '../../../src/core/model/incidentText';
import { aQuickIncident } from '../../support/incidentFactories';

describe('searchableText: the fields that came with orders', () => {
  it('finds who was told and private notes (search runs on the person’s own device), never breach ids', () => {
    const text = searchableText(
      aQuickIncident({
        whatHappened: 'Drove past',
        breaches: [{ orderId: 'order-xyz', conditionId: 'cond-abc' }],
        told: [{ who: 'Paladin helpline', how: 'phone' }],
        privateNotes: 'I wonder if he knows my new route',
      }),
    );
    expect(text).toContain('Paladin helpline');
    expect(text).toContain('I wonder if he knows my new route');
    expect(text).not.toMatch(/order-xyz|cond-abc/);
  });

  it('reads a version from before issue 16 as it always did', () => {
    const old = aQuickIncident({ whatHappened: 'Parked outside', where: 'Home' });
    delete old.breaches;
    delete old.told;
    delete old.privateNotes;
    expect(searchableText(old)).toBe('Home\nParked outside');
  });
});
