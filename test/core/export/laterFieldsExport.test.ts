// The fields that came with orders (issue 16) in the CSV and the PDF, made from a diary as the
// app exports it (buildExportDocument): who was told and breaches shown, the breach by its
// condition's words when the order goes with the export; private notes only when ticked in;
// and a version from before issue 16 printed as it always was.

import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import { breachLine, breachWordsIn } from '../../../src/core/export/breachWords';
import { buildIncidentsCsv, laterFieldLabels, type CsvLabels } from '../../../src/core/export/csv';
import type { ExportDocument, ExportSelection } from '../../../src/core/export/exportDocument';
import { renderPdfReport, type ReportTranslate } from '../../../src/core/export/pdf';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import { verifyExportDocument } from '../../../src/core/export/verifyExport';
import { withLaterFields } from '../../../src/core/model/incident';
import type { CourtOrder } from '../../../src/core/model/order';
import { testI18n } from '../../support/i18n';
import { anIncident } from '../../support/incidentFactories';
import { DiaryBuilder } from '../evidence/diaryBuilder';
import { builderSource, GENERATED } from './exportFixtureV2';

const SECRET = 'My own thoughts about the hearing';
const CONDITION = 'Must not come within 100 metres of 12 Station Road';
const PRIVATE_NOTES_DEFAULT =
  'Daybook never puts private notes in an export unless the person chooses to include them; this report does not show whether there are any.';

const SPO: CourtOrder = {
  type: 'order',
  kind: 'spo',
  title: '',
  court: 'Leeds Magistrates',
  attachments: [],
  conditions: [{ id: 'cond-100m', text: CONDITION }],
};

const FONTS = {
  regular: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  bold: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
};

let t: ReportTranslate;
beforeAll(async () => {
  const english = await testI18n('en-GB');
  t = (key, options) => (english.t as unknown as ReportTranslate)(key, options);
});

/** A diary with an order, an incident from before issue 16 and one saved since, breaching the order. */
async function diary(): Promise<DiaryBuilder> {
  const builder = new DiaryBuilder({ version: 2 });
  await builder.save('order-1', SPO);
  await builder.tick().save('entry-old', anIncident({ whatHappened: 'Written before orders came' }));
  await builder.tick().save(
    'entry-new',
    withLaterFields(
      anIncident({
        whatHappened: 'Drove past the house',
        breaches: [{ orderId: 'order-1', conditionId: 'cond-100m' }],
        told: [{ who: 'My sister', how: 'phone', date: '2025-03-14', time: '22:40' }],
        privateNotes: SECRET,
      }),
    ),
  );
  return builder;
}

async function exportOf(entryIds: string[], selection: Partial<ExportSelection> = {}, withOrders = true): Promise<ExportDocument> {
  const builder = await diary();
  const document = await buildExportDocument(builderSource(builder, entryIds), { ...EMPTY_SELECTION, ...selection }, GENERATED);
  if (withOrders) return document;
  const copy: ExportDocument = { ...document };
  delete copy.orders;
  return copy;
}

const csvLabels: CsvLabels = {
  column: (column) => t(`report:csv.columns.${column}`),
  behaviour: (b) => b,
  when: () => 'when',
  yes: 'Yes',
  no: 'No',
  size: (bytes) => `${bytes} bytes`,
};

async function pdfText(document: ExportDocument): Promise<string> {
  const bytes = await renderPdfReport({
    document,
    verification: await verifyExportDocument(document),
    fonts: FONTS,
    t,
    locale: 'en-GB',
    timeZone: 'Europe/London',
    now: GENERATED,
  });
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [item.str] : [])).join(' '));
  }
  await pdf.destroy();
  return pages.join(' ').replace(/\s+/g, ' ');
}

describe('CSV with the later fields', () => {
  it('leaves private notes out by default: no column, no text', async () => {
    const csv = buildIncidentsCsv(await exportOf(['entry-old', 'entry-new']), csvLabels);
    const header = csv.split('\r\n')[0] ?? '';
    expect(header).toContain('"Who was told"');
    expect(header).toContain('"Marked breaches"');
    expect(header).not.toContain('Private notes');
    expect(csv).not.toContain(SECRET);
    expect(csv).toContain('My sister');
    expect(csv).toContain(CONDITION);
  });

  it('writes private notes when the person ticks them in', async () => {
    const csv = buildIncidentsCsv(await exportOf(['entry-old', 'entry-new'], { includePrivateNotes: true }), csvLabels);
    expect(csv.split('\r\n')[0]).toContain('"Private notes"');
    expect(csv).toContain(SECRET);
  });

  it('writes an export of versions from before issue 16 with exactly the columns it always had', async () => {
    const csv = buildIncidentsCsv(await exportOf(['entry-old']), csvLabels);
    const header = csv.split('\r\n')[0] ?? '';
    expect(header).not.toMatch(/Who was told|Breaches|Private notes/);
    expect(header.split('","')).toHaveLength(17);
  });

  it('words breaches and people told as the PDF does, given the report strings', async () => {
    const labels = { ...csvLabels, ...laterFieldLabels(t, (date) => `[${date}]`) };
    const csv = buildIncidentsCsv(await exportOf(['entry-new']), labels);
    expect(csv).toContain(`"Stalking Protection Order: ${CONDITION}"`);
    expect(csv).toContain('"My sister: By phone, [2025-03-14] at 22:40"');
    const unknown = buildIncidentsCsv(await exportOf(['entry-new'], {}, false), labels);
    expect(unknown).toContain('"Breaches a condition of an order that this export does not include"');
  });

  it('says a breach is of "a condition of an order" when the order is not in the export', async () => {
    const csv = buildIncidentsCsv(await exportOf(['entry-new'], {}, false), csvLabels);
    expect(csv).not.toContain(CONDITION);
    expect(csv).toContain('Breaches a condition of an order');
  });
});

describe('PDF with the later fields', () => {
  it('shows who was told and each breach by its condition, and no line at all for private notes left out', async () => {
    const text = await pdfText(await exportOf(['entry-new']));
    expect(text).toContain('Who was told');
    expect(text).toContain('My sister: By phone, 14 Mar 2025 at 22:40');
    expect(text).toContain(`Stalking Protection Order: ${CONDITION}`);
    const log = text.slice(text.indexOf('Log of incidents'));
    expect(log).not.toContain('Private notes');
    expect(log).not.toContain('[Left out of this export]');
    expect(text).not.toContain(SECRET);
  });

  it('says on the cover, neutrally, that private notes are left out by default, never as the person’s choice', async () => {
    const text = await pdfText(await exportOf(['entry-new']));
    const cover = text.slice(0, text.indexOf('Log of incidents'));
    expect(cover).toContain(PRIVATE_NOTES_DEFAULT);
    expect(cover).not.toContain('The person chose to leave these details out');
    expect(cover).not.toMatch(/private notes \(|left out \(private notes|Left out of this export private notes/i);
    // The person leaves witnesses out as well: only witnesses are named as their choice.
    const both = await pdfText(await exportOf(['entry-new'], { omitFields: ['witnesses'] }));
    const bothCover = both.slice(0, both.indexOf('Log of incidents'));
    expect(bothCover).toMatch(/Left out of this export witnesses The person chose/);
    expect(bothCover).toContain(PRIVATE_NOTES_DEFAULT);
    expect(bothCover).not.toMatch(/witnesses and private notes|private notes and witnesses/);
    expect(bothCover).toContain('Details the person left out (witnesses)');
  });

  it('prints private notes as a normal field when the person ticks them in, with no default sentence', async () => {
    const text = await pdfText(await exportOf(['entry-new'], { includePrivateNotes: true }));
    expect(text).toContain(`Private notes ${SECRET}`);
    expect(text).not.toContain(PRIVATE_NOTES_DEFAULT);
  });

  it('prints a breach plainly when the order is not in the export', async () => {
    const text = await pdfText(await exportOf(['entry-new'], {}, false));
    expect(text).toContain('Breaches a condition of an order that this export does not include');
    expect(text).not.toContain('(the order is not in this export)');
  });

  it('prints a version from before issue 16 without any of the later fields', async () => {
    const text = await pdfText(await exportOf(['entry-old']));
    const log = text.slice(text.indexOf('Log of incidents'));
    expect(log).toContain('Written before orders came');
    expect(log).not.toMatch(/Who was told|Marked breaches|Private notes/);
  });
});

describe('a breach of a condition removed from the order', () => {
  const OTHER = 'Must not contact me by any means';

  /** The order had two conditions; the second was removed after the breach of it was logged. */
  async function removedExport(conditionId: string): Promise<ExportDocument> {
    const builder = new DiaryBuilder({ version: 2 });
    await builder.save('order-1', { ...SPO, conditions: [...SPO.conditions, { id: 'cond-contact', text: OTHER }] });
    await builder
      .tick()
      .save('entry-new', withLaterFields(anIncident({ whatHappened: 'Texted me', breaches: [{ orderId: 'order-1', conditionId }] })));
    await builder.tick().save('order-1', SPO);
    return buildExportDocument(builderSource(builder, ['entry-new']), EMPTY_SELECTION, GENERATED);
  }

  it('reads its last known wording, marked as no longer on the order, never as a current condition', async () => {
    const document = await removedExport('cond-contact');
    const words = breachWordsIn(document)({ orderId: 'order-1', conditionId: 'cond-contact' });
    expect(words.kind).toBe('condition-former');
    const line = breachLine(t, words);
    expect(line).toBe(`Stalking Protection Order: ${OTHER} (no longer on the order as recorded now)`);
    const text = await pdfText(document);
    expect(text).toContain(`${OTHER} (no longer on the order as recorded now)`);
    const csv = buildIncidentsCsv(document, { ...csvLabels, ...laterFieldLabels(t, (date) => date) });
    expect(csv).toContain(`"Stalking Protection Order: ${OTHER} (no longer on the order as recorded now)"`);
  });

  it('a condition on no version of the order reads as "a condition no longer on the order"', async () => {
    const document = await removedExport('cond-never');
    expect(breachLine(t, breachWordsIn(document)({ orderId: 'order-1', conditionId: 'cond-never' }))).toBe(
      'Stalking Protection Order: a condition no longer on the order',
    );
  });

  it('a condition still on the order reads as it stands now', async () => {
    const document = await removedExport('cond-100m');
    expect(breachLine(t, breachWordsIn(document)({ orderId: 'order-1', conditionId: 'cond-100m' }))).toBe(
      `Stalking Protection Order: ${CONDITION}`,
    );
  });
});

describe('an edit to private notes alone', () => {
  it('leaves no trace in a default export’s history of changes', async () => {
    const builder = new DiaryBuilder({ version: 2 });
    const incident = withLaterFields(anIncident({ whatHappened: 'Drove past the house', privateNotes: SECRET }));
    await builder.save('entry-new', incident);
    await builder.tick().save('entry-new', { ...incident, privateNotes: `${SECRET}, again` });
    const text = await pdfText(await buildExportDocument(builderSource(builder, ['entry-new']), EMPTY_SELECTION, GENERATED));
    expect(text).toContain('Saved again with nothing changed.');
    expect(text).not.toContain('Details left out of this export were also changed.');
    expect(text).not.toContain(SECRET);
  });
});
