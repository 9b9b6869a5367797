// The PDF of a version 2 export: "Verified" only for what was checked, what is not covered named in
// plain words, the diary's fingerprint, and each clock note beside its version. Read back with
// pdf.js as any PDF reader would (text that can be copied and searched).

import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatFingerprint } from '../../../../src/core/evidence';
import type { ExportDocument } from '../../../../src/core/export/exportDocument';
import { renderPdfReport, type ReportTranslate } from '../../../../src/core/export/pdf';
import { verifyExportDocument } from '../../../../src/core/export/verifyExport';
import { testI18n } from '../../../support/i18n';
import { sampleExport } from '../exportFixture';
import { sampleExportV2, WITNESS } from '../exportFixtureV2';

const FONTS = {
  regular: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  bold: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
};
const NOW = new Date('2025-04-01T12:00:00.000Z');

let en: ReportTranslate;
let cy: ReportTranslate;

beforeAll(async () => {
  const english = await testI18n('en-GB');
  const welsh = await testI18n('cy');
  en = (key, options) => (english.t as unknown as ReportTranslate)(key, options);
  cy = (key, options) => (welsh.t as unknown as ReportTranslate)(key, options);
});

/** The report's text, page by page, each page's lines joined with spaces (sentences wrap). */
async function reportText(document: ExportDocument, t: ReportTranslate = en, locale = 'en-GB'): Promise<string[]> {
  const bytes = await renderPdfReport({
    document,
    verification: await verifyExportDocument(document),
    fonts: FONTS,
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
  return pages;
}

describe('the PDF report of a version 2 export', () => {
  it('says "Verified" for a fully checked export, with the fingerprint and what the check does not cover', async () => {
    const { document } = await sampleExportV2();
    const pages = await reportText(document);
    const cover = pages.slice(0, 2).join(' ');
    expect(cover).toContain('Diary fingerprint');
    expect(cover).toContain(formatFingerprint({ size: document.chain.size, root: document.chain.root }));
    expect(cover).toContain('This report says the diary had 8 links when it was exported');
    expect(cover).toContain(document.chain.root);
    expect(cover).toContain(
      'Verified when this report was made: all 5 versions in this report match the record of changes it was made from',
    );
    expect(cover).not.toContain('exactly as saved');
    expect(cover).toContain('Whose diary this is: the check compares this report with the record of changes it was made from');
    expect(cover).toContain('Only a fingerprint the person gave you themselves, earlier, ties this report to their diary.');
    expect(cover).toContain('Checked in every version');
    expect(cover).toContain('What this check does not cover');
    expect(cover).toContain('Which incidents and dates are in this report: the person chose them.');
    expect(cover).toContain('Times: they come from the clock of the device Daybook ran on');
    expect(cover).toContain('Later changes: this report cannot show whether an incident in it was changed or deleted');
    expect(cover).not.toContain('Details the person left out');
    // One clock read earlier than the record before; one version saved more than a day after it
    // (a gap, not a clock fault).
    expect(cover).toContain('The device’s clock read earlier than the previous record when 1 version was saved.');
    expect(cover).toContain('1 version was saved more than a day after the previous record.');
    expect(cover).not.toMatch(/looked wrong|seemed wrong/);
    expect(cover).toContain('Earlier fingerprints listed with this report');
    expect(cover).toContain(
      `${formatFingerprint(document.chain.earlier[0] ?? { size: 0, root: '' })}, at 2 links: the report says it was shared `,
    );
    expect(cover).toContain('This record of changes continues from it.');
    const all = pages.join(' ');
    expect(all).not.toContain('cannot be edited by the person');
    expect(all).toContain('Times of writing and changes come from the clock of the device Daybook ran on');
  });

  it('names the fields left out, and the versions whose text could not be checked, never calling them verified', async () => {
    const { document } = await sampleExportV2(['where', 'witnesses']);
    const pages = await reportText(document);
    const cover = pages.slice(0, 2).join(' ');
    expect(cover).not.toContain('Verified when this report was made');
    expect(cover).toContain('Partly verified when this report was made: the record of changes checks out, and 3 versions match it');
    expect(cover).toContain('the text of 2 versions could not be checked');
    expect(cover).toContain('Details the person left out (where it happened and witnesses)');
    expect(cover).toContain(
      "The text of 2 versions in Daybook's older format (which cannot prove single details) and exported with details left out",
    );
    const all = pages.join(' ');
    expect(all).not.toContain(WITNESS);
    expect(all).toContain('[Left out of this export]');
    // Each incident says how far it was checked.
    expect(all).toContain('Its text could not be checked (see the first page)');
    expect(all).toContain('Every version matches the record of changes this report was made from');
  });

  it('puts each clock note beside its version, never with the time of the record before', async () => {
    const { document, diary } = await sampleExportV2();
    const all = (await reportText(document)).join(' ');
    const moment = (iso: string | undefined) =>
      new Intl.DateTimeFormat('en-GB', {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
        timeZone: 'Europe/London',
      }).format(new Date(iso ?? ''));
    expect(all).toContain('This device’s clock read earlier than the previous record in the diary.');
    expect(all).toContain('Saved more than a day after the previous record in the diary.');
    // The record before C#2 is B's deletion, left out: its time is nowhere in the report.
    expect(diary.links[5]?.kind).toBe('tombstone');
    expect(all).not.toContain(moment(diary.links[5]?.recordedAt));
  });

  it('says NOT verified when a version was rewritten', async () => {
    const { document } = await sampleExportV2(['where']);
    const revision = document.entries[1]?.revisions[0];
    if (revision?.kind !== 'committed' || revision.content.fields.whatHappened === undefined) throw new Error('sample changed');
    revision.content.fields.whatHappened.value = 'Rewritten';
    const pages = await reportText(document);
    expect(pages[0]).toContain('NOT verified. The record of changes does not add up at link 4.');
    expect(pages.join(' ')).not.toContain('Verified when this report was made');
    expect(pages.join(' ')).toContain('Does NOT agree with the diary’s record of changes');
  });

  it('renders in Welsh', async () => {
    const { document } = await sampleExportV2(['where']);
    const pages = await reportText(document, cy, 'cy');
    const cover = pages.slice(0, 2).join(' ');
    expect(cover).toContain('Ôl bys y dyddiadur');
    expect(cover).toContain("Beth nad yw'r gwirio hwn yn ei gynnwys");
    expect(cover).toContain("Wedi'i wirio'n rhannol");
  });
});

describe('the PDF report of a version 1 export', () => {
  it('keeps its wording, without the claim that times cannot be edited, and names text it could not check', async () => {
    const { document } = await sampleExport();
    const pages = await reportText(document);
    expect(pages[0]).toContain('Verified when this report was made: every link checks out');
    expect(pages[0]).toContain('The text of 2 versions could not be checked');
    expect(pages.join(' ')).not.toContain('cannot be edited by the person');
    expect(pages.join(' ')).not.toContain('Diary fingerprint');
  });
});
