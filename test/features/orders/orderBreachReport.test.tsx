// @vitest-environment jsdom
// "Report a breach" on the order page: each button is told apart by its breach's heading, and a
// condition removed from the order reaches the summary with its last known wording.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CourtOrder } from '../../../src/core/model/order';
import type { BreachReportRequest } from '../../../src/features/orders/report/makeBreachReportPdf';
import { aQuickIncidentOn } from '../../support/incidentFactories';
import { testDiary } from '../diary/renderDiary';
import { renderOrders } from './renderOrders';

const requests = vi.hoisted(() => [] as BreachReportRequest[]);

// The PDF worker does not run here: the request it would get is what matters.
vi.mock('../../../src/features/orders/report/makeBreachReportPdf', () => ({
  makeBreachReportPdf: async (request: BreachReportRequest) => {
    requests.push(request);
    return new File([new Uint8Array([37, 80, 68, 70])], 'daybook-summary-2026-12-03.pdf', { type: 'application/pdf' });
  },
}));

const STATION = 'Must not come within 100 metres of 12 Station Road';
const CONTACT = 'Must not contact me directly or through anyone else';

const anOrder = (conditions: CourtOrder['conditions']): CourtOrder => ({
  type: 'order',
  kind: 'spo',
  title: '',
  court: 'Leeds Magistrates’ Court',
  attachments: [],
  conditions,
});

describe('Report a breach on the order page', () => {
  it('describes each button by its breach’s heading, and passes a removed condition’s last wording', async () => {
    const repository = await testDiary();
    const id = await repository.addOrder(
      anOrder([
        { id: 'cond-station', text: STATION },
        { id: 'cond-contact', text: CONTACT },
      ]),
    );
    await repository.add(
      aQuickIncidentOn('2026-02-01', { whatHappened: 'Drove past', breaches: [{ orderId: id, conditionId: 'cond-station' }] }),
    );
    await repository.add(
      aQuickIncidentOn('2026-02-10', { whatHappened: 'Texted me', breaches: [{ orderId: id, conditionId: 'cond-contact' }] }),
    );
    await repository.editOrder(id, anOrder([{ id: 'cond-station', text: STATION }]), 1);
    await renderOrders(repository, `/orders/${id}`);

    const breaches = screen.getByRole('region', { name: 'Breaches' });
    const buttons = await within(breaches).findAllByRole('button', { name: 'Report a breach' });
    expect(buttons).toHaveLength(2);
    const descriptions = buttons.map((button) => {
      const describedBy = button.getAttribute('aria-describedby') ?? '';
      return document.getElementById(describedBy)?.textContent;
    });
    expect(descriptions).toEqual(['1 Feb 2026 at 12:00', '10 Feb 2026 at 12:00']);
    for (const button of buttons) expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.tagName).toBe('H3');

    await userEvent.click(buttons[1] as HTMLElement);
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.conditionIds).toEqual(['cond-contact']);
    expect(requests[0]?.formerConditions).toEqual([{ id: 'cond-contact', text: CONTACT }]);
  });
});
