// @vitest-environment jsdom
// The package viewer shows the court orders a file carries (kind, title, court, dates, each
// condition) and, for each incident, the breaches it records and who was told, where shown.

import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { serializeExportDocument } from '../../../src/core/export/exportJson';
import { PackageOrders } from '../../../src/features/evidencePackage/PackageOrders';
import { anOrder, CONDITION_TEXT, ordersDiary, ordersExport } from '../../core/export/exportOrdersFixture';
import { exhibitsOf } from '../../../src/core/export/exhibits';
import { testI18n } from '../../support/i18n';
import { openOnScreen } from './packageFixture';

describe('package viewer: court orders', () => {
  it('lists each order with its kind, court, dates and conditions, checked against the record of changes', async () => {
    const document = await ordersExport(await ordersDiary(), ['incident-a'], { includeAttachments: false, includeOrders: true });
    await openOnScreen(document);
    const section = screen.getByRole('region', { name: 'Court orders' });
    const first = within(section).getByRole('heading', { name: 'Stalking Protection Order' }).closest('li');
    if (!first) throw new Error('expected the order’s item');
    const order = within(first);
    expect(order.getByText('Manchester Magistrates’ Court')).toBeTruthy();
    expect(order.getByText('Made on 1 Feb 2025')).toBeTruthy();
    expect(order.getByText('Ends on 1 Feb 2027')).toBeTruthy();
    expect(order.getByText(CONDITION_TEXT)).toBeTruthy();
    expect(order.getByText('Must not contact me by any means')).toBeTruthy();
    expect(order.getByText('Every version of this order matches the record of changes in this file.')).toBeTruthy();
    expect(within(section).getByRole('heading', { name: 'Non-molestation order' })).toBeTruthy();
    expect(within(section).getByText('No conditions written down.')).toBeTruthy();
  });

  it('shows, in an incident, the condition it breaches (with its order) and who was told', async () => {
    const document = await ordersExport(await ordersDiary(), ['incident-a'], { includeAttachments: false, includeOrders: true });
    await openOnScreen(document);
    const incidents = screen.getByRole('region', { name: 'Incidents, in the order they happened' });
    const breach = within(incidents).getByText(CONDITION_TEXT).closest('li');
    expect(breach?.textContent).toContain('Stalking Protection Order');
    expect(within(incidents).getByText('Who was told')).toBeTruthy();
    expect(within(incidents).getByText(/My sister/)).toBeTruthy();
  });

  it('does not show who was told when the sender left it out', async () => {
    const document = await ordersExport(await ordersDiary(), ['incident-a'], {
      includeAttachments: false,
      includeOrders: true,
      omitFields: ['told'],
    });
    await openOnScreen(document);
    expect(screen.queryByRole('heading', { name: 'Who they told' })).toBeNull();
    expect(screen.queryByText('My sister')).toBeNull();
  });

  it('names a breach of an order the file does not carry as such', async () => {
    const document = await ordersExport(await ordersDiary(), ['incident-a'], { includeAttachments: false, includeOrders: true });
    // The orders taken out of the file (which then does not verify: their links are still in it).
    await openOnScreen({ ...document, orders: undefined });
    expect(screen.queryByRole('region', { name: 'Court orders' })).toBeNull();
    expect(screen.getByText('Breaches a condition of an order that this export does not include')).toBeTruthy();
    expect(screen.queryByText(/no longer in your diary/)).toBeNull();
  });

  it('says an order whose version does not check out does NOT agree', async () => {
    const document = await ordersExport(await ordersDiary(), ['incident-a'], { includeAttachments: false, includeOrders: true });
    const i18n = await testI18n();
    render(
      <I18nextProvider i18n={i18n}>
        <PackageOrders
          orders={document.orders ?? []}
          revisions={[
            { orderId: 'order-1', revision: 1, status: 'checked' },
            { orderId: 'order-1', revision: 2, status: 'failed' },
          ]}
        />
      </I18nextProvider>,
    );
    expect(screen.getAllByText('This order does NOT agree with the record of changes in this file.')).toHaveLength(2);
  });

  it('a file without orders shows no orders section', async () => {
    const document = await ordersExport(await ordersDiary(), ['incident-b'], { includeAttachments: false, includeOrders: false });
    expect(serializeExportDocument(document)).not.toContain('"orders"');
    await openOnScreen(document);
    expect(screen.queryByRole('region', { name: 'Court orders' })).toBeNull();
  });

  it('reads right to left in Arabic and Urdu: every order text in its own isolate', async () => {
    const document = await ordersExport(await ordersDiary(), ['incident-a'], { includeAttachments: false, includeOrders: true });
    for (const language of ['ar', 'ur']) {
      const i18n = await testI18n(language);
      const { unmount } = render(
        <I18nextProvider i18n={i18n}>
          <PackageOrders orders={document.orders ?? []} revisions={[]} />
        </I18nextProvider>,
      );
      expect(screen.getByText(CONDITION_TEXT).tagName).toBe('BDI');
      expect(screen.getByText('Manchester Magistrates’ Court').tagName).toBe('BDI');
      unmount();
    }
  });

  it('names an order by its kind and title through a translated label, the title alone isolated', async () => {
    const diary = await ordersDiary();
    await diary.tick().save('order-4', anOrder({ kind: 'restraining-conviction', title: 'أمر 3 مايو', attachments: [] }));
    const document = await ordersExport(diary, ['incident-a'], { includeAttachments: false, includeOrders: true });
    const i18n = await testI18n();
    // A language may put the title first: the label comes from the translation, not from code.
    i18n.addResource('en-GB', 'evidence', 'orders.nameWithTitle', '{{title}} — {{kind}}');
    render(
      <I18nextProvider i18n={i18n}>
        <PackageOrders orders={document.orders ?? []} revisions={[]} />
      </I18nextProvider>,
    );
    const heading = screen.getByRole('heading', { name: /أمر 3 مايو/ });
    expect(heading.textContent).toBe(`أمر 3 مايو — ${i18n.t('orders:kinds.restraining-conviction')}`);
    expect(within(heading).getByText('أمر 3 مايو').tagName).toBe('BDI');
    expect(heading.querySelectorAll('bdi')).toHaveLength(1);
  });

  it('shows the exhibit reference of the copy of the order, with the note that it is a label', async () => {
    const document = await ordersExport(await ordersDiary(), ['incident-a'], { includeAttachments: true, includeOrders: true });
    const exhibits = exhibitsOf(document, 'AB');
    // After the incident's own files: the copy of the order is numbered too.
    const reference = exhibits.get('order-scan')?.reference;
    expect(reference).toBe(`AB/${exhibits.size}`);
    const i18n = await testI18n();
    render(
      <I18nextProvider i18n={i18n}>
        <PackageOrders orders={document.orders ?? []} revisions={[]} exhibits={exhibits} />
      </I18nextProvider>,
    );
    const file = screen.getAllByText('order.pdf')[0]?.closest('li');
    expect(file?.textContent).toBe(`order.pdf Exhibit ${reference ?? ''}`);
    expect(screen.getAllByText(/^Exhibit references were set when the package was made/).length).toBeGreaterThan(0);
  });
});
