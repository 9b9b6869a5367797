// The fields that came with orders (issue 16) in the CSV and the PDF, made from a diary as the
// app exports it (buildExportDocument): who was told and breaches shown, the breach by its
// condition's words when the order goes with the export; private notes only when ticked in;
// and a version from before issue 16 printed as it always was.

import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
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
    expect(header).toContain('"Breaches of an order"');
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
    expect(unknown).toContain('"Breaches a condition of an order (the order is not in this export)"');
  });

  it('says a breach is of "a condition of an order" when the order is not in the export', async () => {
    const csv = buildIncidentsCsv(await exportOf(['entry-new'], {}, false), csvLabels);
    expect(csv).not.toContain(CONDITION);
    expect(csv).toContain('Breaches a condition of an order');
  });
});

describe('PDF with the later fields', () => {
  it('shows who was told and each breach by its condition, and private notes only as left out', async () => {
    const text = await pdfText(await exportOf(['entry-new']));
    expect(text).toContain('Who was told');
    expect(text).toContain('My sister: By phone, 14 Mar 2025 at 22:40');
    expect(text).toContain(`Stalking Protection Order: ${CONDITION}`);
    expect(text).toContain('Private notes [Left out of this export]');
    expect(text).not.toContain(SECRET);
  });

  it('prints private notes when the person ticks them in', async () => {
    const text = await pdfText(await exportOf(['entry-new'], { includePrivateNotes: true }));
    expect(text).toContain(SECRET);
  });

  it('prints a breach honestly when the order is not in the export', async () => {
    const text = await pdfText(await exportOf(['entry-new'], {}, false));
    expect(text).toContain('Breaches a condition of an order (the order is not in this export)');
  });

  it('prints a version from before issue 16 without any of the later fields', async () => {
    const text = await pdfText(await exportOf(['entry-old']));
    const log = text.slice(text.indexOf('Log of incidents'));
    expect(log).toContain('Written before orders came');
    expect(log).not.toMatch(/Who was told|Breaches of an order|Private notes/);
  });
});
