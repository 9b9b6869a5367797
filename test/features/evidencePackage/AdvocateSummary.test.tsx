// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { MAX_ENTRY_LINKS } from '../../../src/core/export/advocateSummary';
import { verifyExportDocument } from '../../../src/core/export/verifyExport';
import { AdvocateSummary } from '../../../src/features/evidencePackage/AdvocateSummary';
import { testI18n } from '../../support/i18n';
import { openOnScreen, redactedExport } from './packageFixture';

const PLAIN_LINE =
  'This summary counts what is recorded in this package. It is not a risk assessment: risk assessment is for a trained person.';

/** The cells of a fact's row after its name: its count and entries. */
function rowOf(region: HTMLElement, fact: string): string[] {
  const header = within(region).getByRole('rowheader', { name: fact });
  const row = header.closest('tr');
  if (!row) throw new Error('no row');
  return [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '');
}

describe('the advocate’s summary of an opened package', () => {
  it('counts each fact from the package’s incidents, with the plain line, each entry a link to the incident', async () => {
    // Entry A: turning up and loitering (anIncident's), reported, a witness, a file; entry E: contact through others.
    const { document } = await redactedExport();
    const { user } = await openOnScreen(document);
    const region = screen.getByRole('region', { name: "Advocate's summary" });
    expect(within(region).getByText(PLAIN_LINE)).toBeTruthy();
    expect(within(region).getByText("Counted from this package's incidents, which passed the check above.")).toBeTruthy();
    expect(rowOf(region, 'Turning up where you are')).toEqual(['1 entry 1']);
    expect(rowOf(region, 'Contact through other people')).toEqual(['1 entry 2']);
    expect(rowOf(region, 'Reported to the police')).toEqual(['2 entries 1, 2']);
    // A fact no incident records: 0, with no entries.
    expect(rowOf(region, 'Violence')).toEqual(['0']);
    expect(within(region).getByText('0 means none of these incidents records it, not that it did not happen.')).toBeTruthy();
    expect(region.textContent).not.toMatch(/\b(score|high risk|medium risk|low risk|escalat)/i);

    // The link opens the second incident and moves focus to it.
    const entries = screen.getByRole('region', { name: 'Incidents, in the order they happened' });
    const second = entries.querySelectorAll(':scope ol > li')[1];
    expect(second?.id).toBe('package-entry-2');
    const details = second?.querySelector('details');
    expect(details?.open).toBe(false);
    const [link] = within(region).getAllByRole('link', { name: 'Go to entry 2' });
    if (!link) throw new Error('no link');
    await user.click(link);
    expect(details?.open).toBe(true);
    expect(globalThis.document.activeElement).toBe(details?.querySelector('summary'));
  });

  it('says "left out" for a withheld field, and never counts it', async () => {
    const { document } = await redactedExport(['reported', 'witnesses']);
    await openOnScreen(document);
    const region = screen.getByRole('region', { name: "Advocate's summary" });
    expect(rowOf(region, 'Reported to the police')).toEqual(['Left out of this export for 2 incidents: not counted']);
    expect(rowOf(region, 'Witnesses named')).toEqual(['Left out of this export for 2 incidents: not counted']);
    // Behaviours always go out.
    expect(rowOf(region, 'Turning up where you are')).toEqual(['1 entry 1']);
  });

  it('says a selection is counted as one', async () => {
    const { document } = await redactedExport([], { entryIds: ['entry-a', 'entry-e'] });
    render(
      <I18nextProvider i18n={await testI18n()}>
        <AdvocateSummary document={document} verification={await verifyExportDocument(document)} />
      </I18nextProvider>,
    );
    expect(
      screen.getByText("This package holds a selection of the diary's incidents: these counts are of the incidents in this package only."),
    ).toBeTruthy();
  });

  it('says its counts come from unverified content when the package did not pass the check', async () => {
    const { document } = await redactedExport();
    const verified = await verifyExportDocument(document);
    const failed = { ...verified, problems: [{ kind: 'deleted-entry' as const, entryId: 'entry-a' }] };
    render(
      <I18nextProvider i18n={await testI18n()}>
        <AdvocateSummary document={document} verification={failed} />
      </I18nextProvider>,
    );
    const region = screen.getByRole('region', { name: "Advocate's summary" });
    expect(
      within(region).getByText('This package did not pass the check above. These counts come from content that is not verified.'),
    ).toBeTruthy();
    expect(within(region).queryByText(/passed the check above/)).toBeNull();
  });

  it('links at most 50 entries per fact in a very large package, then says how many more', async () => {
    // 5,000 copies of entry A: turning up, loitering, reported, a witness, a file.
    const { document } = await redactedExport();
    const [first] = document.entries;
    if (!first) throw new Error('no entry');
    const large = { ...document, entries: Array.from({ length: 5_000 }, (_, index) => ({ ...first, id: `entry-${index + 1}` })) };
    render(
      <I18nextProvider i18n={await testI18n()}>
        <AdvocateSummary document={large} verification={await verifyExportDocument(document)} />
      </I18nextProvider>,
    );
    const region = screen.getByRole('region', { name: "Advocate's summary" });
    for (const fact of ['Turning up where you are', 'Loitering nearby', 'Reported to the police', 'Witnesses named', 'Files attached']) {
      const row = within(region).getByRole('rowheader', { name: fact }).closest('tr');
      if (!row) throw new Error('no row');
      expect(row.querySelectorAll('a')).toHaveLength(MAX_ENTRY_LINKS);
      expect(row.querySelector('td')?.textContent).toMatch(/^5,000 entries 1, 2, .* 50 and 4,950 more$/);
    }
    expect(region.querySelectorAll('a')).toHaveLength(5 * MAX_ENTRY_LINKS);
  });

  it('styles the table for both reading directions, with entry links at least 44 px square', () => {
    const css = readFileSync('src/features/evidencePackage/advocateSummary.css', 'utf8');
    // A physical shorthand ("padding: a b c d") puts its end padding on the wrong side in Arabic and Urdu.
    expect(css).not.toMatch(/(^|\s)(padding|margin):[ \t]*[^;\s]+[ \t]+[^;\s]+/m);
    const link = /\.advocate-summary-table a \{([^}]*)\}/.exec(css)?.[1] ?? '';
    expect(link).toContain('min-inline-size: var(--target);');
    expect(link).toContain('min-block-size: var(--target);');
    expect(readFileSync('src/styles.css', 'utf8')).toMatch(/--target: 2\.75rem;/);
  });

  it('speaks Welsh, with the diary’s names for behaviours', async () => {
    const { document } = await redactedExport();
    const i18n = await testI18n('cy');
    render(
      <I18nextProvider i18n={i18n}>
        <AdvocateSummary document={document} verification={await verifyExportDocument(document)} />
      </I18nextProvider>,
    );
    const region = screen.getByRole('region', { name: i18n.t('advocate:title') });
    expect(within(region).getByText(i18n.t('advocate:notAssessment.package'))).toBeTruthy();
    expect(within(region).getByRole('rowheader', { name: i18n.t('diary:behaviours.turning-up') })).toBeTruthy();
    expect(within(region).getAllByRole('link', { name: i18n.t('advocate:goToEntry', { number: '2' }) }).length).toBeGreaterThan(0);
  });
});
