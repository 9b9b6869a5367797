// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CourtOrder } from '../../../src/core/model/order';
import type { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { aQuickIncidentOn } from '../../support/incidentFactories';
import { testDiary, testStores } from '../diary/renderDiary';
import { renderOrders } from './renderOrders';

const STATION = 'Must not come within 100 metres of 12 Station Road';
const CONTACT = 'Must not contact me directly or through anyone else';

function anOrder(fields: Partial<CourtOrder> = {}): CourtOrder {
  return {
    type: 'order',
    kind: 'spo',
    title: '',
    court: 'Leeds Magistrates’ Court',
    madeOn: '2026-01-05',
    attachments: [],
    conditions: [
      { id: 'cond-station', text: STATION },
      { id: 'cond-contact', text: CONTACT },
    ],
    ...fields,
  };
}

/** An incident on `date` marked as breaching `conditionIds` of `orderId`. */
async function addBreach(repository: DiaryRepository, date: string, whatHappened: string, orderId: string, conditionIds: string[]) {
  return repository.add(aQuickIncidentOn(date, { whatHappened, breaches: conditionIds.map((conditionId) => ({ orderId, conditionId })) }));
}

/** Text as read, without the isolates that set the person's own words apart from a sentence. */
function plain(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u2068\u2069]/g, '');
}

describe('orders list', () => {
  it('with no orders, says what orders are for and offers "Add an order"', async () => {
    const repository = await testDiary();
    await renderOrders(repository);
    expect(screen.getByRole('heading', { level: 1, name: 'Orders' })).toBeTruthy();
    expect(screen.getByText(/is a crime\.$/)).toBeTruthy();
    expect(screen.getByText(/Log every breach, even small ones/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Add an order' }).getAttribute('href')).toBe('/orders/new');
  });

  it('lists each order with its kind, court, dates and counts of conditions and breaches', async () => {
    const repository = await testDiary();
    const id = await repository.addOrder(anOrder({ expiresOn: '2028-01-05' }));
    await addBreach(repository, '2026-02-01', 'Drove past twice', id, ['cond-station']);
    await addBreach(repository, '2026-02-03', 'Message through my cousin', id, ['cond-station', 'cond-contact']);
    await repository.add(aQuickIncidentOn('2026-02-04', { whatHappened: 'Not a breach' }));
    await renderOrders(repository);
    const card = screen.getByRole('link', { name: 'Stalking Protection Order' }).closest('li');
    expect(card).not.toBeNull();
    const text = plain(card?.textContent);
    expect(text).toContain('Court: Leeds Magistrates’ Court');
    expect(text).toContain('Made on 5 Jan 2026');
    expect(text).toContain('Ends on 5 Jan 2028');
    expect(text).toContain('2 conditions');
    expect(text).toContain('2 breaches logged');
  });
});

describe('order form', () => {
  it('adds an order with two conditions: addOrder gets the order as typed, trimmed, with a fresh id per condition', async () => {
    const repository = await testDiary();
    const addOrder = vi.fn((order: CourtOrder) => repository.addOrder(order));
    const { router } = await renderOrders(repository, '/orders/new', 'en-GB', { addOrder });
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: 'Non-molestation order' }));
    await user.type(screen.getByLabelText('Court'), '  Family Court at Leeds ');
    await user.type(screen.getByLabelText('Date the order was made'), '2026-01-05');
    await user.type(screen.getByLabelText('Date it ends'), '2027-01-05');
    await user.type(screen.getByLabelText('Condition 1'), ` ${STATION} `);
    await user.click(screen.getByRole('button', { name: 'Add a condition' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Condition 2')));
    await user.type(screen.getByLabelText('Condition 2'), CONTACT);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(addOrder).toHaveBeenCalledTimes(1));
    const saved = addOrder.mock.calls[0]?.[0];
    expect(saved).toEqual({
      type: 'order',
      kind: 'non-molestation',
      title: '',
      court: 'Family Court at Leeds',
      madeOn: '2026-01-05',
      expiresOn: '2027-01-05',
      attachments: [],
      conditions: [
        { id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) as unknown, text: STATION },
        { id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) as unknown, text: CONTACT },
      ],
    });
    expect(saved?.conditions[0]?.id).not.toBe(saved?.conditions[1]?.id);
    // addOrder was called; its write may still be under way.
    await waitFor(() => expect(repository.snapshot().orders).toHaveLength(1));
    const [stored] = repository.snapshot().orders;
    await waitFor(() => expect(router.state.location.pathname).toBe(`/orders/${stored?.id}`));
    expect(await screen.findByRole('heading', { level: 1, name: 'Non-molestation order' })).toBeTruthy();
  });

  it('refuses to save without a condition, an end before the start, or another order with no name, and says why', async () => {
    const repository = await testDiary();
    const addOrder = vi.fn((order: CourtOrder) => repository.addOrder(order));
    await renderOrders(repository, '/orders/new', 'en-GB', { addOrder });
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: 'Another order' }));
    await user.type(screen.getByLabelText('Date the order was made'), '2026-01-05');
    await user.type(screen.getByLabelText('Date it ends'), '2025-12-31');
    await user.type(screen.getByLabelText('Condition 1'), '   ');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const summary = await screen.findByRole('heading', { name: 'There is a problem' });
    const items = within(summary.parentElement as HTMLElement)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(items).toEqual([
      'What the order is called: Write what the order is called.',
      'Date it ends: The end date cannot be before the date the order was made.',
      'Conditions: Write at least one condition.',
    ]);
    await waitFor(() => expect(document.activeElement).toBe(summary.parentElement));
    expect(screen.getByLabelText('What the order is called').getAttribute('aria-invalid')).toBe('true');
    expect(addOrder).not.toHaveBeenCalled();

    // Put right, each error goes.
    await user.type(screen.getByLabelText('What the order is called'), 'Occupation order');
    await user.clear(screen.getByLabelText('Date it ends'));
    await user.type(screen.getByLabelText('Condition 1'), 'Must leave the house');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(addOrder).toHaveBeenCalledTimes(1));
    expect(addOrder.mock.calls[0]?.[0]).toMatchObject({ kind: 'other', title: 'Occupation order', madeOn: '2026-01-05' });
    expect(addOrder.mock.calls[0]?.[0]).not.toHaveProperty('expiresOn');
  });

  it('says at once when a condition is too long', async () => {
    const repository = await testDiary();
    await renderOrders(repository, '/orders/new');
    const field = screen.getByLabelText('Condition 1');
    await userEvent.setup().click(field);
    // Typing 10,001 characters one by one is slow: paste them.
    await userEvent.setup().paste('x'.repeat(10_001));
    expect(await screen.findByText('This is too long. It can be at most 10,000 characters.')).toBeTruthy();
  });

  it('an edit keeps each condition’s id, gives a new one an id of its own, and shows what changed in the history', async () => {
    const repository = await testDiary();
    const id = await repository.addOrder(anOrder());
    const editOrder = vi.fn((orderId: string, order: CourtOrder, basedOn?: number) => repository.editOrder(orderId, order, basedOn));
    const { router } = await renderOrders(repository, `/orders/${id}/edit`, 'en-GB', { editOrder });
    const user = userEvent.setup();
    const first = screen.getByLabelText('Condition 1');
    await user.clear(first);
    await user.type(first, 'Must not come within 200 metres of 12 Station Road');
    await user.click(screen.getByRole('button', { name: 'Add a condition' }));
    await user.type(screen.getByLabelText('Condition 3'), 'Must not post about me online');
    await user.type(screen.getByLabelText('Date it ends'), '2028-01-05');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(editOrder).toHaveBeenCalledTimes(1));
    const [orderId, order, basedOn] = editOrder.mock.calls[0] ?? [];
    expect(orderId).toBe(id);
    expect(basedOn).toBe(1);
    expect(order?.conditions.map((c) => c.id).slice(0, 2)).toEqual(['cond-station', 'cond-contact']);
    expect(order?.conditions[0]?.text).toBe('Must not come within 200 metres of 12 Station Road');
    expect(order?.conditions[2]?.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/orders/${id}`));

    const history = await screen.findByRole('region', { name: 'History' });
    const lines = within(history)
      .getAllByRole('listitem')
      .map((li) => plain(li.textContent));
    expect(lines).toContain('Date it ends changed from Not given to 5 Jan 2028');
    expect(lines).toContain('Condition added: Must not post about me online');
    expect(lines.some((line) => line?.startsWith(`Condition changed from: ${STATION}`))).toBe(true);
  });

  it('saving with nothing changed adds no revision', async () => {
    const repository = await testDiary();
    const id = await repository.addOrder(anOrder());
    const { router } = await renderOrders(repository, `/orders/${id}/edit`);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/orders/${id}`));
    expect(repository.snapshot().orders[0]?.revisions).toBe(1);
  });

  it('warns before removing a condition incidents name, and removes it only when asked again', async () => {
    const repository = await testDiary();
    const id = await repository.addOrder(anOrder());
    await addBreach(repository, '2026-02-01', 'Drove past twice', id, ['cond-station']);
    await addBreach(repository, '2026-02-02', 'Parked outside', id, ['cond-station']);
    await renderOrders(repository, `/orders/${id}/edit`);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Remove condition 1' }));
    expect(
      await screen.findByText(
        '2 incidents are marked as breaching a condition you are removing. They will keep the mark, shown as a condition no longer on the order.',
      ),
    ).toBeTruthy();
    expect(screen.getByLabelText('Condition 1')).toHaveProperty('value', STATION);
    await user.click(screen.getByRole('button', { name: 'Keep the condition' }));
    expect(screen.getByLabelText('Condition 1')).toHaveProperty('value', STATION);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Condition 1')));

    // A condition no incident names goes at once.
    await user.click(screen.getByRole('button', { name: 'Remove condition 2' }));
    expect(screen.queryByLabelText('Condition 2')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove it anyway' })).toBeNull();
  });

  it('emptying a breached condition warns at Save, and saves only when confirmed', async () => {
    const repository = await testDiary();
    const id = await repository.addOrder(anOrder());
    await addBreach(repository, '2026-02-01', 'Drove past twice', id, ['cond-contact']);
    const { router } = await renderOrders(repository, `/orders/${id}/edit`);
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Condition 2'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/^1 incident is marked as breaching a condition you are removing/)).toBeTruthy();
    expect(repository.snapshot().orders[0]?.revisions).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Save anyway' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/orders/${id}`));
    expect(repository.snapshot().orders[0]?.order.conditions.map((c) => c.id)).toEqual(['cond-station']);
  });

  it('Cancel with changes typed asks first; Stay keeps them, and with nothing typed it just leaves', async () => {
    const repository = await testDiary();
    const id = await repository.addOrder(anOrder());
    const { router } = await renderOrders(repository, `/orders/${id}/edit`);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Condition 2'), ' at all');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Leave without saving?' })));
    await user.click(screen.getByRole('button', { name: 'Stay and keep editing' }));
    expect(screen.getByLabelText('Condition 2')).toHaveProperty('value', `${CONTACT} at all`);
    expect(router.state.location.pathname).toBe(`/orders/${id}/edit`);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Leave without saving' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/orders/${id}`));
    expect(repository.snapshot().orders[0]?.revisions).toBe(1);

    await router.navigate(`/orders/${id}/edit`);
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/orders/${id}`));
  });

  it('a newer version saved in another tab refuses the save with a clear message, and keeps what was typed', async () => {
    const repository = await testDiary();
    const id = await repository.addOrder(anOrder());
    await renderOrders(repository, `/orders/${id}/edit`);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Court'), ' (Family)');
    // Meanwhile, another tab saves a new version.
    await repository.editOrder(id, anOrder({ court: 'Bradford Crown Court' }), 1);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const alert = (await screen.findByText('The order was not saved.')).closest('[role="alert"]');
    expect(alert?.textContent).toContain('This order was changed or deleted in another tab or window since you opened it');
    expect(screen.getByLabelText('Court')).toHaveProperty('value', 'Leeds Magistrates’ Court (Family)');
    expect(repository.snapshot().orders[0]?.order.court).toBe('Bradford Crown Court');
  });
});

describe('order page', () => {
  it('lists breaches in the time they happened, with a count per condition', async () => {
    const repository = await testDiary();
    const id = await repository.addOrder(anOrder());
    const other = await repository.addOrder(anOrder({ kind: 'dvpo', conditions: [{ id: 'x', text: 'Another order’s condition' }] }));
    // Written down out of order: the page goes by when each happened.
    const late = await addBreach(repository, '2026-02-10', 'Message through my cousin', id, ['cond-station', 'cond-contact']);
    const early = await addBreach(repository, '2026-02-01', 'Drove past twice', id, ['cond-station']);
    await addBreach(repository, '2026-02-05', 'Not this order', other, ['x']);
    await renderOrders(repository, `/orders/${id}`);

    const conditions = screen.getByRole('region', { name: 'Conditions' });
    const counts = within(conditions)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(counts).toEqual([`${STATION}2 breaches logged`, `${CONTACT}1 breach logged`]);

    const breaches = screen.getByRole('region', { name: 'Breaches' });
    const links = within(breaches).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual([`/incidents/${early}`, `/incidents/${late}`]);
    expect(links.map((link) => link.textContent)).toEqual(['1 Feb 2026 at 12:00', '10 Feb 2026 at 12:00']);
    const items = within(breaches)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.closest('li')?.textContent ?? '');
    expect(items[1]).toContain(STATION);
    expect(items[1]).toContain(CONTACT);
    expect(items[0]).not.toContain(CONTACT);
  });

  it('groups breaches of a condition removed from the order under "A condition no longer on the order", with its last wording', async () => {
    const repository = await testDiary();
    const id = await repository.addOrder(anOrder());
    const incident = await addBreach(repository, '2026-02-01', 'Texted me', id, ['cond-contact']);
    await repository.editOrder(id, anOrder({ conditions: [{ id: 'cond-station', text: STATION }] }), 1);
    await renderOrders(repository, `/orders/${id}`);

    const conditions = screen.getByRole('region', { name: 'Conditions' });
    const former = within(conditions).getByRole('heading', { level: 3, name: 'A condition no longer on the order' });
    expect(former).toBeTruthy();
    const group = former.nextElementSibling?.nextElementSibling as HTMLElement;
    expect(group.textContent).toContain(CONTACT);
    expect(group.textContent).toContain('1 breach logged');
    expect(within(group).getByRole('link').getAttribute('href')).toBe(`/incidents/${incident}`);
    const breaches = screen.getByRole('region', { name: 'Breaches' });
    expect(breaches.textContent).toContain(`A condition no longer on the order: ${CONTACT}`);
    // The history says it went.
    expect(plain(screen.getByRole('region', { name: 'History' }).textContent)).toContain(`Condition removed: ${CONTACT}`);
  });

  it('deletes the order after asking again, and goes back to the list', async () => {
    const repository = await testDiary();
    const id = await repository.addOrder(anOrder());
    const { router } = await renderOrders(repository, `/orders/${id}`);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete this order' }));
    await user.click(await screen.findByRole('button', { name: 'Yes, delete the order' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/orders'));
    expect(repository.snapshot().orders).toEqual([]);
    expect(repository.snapshot().deleted.map((d) => d.id)).toContain(id);
  });

  it('deleting an order removes its copy, but not a file an incident also holds', async () => {
    const repository = await testDiary();
    const attachments = testStores(repository).attachments;
    const own = await attachments.save(new Blob(['%PDF-1.4 the order']), 'order.pdf');
    const shared = await attachments.save(new Blob(['a photo']), 'photo.jpg');
    const id = await repository.addOrder(anOrder({ attachments: [own, shared] }));
    await repository.add(aQuickIncidentOn('2026-02-01', { attachments: [shared] }));
    await renderOrders(repository, `/orders/${id}`);
    expect(screen.getByRole('region', { name: 'A copy of the order' }).textContent).toContain('order.pdf');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete this order' }));
    await user.click(await screen.findByRole('button', { name: 'Yes, delete the order' }));
    await waitFor(async () => expect(await attachments.storedIds()).toEqual([shared.id]));
  });

  it('an unknown order says so', async () => {
    const repository = await testDiary();
    await renderOrders(repository, '/orders/nothing-here');
    expect(screen.getByRole('heading', { level: 1, name: 'Order not found' })).toBeTruthy();
  });
});
