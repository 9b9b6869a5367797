// A recording cut off before Stop (issue 17) says so in the PDF beside its SHA-256, so whoever
// reads the report knows the file ends where the saving stopped, not where the person chose.
// A recording that was stopped, and any other file, says nothing of it.

import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentKey, verifyChain, type RevisionContentV1 } from '../../../../src/core/evidence';
import type { ExportDocumentV1, ExportEntry } from '../../../../src/core/export/exportDocument';
import { renderPdfReport, type ReportTranslate } from '../../../../src/core/export/pdf';
import { verifyExportDocument } from '../../../../src/core/export/verifyExport';
import type { AttachmentRef, Incident } from '../../../../src/core/model/incident';
import { testI18n } from '../../../support/i18n';
import { aQuickIncident } from '../../../support/incidentFactories';
import { DiaryBuilder } from '../../evidence/diaryBuilder';

const FONTS = {
  regular: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  bold: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
};
const NOW = new Date('2026-12-20T12:00:00.000Z');
const AT = '2026-12-03T14:05:00.000Z';
const base = { type: 'audio/webm', size: 1300, sha256: 'ab'.repeat(32), receivedAt: AT, receivedVia: 'recording' } as const;
const CUT_OFF =
  'The recording was cut off before Stop was pressed (a closed page, a crash or Quick exit): this file is what was saved until then.';

let en: ReportTranslate;

beforeAll(async () => {
  const english = await testI18n('en-GB');
  en = (key, options) => (english.t as unknown as ReportTranslate)(key, options);
});

async function reportText(attachments: AttachmentRef[]): Promise<string> {
  const builder = new DiaryBuilder();
  builder.tick();
  const incident: Incident = aQuickIncident({ whatHappened: 'Recorded at the door', attachments }, new Date(AT));
  const link = await builder.save('entry-rec', incident);
  const content = builder.contents.get(contentKey('entry-rec', link.revision)) as RevisionContentV1<Incident>;
  const entries: ExportEntry[] = [
    { id: 'entry-rec', revisions: [{ revision: link.revision, recordedAt: link.recordedAt, kind: 'complete', content }] },
  ];
  const document: ExportDocumentV1 = {
    format: 'daybook-export',
    version: 1,
    generatedAt: NOW.toISOString(),
    scope: { behaviours: [], pickedIncidents: false, omittedFields: [], attachmentsIncluded: false, checklistsIncluded: false },
    chain: { links: builder.links, head: builder.links.at(-1)?.hash ?? '0'.repeat(64) },
    entries,
    checklists: [],
  };
  const chain = await verifyChain(builder.links);
  const bytes = await renderPdfReport({
    document,
    verification: { ...(await verifyExportDocument(document)), chain },
    fonts: FONTS,
    t: en,
    locale: 'en-GB',
    timeZone: 'Europe/London',
    now: NOW,
  });
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.flatMap((item) => ('str' in item ? [item.str] : [])).join(' '));
  }
  await pdf.destroy();
  return pages.join(' ').replace(/\s+/g, ' ');
}

describe('an interrupted recording in the PDF', () => {
  it('is said to have been cut off, beside when it was recorded; a stopped one is not', async () => {
    const text = await reportText([
      { ...base, id: 'att-cut', name: 'cut.webm', interrupted: true },
      { ...base, id: 'att-stopped', name: 'stopped.webm' },
    ]);
    expect(text).toContain('cut.webm');
    expect(text).toContain('stopped.webm');
    expect(text).toContain(CUT_OFF);
    // Once: for the cut-off recording only.
    expect(text.split(CUT_OFF)).toHaveLength(2);
    expect(text.indexOf(CUT_OFF)).toBeLessThan(text.indexOf('stopped.webm'));
    expect(text.indexOf(CUT_OFF)).toBeGreaterThan(text.indexOf('cut.webm'));
  });

  it('says nothing of it when no recording was cut off', async () => {
    const text = await reportText([{ ...base, id: 'att-stopped', name: 'stopped.webm' }]);
    expect(text).toContain('stopped.webm');
    expect(text).not.toContain('cut off');
  });
});
