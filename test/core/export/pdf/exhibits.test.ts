// Exhibit references in the PDF report (issue 16, point 6): with initials "AB" and two files, each
// file's list entry shows "Exhibit AB/1", "Exhibit AB/2", and says the reference was set when
// exported (a label, not checked); without initials, no reference. Read back with pdf.js.

import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExportDocument } from '../../../../src/core/export/buildExportDocument';
import { exhibitsOf } from '../../../../src/core/export/exhibits';
import type { ExportDocument } from '../../../../src/core/export/exportDocument';
import { drawAttachments, ImageEmbedder } from '../../../../src/core/export/pdf/attachments';
import { coverageByVersion, type ReportContext } from '../../../../src/core/export/pdf/context';
import { settleTextLayers } from '../../../../src/core/export/pdf/drawLine';
import { embedFonts } from '../../../../src/core/export/pdf/embedFonts';
import { makeFormats } from '../../../../src/core/export/pdf/formats';
import { ReportWriter } from '../../../../src/core/export/pdf/layout';
import type { ReportTranslate } from '../../../../src/core/export/pdf/types';
import { EMPTY_SELECTION } from '../../../../src/core/export/selection';
import { revisionIncident } from '../../../../src/core/export/exportDocument';
import { verifyExportDocument } from '../../../../src/core/export/verifyExport';
import type { AttachmentRef } from '../../../../src/core/model/incident';
import { anIncident } from '../../../support/incidentFactories';
import { testI18n } from '../../../support/i18n';
import { DiaryBuilder } from '../../evidence/diaryBuilder';
import { builderSource, switchToVersion2 } from '../exportFixtureV2';

const FONTS = {
  regular: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  bold: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
};

let t: ReportTranslate;

beforeAll(async () => {
  const english = await testI18n('en-GB');
  t = (key, options) => (english.t as unknown as ReportTranslate)(key, options);
});

function file(id: string, name: string): AttachmentRef {
  return { id, name, type: 'application/pdf', size: 1234, sha256: 'cd'.repeat(32) };
}

/** One incident with two files (not pictures, so nothing needs loading). */
async function twoFiles(): Promise<ExportDocument> {
  const diary = new DiaryBuilder();
  switchToVersion2(diary);
  await diary.save('entry-a', anIncident({ attachments: [file('f1', 'IMG_2041.jpg.pdf'), file('f2', 'letter.pdf')] }));
  return buildExportDocument(builderSource(diary, ['entry-a']), EMPTY_SELECTION, new Date('2026-03-10T12:00:00Z'));
}

/** The attachments list of the document's first incident, drawn as the report draws it, as text. */
async function attachmentsText(document: ExportDocument, initials: string | undefined): Promise<string> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const { fonts, embedded } = await embedFonts(pdf, FONTS);
  const verification = await verifyExportDocument(document);
  const ctx: ReportContext = {
    document,
    verification,
    checks: coverageByVersion(verification),
    t,
    formats: makeFormats('en-GB', 'Europe/London'),
    locale: 'en-GB',
    rtl: false,
    unprintableEntries: 0,
  };
  const writer = new ReportWriter(pdf, fonts, false);
  const images = new ImageEmbedder(pdf, undefined, exhibitsOf(document, initials));
  const latest = document.entries[0]?.revisions.at(-1);
  if (!latest) throw new Error('no incident');
  await drawAttachments(writer, ctx, revisionIncident(latest).attachments, images);
  settleTextLayers(writer.pages);
  for (const font of embedded) await font.finish();
  const read = await getDocument({ data: (await pdf.save()).slice(), useSystemFonts: false, disableFontFace: true }).promise;
  const lines: string[] = [];
  for (let n = 1; n <= read.numPages; n++) {
    const content = await (await read.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item && item.str.trim() !== '') lines.push(item.str);
  }
  await read.destroy();
  return lines.join(' ').replace(/\s+/g, ' ');
}

describe('exhibit references in the PDF report', () => {
  it('shows AB/1 and AB/2 beside the two files, in order, and says the reference is a label set when exported', async () => {
    const text = await attachmentsText(await twoFiles(), 'AB');
    expect(text).toContain('Exhibit AB/1 IMG_2041.jpg.pdf');
    expect(text).toContain('Exhibit AB/2 letter.pdf');
    expect(text.indexOf('AB/1')).toBeLessThan(text.indexOf('AB/2'));
    expect(text).toContain('Exhibit reference set when exported. It is a label, not part of the record of changes, and is not checked.');
    expect(text).not.toMatch(/AB\/3/);
  });

  it('shows no reference without initials', async () => {
    const text = await attachmentsText(await twoFiles(), undefined);
    expect(text).toContain('IMG_2041.jpg.pdf');
    expect(text).not.toContain('Exhibit');
  });
});
