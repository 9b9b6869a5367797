// The PDF report of incidents written in several scripts (issue 15): Latin, Urdu, Gurmukhi,
// Devanagari and Chinese in turn, some Urdu with English and a phone number in the line. The
// seeded diary is Latin only and the other figures depend on it, so these incidents are not
// stored: their chain is built here in memory, as the diary writes it (appendLink over
// newRevisionContent), and the export is built, verified and drawn exactly as for the stored one.

import { PDFDocument } from 'pdf-lib';
import { appendLink } from '../../../src/core/evidence/chain';
import type { ChainLink } from '../../../src/core/evidence/chainLink';
import { newRevisionContent, revisionContentHash } from '../../../src/core/evidence/fieldCommitments';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import { familiesFor, stringsIn } from '../../../src/core/export/pdf/fontFamilies';
import { renderPdfReport } from '../../../src/core/export/pdf';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import { exportVerified, verifyExportDocument } from '../../../src/core/export/verifyExport';
import type { Incident } from '../../../src/core/model/incident';
import type { DiaryEntry, RevisionRecord } from '../../../src/core/store/diaryRepository';
import { loadReportFonts } from '../../../src/shared/exportFiles/reportFonts';
import type { PdfResult } from './api';
import { incidentFor } from './corpus';
import { REPORT_LOCALE, reportTranslate } from './reportTranslate';

/** What happened, one script per incident in turn, each a few sentences as people write them. */
export const MIXED_TEXTS = [
  'He followed me from the bus stop to my door again and waited outside for an hour. Zażółć gęślą jaźń; Siân saw him too.',
  'وہ میرے گھر کے باہر کھڑا تھا اور کہا کہ وہ کل پھر آئے گا۔ اس نے مجھے 15 پیغامات WhatsApp پر بھیجے، نمبر 07700 900123 سے۔',
  'ਉਹ ਮੇਰੇ ਘਰ ਦੇ ਬਾਹਰ ਖੜ੍ਹਾ ਸੀ ਅਤੇ ਉਸਨੇ ਕਿਹਾ ਕਿ ਉਹ ਕੱਲ੍ਹ ਫਿਰ ਆਵੇਗਾ। ਉਸਨੇ ਮੈਨੂੰ ਰਾਤ ਨੂੰ ਤਿੰਨ ਵਾਰ ਫ਼ੋਨ ਕੀਤਾ।',
  'वह मेरे घर के बाहर खड़ा था और उसने कहा कि वह कल फिर आएगा। उसने मुझे रात में तीन बार फ़ोन किया।',
  '他昨晚跟踪我回家，说他明天还会再来。他在门外等了一个小时，然后给我发了十五条短信。',
] as const;

const PLACES = ['Outside my flat, Station Road', 'بس اسٹاپ کے پاس', 'ਮੇਰੇ ਘਰ ਦੇ ਬਾਹਰ', 'मेरे दफ़्तर के बाहर', '我家楼下'] as const;

interface MixedDiary {
  links: ChainLink[];
  entries: DiaryEntry[];
  history: Map<string, RevisionRecord[]>;
}

async function mixedDiary(incidents: number): Promise<MixedDiary> {
  const diary: MixedDiary = { links: [], entries: [], history: new Map() };
  const start = Date.now() - incidents * 60_000;
  for (let i = 0; i < incidents; i += 1) {
    const base = incidentFor(i, incidents);
    const incident: Incident = { ...base, whatHappened: MIXED_TEXTS[i % MIXED_TEXTS.length] ?? '', where: PLACES[i % PLACES.length] ?? '' };
    const content = newRevisionContent(incident);
    const recordedAt = new Date(start + i * 60_000).toISOString();
    const id = `mixed-${String(i).padStart(5, '0')}`;
    const link = await appendLink(diary.links.at(-1) ?? null, {
      entryId: id,
      revision: 1,
      kind: 'revision',
      recordedAt,
      contentHash: await revisionContentHash(content),
    });
    diary.links.push(link);
    diary.history.set(id, [{ link, content }]);
    diary.entries.push({ id, incident, firstRecordedAt: recordedAt, lastRecordedAt: recordedAt, revisions: 1 });
  }
  return diary;
}

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** The report of `incidents` mixed-script incidents, `runs` times: build + verify + render, timed as measurePdf does. */
export async function measureMixedPdf(incidents: number, runs: number): Promise<PdfResult> {
  const diary = await mixedDiary(incidents);
  const t = await reportTranslate();
  // As the PDF task: fonts for the scripts of the text (and of the report's own words, English here).
  const families = familiesFor(stringsIn(diary.entries.map((entry) => entry.incident)));
  const [fonts, fontMs] = await timed(() => loadReportFonts(families));
  const fontBytes = [fonts.regular, fonts.bold, ...Object.values(fonts.families ?? {}).flatMap((f) => [f.regular, f.bold])].reduce(
    (sum, bytes) => sum + (bytes?.byteLength ?? 0),
    0,
  );
  const selection = { ...EMPTY_SELECTION, entryIds: diary.entries.map((entry) => entry.id) };
  const result: PdfResult = {
    incidents: 0,
    revisions: 0,
    fontMs,
    fontBytes,
    buildMs: [],
    verifyMs: [],
    renderMs: [],
    totalMs: [],
    bytes: 0,
    pages: 0,
    pictures: 0,
    realPictures: 0,
    realPictureBytes: 0,
  };
  let pdf: Uint8Array = new Uint8Array(0);
  for (let run = 0; run < runs; run += 1) {
    const now = new Date();
    const [document, buildMs] = await timed(() =>
      buildExportDocument(
        { links: diary.links, entries: diary.entries, history: (id) => diary.history.get(id) ?? [], checklists: [], fingerprints: [] },
        selection,
        now,
      ),
    );
    const [verification, verifyMs] = await timed(() => verifyExportDocument(document));
    if (!exportVerified(verification)) throw new Error('Mixed-script export: it does not verify');
    const [bytes, renderMs] = await timed(() => renderPdfReport({ document, verification, fonts, t, locale: REPORT_LOCALE, now }));
    result.buildMs.push(buildMs);
    result.verifyMs.push(verifyMs);
    result.renderMs.push(renderMs);
    result.totalMs.push(buildMs + verifyMs + renderMs);
    result.incidents = document.entries.length;
    result.revisions = document.entries.reduce((sum, e) => sum + e.revisions.length, 0);
    pdf = bytes;
  }
  if (result.incidents !== incidents) throw new Error(`Mixed-script export: ${result.incidents} incidents, not ${incidents}`);
  result.bytes = pdf.byteLength;
  result.pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
  return result;
}
