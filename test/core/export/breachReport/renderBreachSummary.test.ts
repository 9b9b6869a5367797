// The breach summary's PDF: every condition and the facts come out as text (PDF.js and
// pdftotext), in the scripts typed (Polish, Urdu), in the report language chosen, with private
// notes never in it, and a long summary continued rather than cut.

import { describe, expect, it } from 'vitest';
import { buildBreachSummary } from '../../../../src/core/export/breachReport/breachSummary';
import { readLocale } from '../../../support/i18n';
import { bare, drawSummary, pdfjsPages, popplerText, spaces } from './pdfText';
import { breachIncident, order, POLISH, PRIVATE, URDU } from './fixtures';

const now = new Date('2026-12-03T22:30:00.000Z');

describe('renderBreachSummaryPdf', () => {
  it('prints each condition, the facts, who was told and the evidence (en-GB, one page)', async () => {
    const summary = buildBreachSummary({ orderId: 'o1', order, incident: breachIncident(), conditionIds: ['c1', 'c2', 'gone'], now });
    const bytes = await drawSummary(summary, 'en-GB');
    const pages = await pdfjsPages(bytes);
    expect(pages).toHaveLength(1);
    const text = spaces(pages.join('\n'));
    for (const expected of [
      'Breach of a court order: summary',
      'This summary was made with Daybook from the person’s own diary on',
      'It is not the evidence itself',
      'Stalking Protection Order',
      'Leeds Magistrates’ Court',
      'Must not come within 100 metres of 12 Station Road, Leeds',
      POLISH,
      'A condition that is no longer on this order as it is recorded now.',
      'He stood at the gate for ten minutes.',
      'Outside my house, 12 Station Road',
      'John Smith',
      'Anna Kowalska, contact: 07700 900123',
      'Mr Patel',
      'WY-12345-26',
      'PC Jones',
      'Who was told',
      'My sister: by phone',
      'gate.jpg',
      `SHA-256: ${'a'.repeat(64)}`,
      'Photographed in Daybook:',
      'Doorbell camera footage on my phone',
      'No end date given',
      'Page 1 of 1',
    ]) {
      expect(text).toContain(expected);
    }
    // The third condition was not named: it is not printed.
    expect(text).not.toContain('Must not contact me by any means');
    expect(spaces(pages.join(''))).toContain(spaces(URDU));
    expect(text).not.toContain(PRIVATE);
    expect(text).not.toContain('Terrified');

    const poppler = popplerText(bytes);
    expect(spaces(poppler)).toContain('Must not come within 100 metres of 12 Station Road, Leeds');
    expect(spaces(poppler)).toContain(POLISH);
    expect(spaces(poppler)).toContain('He stood at the gate for ten minutes.');
    expect(bare(poppler)).toContain(bare(URDU));
    expect(poppler).not.toContain(PRIVATE);
  }, 60_000);

  it.each(['ur', 'ar', 'pl', 'pa', 'cy', 'ro'])(
    'writes its own words in %s, with the person’s text as typed',
    async (locale) => {
      const summary = buildBreachSummary({ orderId: 'o1', order, incident: breachIncident(), conditionIds: ['c1', 'c2'], now });
      const bytes = await drawSummary(summary, locale);
      const pages = await pdfjsPages(bytes);
      const text = spaces(pages.join('\n'));
      const strings = readLocale(locale).breachReport as { pdf: { title: string; breach: { whatHappened: string } } };
      expect(bare(pages.join(''))).toContain(bare(strings.pdf.title));
      expect(bare(pages.join(''))).toContain(bare(strings.pdf.breach.whatHappened));
      expect(text).toContain('Must not come within 100 metres of 12 Station Road, Leeds');
      expect(text).toContain(POLISH);
      expect(bare(pages.join(''))).toContain(bare(URDU));
      expect(text).not.toContain(PRIVATE);
    },
    60_000,
  );

  it('prints a removed condition’s last known wording under the "no longer on this order" line', async () => {
    const summary = buildBreachSummary({
      orderId: 'o1',
      order,
      incident: breachIncident(),
      conditionIds: ['gone'],
      formerConditions: [{ id: 'gone', text: 'Must not post about me online' }],
      now,
    });
    const text = spaces((await pdfjsPages(await drawSummary(summary, 'en-GB'))).join('\n'));
    const removed = text.indexOf('A condition that is no longer on this order as it is recorded now.');
    expect(removed).toBeGreaterThan(-1);
    const wording = text.indexOf('Its wording when it was last on the order: Must not post about me online');
    expect(wording).toBeGreaterThan(removed);
  }, 60_000);

  it('prints no police reference or officer when it was not reported to the police', async () => {
    const incident = { ...breachIncident(), reported: { reported: false, policeReference: 'WY-999', officer: 'PC Brown' } };
    const summary = buildBreachSummary({ orderId: 'o1', order, incident, conditionIds: ['c1'], now });
    const text = spaces((await pdfjsPages(await drawSummary(summary, 'en-GB'))).join('\n'));
    expect(text).toContain('Reported to police No');
    expect(text).not.toContain('WY-999');
    expect(text).not.toContain('PC Brown');
  }, 60_000);

  it('continues a long summary on further pages, marked so, and cuts nothing', async () => {
    const long = Array.from({ length: 120 }, (_, i) => `Sentence ${i + 1} of what happened that evening.`).join(' ');
    const incident = { ...breachIncident(), whatHappened: long };
    const summary = buildBreachSummary({ orderId: 'o1', order, incident, conditionIds: ['c1'], now });
    const pages = await pdfjsPages(await drawSummary(summary, 'en-GB', false));
    expect(pages.length).toBeGreaterThan(1);
    expect(spaces(pages[1] ?? '')).toContain('Breach of a court order: summary (continued)');
    expect(spaces(pages[0] ?? '')).not.toContain('(continued)');
    const all = spaces(pages.join('\n'));
    expect(all).toContain('Sentence 1 of what happened');
    expect(all).toContain('Sentence 120 of what happened that evening.');
    expect(all).toContain(`Page 2 of ${pages.length}`);
  }, 60_000);

  it('carries no text of the person in the file’s properties', async () => {
    const summary = buildBreachSummary({ orderId: 'o1', order, incident: breachIncident(), conditionIds: ['c1'], now });
    const bytes = await drawSummary(summary, 'en-GB', false);
    const { PDFDocument } = await import('pdf-lib');
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getTitle()).toBe('Breach of a court order: summary (Daybook)');
    expect(pdf.getAuthor()).toBeUndefined();
    expect(pdf.getSubject()).toBeUndefined();
    expect(pdf.getKeywords()).toBeUndefined();
  }, 60_000);
});
