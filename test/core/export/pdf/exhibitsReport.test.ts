// Exhibit references through the whole report (issue 16, point 6): a report made with initials
// "AB" over an incident with two files reads "Exhibit AB/1" and "Exhibit AB/2"; one made without
// initials, or without its files, has no exhibit references. Read back with pdf.js.

import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExportDocument } from '../../../../src/core/export/buildExportDocument';
import type { ExportDocument } from '../../../../src/core/export/exportDocument';
import { renderPdfReport, type ReportTranslate } from '../../../../src/core/export/pdf';
import { EMPTY_SELECTION } from '../../../../src/core/export/selection';
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

async function twoFiles(includeAttachments = true): Promise<ExportDocument> {
  const diary = new DiaryBuilder();
  switchToVersion2(diary);
  await diary.save('entry-a', anIncident({ attachments: [file('f1', 'statement.pdf'), file('f2', 'letter.pdf')] }));
  return buildExportDocument(
    builderSource(diary, ['entry-a']),
    { ...EMPTY_SELECTION, includeAttachments },
    new Date('2026-03-10T12:00:00Z'),
  );
}

async function reportText(document: ExportDocument, exhibitInitials?: string): Promise<string> {
  const bytes = await renderPdfReport({
    document,
    verification: await verifyExportDocument(document),
    fonts: FONTS,
    t,
    locale: 'en-GB',
    timeZone: 'Europe/London',
    now: new Date('2026-03-11T12:00:00Z'),
    ...(exhibitInitials ? { exhibitInitials } : {}),
  });
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  const lines: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item && item.str.trim() !== '') lines.push(item.str);
  }
  await pdf.destroy();
  return lines.join(' ').replace(/\s+/g, ' ');
}

/** An incident whose first version had one file, replaced by two in an edit. */
async function editedFiles(): Promise<ExportDocument> {
  const diary = new DiaryBuilder();
  switchToVersion2(diary);
  await diary.save('entry-a', anIncident({ attachments: [file('f0', 'first.pdf')] }));
  await diary.tick().save('entry-a', anIncident({ attachments: [file('f1', 'statement.pdf'), file('f2', 'letter.pdf')] }));
  return buildExportDocument(builderSource(diary, ['entry-a']), EMPTY_SELECTION, new Date('2026-03-10T12:00:00Z'));
}

describe('a PDF report made with exhibit initials', () => {
  it('numbers its two files AB/1 and AB/2, each said to be a label set when exported', async () => {
    const text = await reportText(await twoFiles(), 'AB');
    expect(text).toContain('Exhibit AB/1 statement.pdf');
    expect(text).toContain('Exhibit AB/2 letter.pdf');
    expect(text).not.toContain('AB/3');
    expect(text.split('Exhibit reference set when exported.').length - 1).toBe(2);
  });

  it('has no exhibit references without initials, or when its files do not go with it', async () => {
    expect(await reportText(await twoFiles())).not.toContain('Exhibit');
    expect(await reportText(await twoFiles(false), 'AB')).not.toContain('AB/1');
  });

  it('numbers a file only an earlier version had after the others, and names it with its number in the history', async () => {
    const text = await reportText(await editedFiles(), 'AB');
    expect(text).toContain('Exhibit AB/1 statement.pdf');
    expect(text).toContain('Exhibit AB/2 letter.pdf');
    expect(text).toContain('first.pdf (exhibit AB/3)');
  });
});
