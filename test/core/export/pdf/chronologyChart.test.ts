// The chronology on the PDF cover: drawn as vector shapes (no picture), its words in the text
// layer (title, caption, row names, the dates at both ends of the axis), counting only the
// incidents in the report and saying so when they are a selection.

import { writeFileSync } from 'node:fs';
import { PDFDocument, PDFName, PDFDict } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RevisionContentV1 } from '../../../../src/core/evidence';
import { chainHead, contentKey } from '../../../../src/core/evidence';
import { withoutFields, type ExportDocumentV1, type ExportEntry, type ExportScope } from '../../../../src/core/export/exportDocument';
import { renderPdfReport, type ReportTranslate } from '../../../../src/core/export/pdf';
import { reportChronology } from '../../../../src/core/export/pdf/chronologyChart';
import type { ReportContext } from '../../../../src/core/export/pdf/context';
import { familiesFor, stringsIn } from '../../../../src/core/export/pdf/fontFamilies';
import { verifyExportDocument } from '../../../../src/core/export/verifyExport';
import type { Incident } from '../../../../src/core/model/incident';
import { readLocale, testI18n } from '../../../support/i18n';
import { anIncident } from '../../../support/incidentFactories';
import { DiaryBuilder } from '../../evidence/diaryBuilder';
import { fontFiles } from './scriptFonts';

const NOW = new Date('2026-04-01T12:00:00.000Z');

const INCIDENTS: Incident[] = [
  anIncident({ when: { kind: 'exact', date: '2025-12-31' }, behaviours: ['following'], reported: { reported: true } }),
  anIncident({ when: { kind: 'exact', date: '2026-01-02' }, behaviours: ['contact-phone', 'threats'], reported: { reported: false } }),
  anIncident({
    when: { kind: 'approximate', description: 'mid February', from: '2026-02-12' },
    behaviours: [],
    reported: { reported: false },
  }),
  anIncident({ when: { kind: 'approximate', description: 'some time last year' }, behaviours: ['other'], reported: { reported: false } }),
];

async function documentOf(incidents: readonly Incident[], scope: Partial<ExportScope> = {}): Promise<ExportDocumentV1> {
  const diary = new DiaryBuilder();
  const ids: string[] = [];
  for (const [index, incident] of incidents.entries()) {
    const id = `entry-${index}`;
    ids.push(id);
    await diary.tick().save(id, incident);
  }
  const entries: ExportEntry[] = ids.map((id) => ({
    id,
    revisions: diary.links
      .filter((link) => link.entryId === id && link.kind === 'revision')
      .map((link) => ({
        revision: link.revision,
        recordedAt: link.recordedAt,
        kind: 'complete' as const,
        content: structuredClone(diary.contents.get(contentKey(id, link.revision)) as RevisionContentV1<Incident>),
      })),
  }));
  return {
    format: 'daybook-export',
    version: 1,
    generatedAt: NOW.toISOString(),
    scope: {
      behaviours: [],
      pickedIncidents: false,
      omittedFields: [],
      attachmentsIncluded: false,
      checklistsIncluded: false,
      ...scope,
    },
    chain: { links: structuredClone(diary.links), head: chainHead(diary.links) },
    entries,
    checklists: [],
  };
}

/** The document with the police field left out of the latest version of the entries `which` picks, as the export builder does. */
function leaveOutPolice(document: ExportDocumentV1, which: (id: string) => boolean): ExportDocumentV1 {
  return {
    ...document,
    entries: document.entries.map((entry) => {
      const last = entry.revisions.at(-1);
      if (!which(entry.id) || last?.kind !== 'complete') return entry;
      return {
        ...entry,
        revisions: [
          ...entry.revisions.slice(0, -1),
          {
            revision: last.revision,
            recordedAt: last.recordedAt,
            kind: 'partial' as const,
            incident: withoutFields(last.content.body, ['reported']),
            omittedFields: ['reported' as const],
          },
        ],
      };
    }),
  };
}

async function render(document: ExportDocumentV1, locale = 'en-GB') {
  const i18n = await testI18n(locale);
  const t: ReportTranslate = (key, options) => (i18n.t as unknown as ReportTranslate)(key, options);
  const families = familiesFor([...stringsIn(document.entries), ...stringsIn(readLocale(locale))]);
  const bytes = await renderPdfReport({
    document,
    verification: await verifyExportDocument(document),
    fonts: fontFiles(families),
    t,
    locale,
    timeZone: 'Europe/London',
    now: NOW,
  });
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(
      content.items
        .flatMap((item) => ('str' in item && item.str.trim() !== '' ? [item.str] : []))
        .join(' ')
        .replace(/\s+/g, ' '),
    );
  }
  await pdf.destroy();
  const keep = process.env.DAYBOOK_CHRONOLOGY_PDF_DIR;
  if (keep) writeFileSync(`${keep}/${locale}-${document.entries.length}.pdf`, bytes);
  return { bytes, pages, t };
}

/** The cover: every page before the log's first "Incident 1"-style heading would be fragile; the text before the log's title is enough. */
function coverOf(pages: readonly string[], t: ReportTranslate): string {
  const all = pages.join(' ');
  const title = t('chronology:pdf.title');
  return all.slice(all.indexOf(title));
}

let en: ReportTranslate;
beforeAll(async () => {
  const i18n = await testI18n('en-GB');
  en = (key, options) => (i18n.t as unknown as ReportTranslate)(key, options);
});

describe('the chronology on the PDF cover', () => {
  it('names the chart, its rows and both ends of its axis in the text layer, with the caption and notes', async () => {
    const { pages, t } = await render(await documentOf(INCIDENTS));
    const text = coverOf(pages, t);
    expect(text).toContain('Chronology');
    expect(text).toContain('All incidents');
    expect(text).toContain('Following, turning up or loitering');
    expect(text).toContain('Calls, messages or contact through others');
    expect(text).toContain('Threats, damage or violence');
    expect(text).toContain('No behaviour ticked');
    expect(text).not.toContain('Monitoring or tracking');
    // The Monday of the first week and the Sunday of the last.
    expect(text).toContain('29 Dec 2025');
    expect(text).toContain('15 Feb 2026');
    expect(text).toContain(
      'Incidents per week, counted by the date given for when each incident happened, among all incidents in this report.',
    );
    expect(text).toContain('a bar of full height is 2 incidents in one week');
    expect(text).toContain('1 incident has no date, so it is not counted in any week.');
    expect(text).toContain('1 incident has only a rough date or is ongoing');
    expect(text).not.toMatch(/escalat|increas|risk score|trend/i);
  });

  it('marks where each year starts over a long diary, with the dates at both ends', async () => {
    const incidents = Array.from({ length: 40 }, (_, i) => {
      const date = new Date(Date.UTC(2022, 0, 3 + i * 27)).toISOString().slice(0, 10);
      return anIncident({
        when: { kind: 'exact', date },
        behaviours: i % 3 ? ['contact-text'] : ['violence'],
        reported: { reported: i % 5 === 0 },
      });
    });
    const { pages, t } = await render(await documentOf(incidents));
    const text = coverOf(pages, t);
    expect(text).toContain('3 Jan 2022');
    for (const year of ['2023', '2024']) expect(text).toContain(year);
    expect(text).toContain('Threats, damage or violence');
  });

  it('never reads a left-out police field as "not reported": says it is left out, and marks none of those', async () => {
    // Every incident reported; the police field left out of the whole export.
    const reported = INCIDENTS.map((incident) => ({ ...incident, reported: { reported: true } }));
    const all = leaveOutPolice(await documentOf(reported, { omittedFields: ['reported'] }), () => true);
    expect(reportChronology({ document: all } as ReportContext).totals.markers['police-report']).toBe(0);
    const allText = coverOf((await render(all)).pages, en);
    expect(allText).toContain('Police reports are left out of this report for 4 incidents: they are not marked either way.');
    // No legend for marks that cannot appear: it would read as "none reported".
    expect(allText).not.toContain('Triangle: reported to the police');

    // Left out of one entry's latest version only: the others are still marked, with the legend.
    const one = leaveOutPolice(await documentOf(reported), (id) => id === 'entry-0');
    expect(reportChronology({ document: one } as ReportContext).totals.markers['police-report']).toBe(2);
    const oneText = coverOf((await render(one)).pages, en);
    expect(oneText).toContain('Triangle: reported to the police');
    expect(oneText).toContain('Police reports are left out of this report for 1 incident: it is not marked either way.');

    // Even if a version kept the value, a field the export says is left out is not marked.
    const kept = await documentOf(reported, { omittedFields: ['reported'] });
    expect(reportChronology({ document: kept } as ReportContext).totals.markers['police-report']).toBe(0);
  });

  it('says when the report holds only chosen incidents', async () => {
    const { pages, t } = await render(await documentOf(INCIDENTS.slice(0, 2), { pickedIncidents: true }));
    expect(coverOf(pages, t)).toContain('among only the incidents chosen for this report');
    // Two incidents, in two weeks (31 Dec 2025 and 2 Jan 2026 are in the same ISO week).
    expect(coverOf(pages, t)).toContain('29 Dec 2025');
    expect(coverOf(pages, t)).toContain('4 Jan 2026');
  });

  it('says there is no chart when no incident has a date', async () => {
    const { pages } = await render(await documentOf([INCIDENTS[3] as Incident]));
    expect(pages.join(' ')).toContain(en('chronology:pdf.noDates'));
  });

  it('is vector drawing, not a picture: the cover pages hold no image', async () => {
    const { bytes } = await render(await documentOf(INCIDENTS));
    const pdf = await PDFDocument.load(bytes);
    for (const page of pdf.getPages()) {
      const xObjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
      for (const [, ref] of xObjects?.entries() ?? []) {
        const object = pdf.context.lookup(ref);
        const subtype = object && 'dict' in object ? (object.dict as PDFDict).get(PDFName.of('Subtype')) : undefined;
        expect(subtype?.toString()).not.toBe('/Image');
      }
    }
  });

  it('prints in Arabic: the title, row names and caption in the report language', async () => {
    const { pages, t } = await render(await documentOf(INCIDENTS), 'ar');
    const text = coverOf(pages, t);
    expect(text).toContain(t('chronology:pdf.title'));
    const flat = text.replace(/\s/g, '');
    for (const key of ['chronology:allIncidents', 'chronology:groups.presence', 'chronology:pdf.caption']) {
      expect(flat).toContain(t(key).replace(/\s/g, ''));
    }
  });
});
