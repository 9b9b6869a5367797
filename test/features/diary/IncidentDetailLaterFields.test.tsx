// @vitest-environment jsdom
// The incident page with the fields that came with orders (issue 16): breaches named by their
// order and condition (linking to the order), who was told, private notes marked as kept out of
// exports, and their changes in the history.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CourtOrder } from '../../../src/core/model/order';
import { aQuickIncident } from '../../support/incidentFactories';
import { belowFieldsShown, renderDiary, testDiary } from './renderDiary';

const SPO: CourtOrder = {
  type: 'order',
  kind: 'spo',
  title: 'Leeds SPO',
  court: 'Leeds Magistrates',
  attachments: [],
  conditions: [
    { id: 'cond-100m', text: 'Must not come within 100 metres of 12 Station Road' },
    { id: 'cond-contact', text: 'Must not contact me directly or through others' },
  ],
};

function fieldsOnPage(): Record<string, string | null | undefined> {
  return Object.fromEntries(
    [...document.querySelectorAll('.incident-fields > div')].map((div) => [
      div.querySelector('dt')?.textContent,
      div.querySelector('dd')?.textContent,
    ]),
  );
}

describe('incident detail: breaches, who was told, private notes', () => {
  it('names each breach by its condition and order, links to the order, and lists the changes', async () => {
    const repository = await testDiary();
    const orderId = await repository.addOrder(SPO);
    const first = aQuickIncident(
      {
        whatHappened: 'Drove past twice',
        breaches: [{ orderId, conditionId: 'cond-100m' }],
        told: [{ who: 'My sister', how: 'phone' }],
        privateNotes: '',
      },
      new Date('2026-03-09T19:05:00'),
    );
    const id = await repository.add(first);
    await repository.edit(id, {
      ...first,
      breaches: [
        { orderId, conditionId: 'cond-100m' },
        { orderId, conditionId: 'cond-contact' },
        { orderId, conditionId: 'cond-removed' },
      ],
      told: [
        { who: 'My sister', how: 'phone' },
        { who: 'Police', how: '101', date: '2026-03-10', time: '08:30' },
      ],
      privateNotes: 'I think he wants me to know he is watching',
    });
    await renderDiary(repository, `/incidents/${id}`);

    const fields = fieldsOnPage();
    expect(fields['Breaches a condition']).toContain('Must not come within 100 metres of 12 Station Road');
    expect(fields['Breaches a condition']).toContain('A condition no longer on the order');
    expect(fields['Who was told']).toBe('My sister: By phonePolice: Called 101, 10 Mar 2026 at 08:30');
    expect(fields['Private notes']).toBe('Private: not exported unless you chooseI think he wants me to know he is watching');
    const links = screen.getAllByRole('link', { name: 'Stalking Protection Order: Leeds SPO' });
    expect(links).toHaveLength(3);
    for (const link of links) expect(link.getAttribute('href')).toBe(`/orders/${orderId}`);

    const history = await belowFieldsShown();
    expect(screen.getByRole('region', { name: 'History of changes' })).toBe(history);
    const changes = [...within(history).getAllByRole('listitem')].map((li) => li.textContent);
    expect(changes).toContain(
      'Breaches a condition added “Must not contact me directly or through others” (Stalking Protection Order: Leeds SPO) and “A condition no longer on the order” (Stalking Protection Order: Leeds SPO)',
    );
    expect(changes).toContain('Who was told added Police: Called 101, 10 Mar 2026 at 08:30');
    expect(changes).toContain('Private notes (blank) → I think he wants me to know he is watching');
  });

  it('shows no later fields for an incident without them, and no breaches row when there are none', async () => {
    const repository = await testDiary();
    const id = await repository.add(aQuickIncident({ whatHappened: 'Parked outside' }));
    await renderDiary(repository, `/incidents/${id}`);
    const fields = fieldsOnPage();
    expect(fields).not.toHaveProperty('Breaches a condition');
    expect(fields['Who was told']).toBe('Not recorded');
    expect(fields['Private notes']).toBe('Not recorded');
  });
});
