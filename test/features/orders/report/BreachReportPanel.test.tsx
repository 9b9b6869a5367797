// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BreachReportButton } from '../../../../src/features/orders/report/BreachReportButton';
import { BreachReportPanel } from '../../../../src/features/orders/report/BreachReportPanel';
import { breachReportFileName } from '../../../../src/features/orders/report/fileName';
import type { BreachReportRequest, MakeBreachReportPdf } from '../../../../src/features/orders/report/makeBreachReportPdf';
import { testI18n } from '../../../support/i18n';
import { breachIncident, order } from '../../../core/export/breachReport/fixtures';

const pdfFile = () => new File([new Uint8Array([37, 80, 68, 70])], 'daybook-summary-2026-12-03.pdf', { type: 'application/pdf' });

async function withI18n(node: ReactNode, language = 'en-GB') {
  const i18n = await testI18n(language);
  render(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
}

function panel(make: MakeBreachReportPdf) {
  return (
    <BreachReportPanel
      orderId="o1"
      order={order}
      incident={breachIncident()}
      conditionIds={['c1', 'c2']}
      make={make}
      onClose={() => undefined}
    />
  );
}

const navigatorShare = Object.getOwnPropertyDescriptors(navigator);

afterEach(() => {
  // Put back what a test gave the navigator (jsdom has neither canShare nor share).
  const given = navigator as unknown as { canShare?: unknown; share?: unknown };
  if (!('canShare' in navigatorShare)) delete given.canShare;
  if (!('share' in navigatorShare)) delete given.share;
  vi.restoreAllMocks();
});

describe('breach report panel', () => {
  it('says the PDF is not encrypted, makes it for this order and incident, and hides Share where files cannot be shared', async () => {
    const requests: BreachReportRequest[] = [];
    const make: MakeBreachReportPdf = async (request) => {
      requests.push(request);
      return pdfFile();
    };
    await withI18n(panel(make));
    expect(screen.getByRole('status').textContent).toBe('Preparing the summary…');
    expect(screen.getByText('The PDF is not encrypted: anyone with the file can read it.')).toBeTruthy();
    await waitFor(() => expect((screen.getByRole('button', { name: 'Save as PDF' }) as HTMLButtonElement).disabled).toBe(false));
    expect(screen.getByRole('status').textContent).toBe('The summary is ready.');
    expect(screen.queryByRole('button', { name: 'Share' })).toBeNull();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.orderId).toBe('o1');
    expect(requests[0]?.conditionIds).toEqual(['c1', 'c2']);
    expect(requests[0]?.incident.whatHappened).toBe(breachIncident().whatHappened);
  });

  it('offers Share where the browser can share the file, and shares the PDF itself', async () => {
    const shared: ShareData[] = [];
    Object.assign(navigator, {
      canShare: (data: ShareData) => (data.files ?? []).every((f) => f.type === 'application/pdf'),
      share: async (data: ShareData) => {
        shared.push(data);
      },
    });
    await withI18n(panel(async () => pdfFile()));
    const share = await screen.findByRole('button', { name: 'Share' });
    await userEvent.click(share);
    expect(shared).toHaveLength(1);
    expect(shared[0]?.files?.[0]?.name).toBe('daybook-summary-2026-12-03.pdf');
  });

  it('saves the PDF as a download named by the date only', async () => {
    const createObjectURL = vi.fn(() => 'blob:summary');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    await withI18n(panel(async () => pdfFile()));
    const save = screen.getByRole('button', { name: 'Save as PDF' });
    await waitFor(() => expect((save as HTMLButtonElement).disabled).toBe(false));
    await userEvent.click(save);
    expect(downloads).toEqual(['daybook-summary-2026-12-03.pdf']);
  });

  it('says when the summary could not be made, and tries again', async () => {
    let calls = 0;
    const make: MakeBreachReportPdf = async () => {
      calls++;
      if (calls === 1) throw new Error('no fonts');
      return pdfFile();
    };
    await withI18n(panel(make));
    expect((await screen.findByRole('alert')).textContent).toBe('The summary could not be made.');
    expect((screen.getByRole('button', { name: 'Save as PDF' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Save as PDF' }) as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(calls).toBe(2);
  });

  it('is written in the app’s language (Urdu)', async () => {
    await withI18n(
      panel(async () => pdfFile()),
      'ur',
    );
    expect(screen.getByText('یہ PDF انکرپٹ نہیں ہے: جس کسی کے پاس بھی فائل ہو، وہ اسے پڑھ سکتا ہے۔')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'PDF کے طور پر محفوظ کریں' })).toBeTruthy();
  });
});

describe('Report a breach button', () => {
  it('opens and closes the panel', async () => {
    await withI18n(<BreachReportButton orderId="o1" order={order} incidentId="i1" incident={breachIncident()} conditionIds={['c1']} />);
    const button = screen.getByRole('button', { name: 'Report a breach' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('region', { name: 'Breach summary for the police' })).toBeTruthy();
    expect(screen.getByText('The PDF is not encrypted: anyone with the file can read it.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('region')).toBeNull();
  });

  it('names the file by the date alone', () => {
    expect(breachReportFileName(new Date(2026, 11, 3, 23, 59))).toBe('daybook-summary-2026-12-03.pdf');
  });
});

describe('Report a breach button, told apart', () => {
  it('is described by the element whose id it is given', async () => {
    await withI18n(
      <>
        <h3 id="breach-1">1 Feb 2026 at 12:00</h3>
        <BreachReportButton
          orderId="o1"
          order={order}
          incidentId="i1"
          incident={breachIncident()}
          conditionIds={['c1']}
          describedBy="breach-1"
        />
      </>,
    );
    const button = screen.getByRole('button', { name: 'Report a breach', description: '1 Feb 2026 at 12:00' });
    expect(button.getAttribute('aria-describedby')).toBe('breach-1');
  });

  it('passes the last known wording of a removed condition on to the summary', async () => {
    const requests: BreachReportRequest[] = [];
    const make: MakeBreachReportPdf = async (request) => {
      requests.push(request);
      return pdfFile();
    };
    await withI18n(
      <BreachReportPanel
        orderId="o1"
        order={order}
        incident={breachIncident()}
        conditionIds={['gone']}
        formerConditions={[{ id: 'gone', text: 'Must not post about me online' }]}
        make={make}
        onClose={() => undefined}
      />,
    );
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.formerConditions).toEqual([{ id: 'gone', text: 'Must not post about me online' }]);
  });
});
