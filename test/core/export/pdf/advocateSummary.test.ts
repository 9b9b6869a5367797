// The advocate's summary page of the PDF report: read back with pdf.js as a reader would, its
// text (heading, the plain line that it is not a risk assessment, each count) and its links
// (each entry number a GoTo to the page where that entry starts).

import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentKey, type RevisionContentV1 } from '../../../../src/core/evidence';
import { MAX_ENTRY_LINKS, SUMMARY_FACTS } from '../../../../src/core/export/advocateSummary';
import type { ExportDocument, ExportDocumentV1, ExportEntry, OmittableField } from '../../../../src/core/export/exportDocument';
import { renderPdfReport, type ReportTranslate } from '../../../../src/core/export/pdf';
import { drawAdvocateSummary, linkEntries } from '../../../../src/core/export/pdf/advocateSummarySection';
import type { ReportContext } from '../../../../src/core/export/pdf/context';
import { coverageByVersion } from '../../../../src/core/export/pdf/context';
import { embedFonts } from '../../../../src/core/export/pdf/embedFonts';
import { makeFormats } from '../../../../src/core/export/pdf/formats';
import { ReportWriter, type FlowPosition } from '../../../../src/core/export/pdf/layout';
import { settleTextLayers } from '../../../../src/core/export/pdf/drawLine';
import { verifyExportDocument, type ExportVerification } from '../../../../src/core/export/verifyExport';
import type { Incident } from '../../../../src/core/model/incident';
import { testI18n } from '../../../support/i18n';
import { anIncident } from '../../../support/incidentFactories';
import { DiaryBuilder } from '../../evidence/diaryBuilder';
import { blank } from '../exportFixture';
import { sampleExportV2 } from '../exportFixtureV2';

const FONTS = {
  regular: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  bold: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
};
const NOW = new Date('2026-03-20T12:00:00.000Z');
const translators = new Map<string, ReportTranslate>();

beforeAll(async () => {
  for (const locale of ['en-GB', 'cy', 'ar']) {
    const i18n = await testI18n(locale);
    translators.set(locale, (key, options) => (i18n.t as unknown as ReportTranslate)(key, options));
  }
});

const t = (locale: string): ReportTranslate => {
  const found = translators.get(locale);
  if (!found) throw new Error(locale);
  return found;
};

/** A version 1 export of these incidents, one version each, with `omit` left out of every entry. */
async function exportOf(incidents: Incident[], omit: OmittableField[] = [], scope: Partial<ExportDocument['scope']> = {}) {
  const builder = new DiaryBuilder();
  const entries: ExportEntry[] = [];
  for (const [index, incident] of incidents.entries()) {
    const id = `entry-${index + 1}`;
    builder.tick();
    const link = await builder.save(id, incident);
    const content = builder.contents.get(contentKey(id, link.revision)) as RevisionContentV1<Incident>;
    entries.push({
      id,
      revisions: [
        omit.length === 0
          ? { revision: link.revision, recordedAt: link.recordedAt, kind: 'complete', content }
          : { revision: link.revision, recordedAt: link.recordedAt, kind: 'partial', incident: blank(incident, omit), omittedFields: omit },
      ],
    });
  }
  const document: ExportDocumentV1 = {
    format: 'daybook-export',
    version: 1,
    generatedAt: NOW.toISOString(),
    scope: { behaviours: [], pickedIncidents: false, omittedFields: omit, attachmentsIncluded: false, checklistsIncluded: false, ...scope },
    chain: { links: builder.links, head: builder.links.at(-1)?.hash ?? '0'.repeat(64) },
    entries,
    checklists: [],
  };
  return document;
}

interface Link {
  page: number;
  target: number;
  rect: number[];
}

interface Read {
  /** Each page's text items, blanks dropped. */
  items: string[][];
  links: Link[];
}

async function render(document: ExportDocument, locale = 'en-GB', verification?: ExportVerification): Promise<Read> {
  const bytes = await renderPdfReport({
    document,
    verification: verification ?? (await verifyExportDocument(document)),
    fonts: FONTS,
    t: t(locale),
    locale,
    timeZone: 'Europe/London',
    now: NOW,
  });
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  const read: Read = { items: [], links: [] };
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    read.items.push(content.items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [item.str.trim()] : [])));
    for (const annotation of (await page.getAnnotations()) as { subtype: string; dest?: unknown; rect: number[] }[]) {
      if (annotation.subtype !== 'Link' || !Array.isArray(annotation.dest)) continue;
      const ref = annotation.dest[0] as { num: number; gen: number };
      read.links.push({ page: n - 1, target: await pdf.getPageIndex(ref), rect: annotation.rect });
    }
  }
  await pdf.destroy();
  return read;
}

const flowing = (items: readonly string[] | undefined) => (items ?? []).join(' ').replace(/\s+/g, ' ');

/** The index of the page the summary stands on (after the cover, which may take two pages). */
function summaryPage(read: Read, title = "Advocate's summary"): number {
  const index = read.items.findIndex((items) => items.includes(title));
  if (index < 0) throw new Error('no summary page');
  return index;
}

/** The items after a fact's label, up to the next label (or its first line) (the count, then its entry numbers). */
function row(items: readonly string[], label: string, labels: readonly string[]): string[] {
  const start = items.indexOf(label);
  if (start < 0) throw new Error(`"${label}" not found in ${items.join(' | ')}`);
  const rest = items.slice(start + 1);
  // A long label wraps: its first line starts the next row.
  const end = rest.findIndex((item) => !/^\d+,?$/.test(item) && labels.some((next) => next.startsWith(item)));
  // pdf.js joins items that stand close on one line ("1," and "3" read "1, 3"): word by word.
  return (end < 0 ? rest : rest.slice(0, end)).flatMap((item) => item.split(/\s+/));
}

/** Facts named in the advocate namespace; the others are behaviours, named as the diary names them. */
const OWN_FACTS: readonly string[] = ['reported-to-police', 'witnesses-named', 'files-attached'];

const INCIDENTS = [
  anIncident({ behaviours: ['turning-up', 'threats'], witnesses: [], attachments: [], reported: { reported: false } }),
  anIncident({ behaviours: ['contact-via-others'], when: { kind: 'exact', date: '2025-02-01' } }),
  anIncident({ behaviours: ['turning-up', 'violence'], when: { kind: 'exact', date: '2025-04-30' }, attachments: [] }),
];

describe('the advocate’s summary in the PDF report', () => {
  it('stands on the page after the cover, with the plain line, the counts and the entries behind each', async () => {
    const en = t('en-GB');
    const read = await render(await exportOf(INCIDENTS));
    const { items } = read;
    const cover = items[0] ?? [];
    const page = items[summaryPage(read)] ?? [];
    expect(cover).not.toContain("Advocate's summary");
    // Straight after the cover: the log's first entry comes after it.
    expect(items.findIndex((p) => p.some((item) => item.startsWith('1. ')))).toBeGreaterThan(summaryPage(read));
    expect(flowing(page)).toContain(
      'This summary counts what is recorded in this report. It is not a risk assessment: risk assessment is for a trained person.',
    );
    // The label wraps after "(dates": its second line stands below the dates.
    expect(row(page, 'Number of incidents', ['When they happened (dates'])).toEqual(['3']);
    expect(row(page, 'When they happened (dates', ['given)', 'What was recorded']).join(' ')).toBe('1 Feb 2025 to 30 Apr 2025');
    // Count, then the entry numbers (each drawn on its own, to be a link).
    const allLabels = [
      ...SUMMARY_FACTS.map((fact) => (OWN_FACTS.includes(fact) ? en(`advocate:facts.${fact}`) : en(`diary:behaviours.${fact}`))),
      en('advocate:zero'),
    ];
    expect(row(page, en('diary:behaviours.turning-up'), allLabels)).toEqual(['2', 'entries', '1,', '3']);
    expect(row(page, en('diary:behaviours.threats'), allLabels)).toEqual(['1', 'entry', '1']);
    expect(row(page, en('diary:behaviours.violence'), allLabels)).toEqual(['1', 'entry', '3']);
    expect(row(page, en('advocate:facts.reported-to-police'), allLabels)).toEqual(['2', 'entries', '2,', '3']);
    expect(row(page, en('advocate:facts.witnesses-named'), allLabels)).toEqual(['2', 'entries', '2,', '3']);
    expect(row(page, en('advocate:facts.files-attached'), allLabels)).toEqual(['1', 'entry', '2']);
    // A fact no incident records shows 0, and the summary says what 0 means.
    expect(row(page, en('diary:behaviours.tracking'), allLabels)[0]).toBe('0');
    expect(flowing(page)).toContain('0 means none of these incidents records it, not that it did not happen.');
    // Nothing that scores or grades.
    expect(flowing(items.flat())).not.toMatch(/\b(score|high risk|medium risk|low risk|escalat)/i);
  });

  it('makes each entry number a link to the page where that entry starts', async () => {
    // Long incidents push the log over several pages, so each link has its own target.
    const long = 'Long account. '.repeat(220);
    const incidents = INCIDENTS.map((incident) => ({ ...incident, whatHappened: long }));
    const read = await render(await exportOf(incidents));
    const { items, links } = read;
    const summary = summaryPage(read);
    const fromSummary = links.filter((link) => link.page === summary);
    // turning-up 2, threats 1, contact-via-others 1, violence 1, reported 2, witnesses 2, files 1.
    expect(fromSummary).toHaveLength(10);
    const pageOfEntry = (n: number) => items.findIndex((page, index) => index > summary && page.some((item) => item.startsWith(`${n}. `)));
    const targets = new Set(fromSummary.map((link) => link.target));
    expect([...targets].sort()).toEqual([pageOfEntry(1), pageOfEntry(2), pageOfEntry(3)].sort());
    expect(pageOfEntry(1)).toBeLessThan(pageOfEntry(3));
    // The first link drawn is turning-up's "1": it leads to entry 1.
    expect(fromSummary[0]?.target).toBe(pageOfEntry(1));
    for (const link of fromSummary) {
      const [left = 0, bottom = 0, right = 0, top = 0] = link.rect;
      expect(right).toBeGreaterThan(left);
      expect(top).toBeGreaterThan(bottom);
    }
  });

  it('counts only what the report shows: a field left out is named as left out, never counted', async () => {
    const en = t('en-GB');
    const read = await render(await exportOf(INCIDENTS, ['reported', 'witnesses']));
    const page = read.items[summaryPage(read)] ?? [];
    const text = flowing(page);
    // The police and witness rows say "left out" in place of a count, for every incident.
    const rowText = (label: string) => flowing(row(page, label, [en('advocate:facts.files-attached'), en('advocate:zero')]));
    expect(rowText(en('advocate:facts.reported-to-police'))).toMatch(/^Left out of this export for 3 incidents: not counted/);
    expect(text).toContain(`${en('advocate:facts.witnesses-named')} Left out of this export for 3 incidents: not counted`);
    // Behaviours always go out, so they are still counted.
    expect(row(page, en('diary:behaviours.turning-up'), [en('diary:behaviours.loitering')])).toEqual(['2', 'entries', '1,', '3']);
  });

  it('says a selection is counted as such', async () => {
    const picked = await render(await exportOf(INCIDENTS, [], { pickedIncidents: true }));
    expect(flowing(picked.items[summaryPage(picked)])).toContain("This report holds a selection of the diary's incidents");
    const whole = await render(await exportOf(INCIDENTS));
    expect(flowing(whole.items[summaryPage(whole)])).not.toContain('selection');
  });

  it('leaves a withheld field of a version 2 export out of the counts', async () => {
    const { document } = await sampleExportV2(['reported']);
    const read = await render(document);
    const text = flowing(read.items[summaryPage(read)]);
    expect(text).toContain(`Reported to the police Left out of this export for ${document.entries.length} incidents: not counted`);
  });

  it('says its counts come from unverified content when the report is not verified', async () => {
    const document = await exportOf(INCIDENTS);
    const verified = await render(document);
    const notVerified = 'This report did not pass the check described on its cover. These counts come from content that is not verified.';
    expect(flowing(verified.items[summaryPage(verified)])).not.toContain(notVerified);
    const failed = { ...(await verifyExportDocument(document)), problems: [{ kind: 'deleted-entry' as const, entryId: 'entry-1' }] };
    const read = await render(document, 'en-GB', failed);
    expect(flowing(read.items[summaryPage(read)])).toContain(notVerified);
  });

  it('names at most 50 entries per fact in a very large report, then says how many more', async () => {
    // 5,000 entries, each recording turning up, threats and a police report: three facts.
    const incident = anIncident({ behaviours: ['turning-up', 'threats'], witnesses: [], attachments: [], reported: { reported: true } });
    const small = await exportOf([incident]);
    const [template] = small.entries;
    if (!template) throw new Error('no entry');
    const document: ExportDocumentV1 = {
      ...small,
      entries: Array.from({ length: 5_000 }, (_, index) => ({ ...template, id: `entry-${index + 1}` })),
    };
    // Only the summary is drawn: the log of 5,000 incidents is not what this checks.
    const pdf = await PDFDocument.create({ updateMetadata: false });
    const { fonts, embedded } = await embedFonts(pdf, FONTS);
    const writer = new ReportWriter(pdf, fonts, false);
    const verification = await verifyExportDocument(small);
    const ctx: ReportContext = {
      document,
      verification,
      checks: coverageByVersion(verification),
      t: t('en-GB'),
      formats: makeFormats('en-GB', 'Europe/London'),
      locale: 'en-GB',
      rtl: false,
      unprintableEntries: 0,
    };
    const placed = drawAdvocateSummary(writer, ctx);
    expect(placed).toHaveLength(3 * MAX_ENTRY_LINKS);
    const starts = new Map<string, FlowPosition>(document.entries.map((entry) => [entry.id, writer.here()]));
    linkEntries(pdf, placed, starts);
    settleTextLayers(writer.pages);
    for (const font of embedded) await font.finish();
    const read = await getDocument({ data: (await pdf.save()).slice(), useSystemFonts: false, disableFontFace: true }).promise;
    let annotations = 0;
    let text = '';
    for (let n = 1; n <= read.numPages; n++) {
      const page = await read.getPage(n);
      annotations += ((await page.getAnnotations()) as { subtype: string }[]).filter((a) => a.subtype === 'Link').length;
      text += ` ${(await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ')}`;
    }
    await read.destroy();
    expect(annotations).toBe(3 * MAX_ENTRY_LINKS);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat.match(/and 4,950 more/g)).toHaveLength(3);
    // The numbers named stop at 50; the count is still of all of them.
    expect(flat).toContain('50 and 4,950 more');
    expect(flat).not.toMatch(/\b51\b/);
    expect(flat).toContain('5,000 entries');
  });

  it('has no summary page when there are no incidents', async () => {
    const { items } = await render(await exportOf([]));
    expect(flowing(items.flat())).not.toContain("Advocate's summary");
  });

  it.each(['cy', 'ar'])('prints in %s, through the report’s fonts', async (locale) => {
    const tr = t(locale);
    const read = await render(await exportOf(INCIDENTS), locale);
    const text = flowing(read.items[summaryPage(read, tr('advocate:title'))]);
    expect(text).toContain(tr('advocate:title'));
    expect(text).toContain(tr('diary:behaviours.violence'));
    // The plain line's last words (pdf.js splits some Arabic marks from their letters, so not every word).
    expect(text).toContain(tr('advocate:notAssessment.report').split(/\s+/).slice(-2).join(' '));
  });
});
