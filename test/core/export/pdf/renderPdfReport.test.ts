import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SavedChecklistResult } from '../../../../src/core/checklist/result';
import type { ChainVerification, RevisionContentV1 } from '../../../../src/core/evidence';
import { contentKey, sha256Hex, verifyChain } from '../../../../src/core/evidence';
import type {
  ExportDocument,
  ExportDocumentV1,
  ExportEntry,
  ExportRevision,
  OmittableField,
} from '../../../../src/core/export/exportDocument';
import { renderPdfReport, type ReportOptions, type ReportTranslate } from '../../../../src/core/export/pdf';
import { verifyExportDocument, type ExportVerification } from '../../../../src/core/export/verifyExport';
import type { AttachmentRef, Incident } from '../../../../src/core/model/incident';
import { testI18n } from '../../../support/i18n';
import { aQuickIncident } from '../../../support/incidentFactories';
import { DiaryBuilder } from '../../evidence/diaryBuilder';
import { blank } from '../exportFixture';

// ---------------------------------------------------------------------------------------------
// Fixtures

const FONTS = {
  regular: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  bold: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
};
const NOW = new Date('2026-03-20T12:00:00.000Z');
const TIME_ZONE = 'Europe/London';

const WELSH = 'Gwelais ŵr ar y stryd, ŷd';
const POLISH = 'Zażółć gęślą jaźń';
const LONG_URL = `https://example.com/${'a1b2c3d4'.repeat(20)}/photo?id=42`;
const WITNESS_NAME = 'Siân Prydderch';
const FEELING = 'Ofnus iawn, methu cysgu';

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const body = new Uint8Array([...new TextEncoder().encode(type), ...data]);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(body, 4);
  view.setUint32(8 + data.length, crc32(body));
  return out;
}

/** A valid 2×2 RGB PNG, built by hand: red, green / blue, white. */
function tinyPng(): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, 2);
  view.setUint32(4, 2);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, no interlace
  const rows = new Uint8Array([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', new Uint8Array(deflateSync(rows))),
    pngChunk('IEND', new Uint8Array()),
  ];
  return new Uint8Array(parts.flatMap((part) => [...part]));
}

const PNG = tinyPng();
let photo: AttachmentRef;
const notes: AttachmentRef = { id: 'att-notes', name: 'notes.txt', type: 'text/plain', size: 2_345_678, sha256: 'f'.repeat(64) };

const incident = (overrides: Partial<Incident>) => aQuickIncident(overrides, new Date('2026-03-01T19:05:00Z'));

interface EntrySpec {
  id: string;
  versions: Incident[];
}

/**
 * An export as the app would make it: a real chain over every version, complete revisions
 * with their salted content, and fields left out blanked in 'partial' revisions.
 */
async function buildDocument(specs: EntrySpec[], scope: Partial<ExportDocument['scope']> = {}, checklists: SavedChecklistResult[] = []) {
  const builder = new DiaryBuilder();
  const omitted: OmittableField[] = scope.omittedFields ?? [];
  const entries: ExportEntry[] = specs.map((spec) => ({ id: spec.id, revisions: [] }));
  for (const [index, spec] of specs.entries()) {
    for (const version of spec.versions) {
      builder.tick();
      const link = await builder.save(spec.id, version);
      const content = builder.contents.get(contentKey(spec.id, link.revision)) as RevisionContentV1<Incident>;
      const revision: ExportRevision =
        omitted.length === 0
          ? { revision: link.revision, recordedAt: link.recordedAt, kind: 'complete', content }
          : {
              revision: link.revision,
              recordedAt: link.recordedAt,
              kind: 'partial',
              incident: blank(version, omitted),
              omittedFields: omitted,
            };
      entries[index]?.revisions.push(revision);
    }
  }
  const document: ExportDocumentV1 = {
    format: 'daybook-export',
    version: 1,
    generatedAt: NOW.toISOString(),
    scope: {
      behaviours: [],
      pickedIncidents: false,
      omittedFields: omitted,
      attachmentsIncluded: false,
      checklistsIncluded: checklists.length > 0,
      ...scope,
    },
    chain: { links: builder.links, head: builder.links.at(-1)?.hash ?? '0'.repeat(64) },
    entries,
    checklists,
  };
  const verification = await verifyChain(builder.links);
  return { document, verification };
}

function fixtureSpecs(): EntrySpec[] {
  const first = incident({
    when: { kind: 'exact', date: '2026-03-01', time: '19:05' },
    where: 'the park',
    whatHappened: 'Gwelais ddyn',
    behaviours: ['following'],
    witnesses: [{ name: WITNESS_NAME, contact: '07700 900123' }],
    attachments: [photo],
    reported: { reported: true, policeReference: 'CR/2026/0001', officer: 'PC Jones 1234' },
    effect: { howItFelt: FEELING, whatItChanged: 'Newid fy llwybr' },
  });
  const welsh: EntrySpec = {
    id: 'entry-welsh',
    versions: [
      first,
      {
        ...first,
        where: 'Heol y Frenhines',
        whatHappened: WELSH,
        behaviours: ['following', 'loitering'],
        attachments: [photo, notes],
        effect: { ...first.effect, whatItChanged: 'Newid fy llwybr a’r cloeon' },
      },
    ],
  };
  const polish: EntrySpec = {
    id: 'entry-polish',
    versions: [
      incident({
        when: { kind: 'approximate', description: 'one evening', from: '2026-03-02', to: '2026-03-05' },
        // Control characters are dropped; a CJK character no font given has is named on its entry.
        whatHappened: `${POLISH}\u0007\nLink: ${LONG_URL}\nZnak: 漢`,
        behaviours: ['contact-text', 'threats'],
      }),
    ],
  };
  const ongoing = incident({
    when: { kind: 'ongoing', since: '2026-03-10' },
    whatHappened: 'Messages every night',
    behaviours: ['contact-text', 'following'],
  });
  const ongoingSpec: EntrySpec = {
    id: 'entry-ongoing',
    versions: [
      ongoing,
      { ...ongoing, whatHappened: 'Messages every night, still' },
      { ...ongoing, whatHappened: 'Messages every night, still, now calls too' },
    ],
  };
  return [welsh, polish, ongoingSpec];
}

// ---------------------------------------------------------------------------------------------
// Reading the PDF back

interface ReadPdf {
  pages: string[];
  /** Each page's text items, blanks dropped. */
  items: string[][];
  imagesPerPage: number[];
  info: Record<string, unknown>;
}

async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  const result: ReadPdf = { pages: [], items: [], imagesPerPage: [], info: {} };
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [item.str] : []));
    result.items.push(items);
    result.pages.push(items.join('\n'));
    const ops = await page.getOperatorList();
    result.imagesPerPage.push(ops.fnArray.filter((fn) => fn === OPS.paintImageXObject).length);
  }
  result.info = (await pdf.getMetadata()).info as Record<string, unknown>;
  await pdf.destroy();
  return result;
}

const allText = (pdf: ReadPdf) => pdf.pages.join('\n');
/** Text with line breaks as spaces, for sentences the layout may wrap. */
const flowing = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ');
const isPageFrame = (item: string) => item === 'Incident log · Daybook' || item.startsWith('Generated ') || /^Page \d+ of \d+$/.test(item);
/** The body text with every line break and space removed, for strings the layout may wrap, even across pages. */
const compact = (pdf: ReadPdf) =>
  pdf.items
    .flat()
    .filter((item) => !isPageFrame(item))
    .join('')
    .replace(/\s+/g, '');

/** The value printed beside a label (the next text item). */
function valueAfter(items: string[], label: string): string | undefined {
  const index = items.indexOf(label);
  return index < 0 ? undefined : items[index + 1];
}

// ---------------------------------------------------------------------------------------------

let en: ReportTranslate;
let cy: ReportTranslate;

beforeAll(async () => {
  const english = await testI18n('en-GB');
  const welsh = await testI18n('cy');
  en = (key, options) => (english.t as unknown as ReportTranslate)(key, options);
  cy = (key, options) => (welsh.t as unknown as ReportTranslate)(key, options);
  photo = { id: 'att-photo', name: 'llun-ŵ.png', type: 'image/png', size: PNG.length, sha256: await sha256Hex(PNG) };
});

/** The document's own verification, with its chain's result replaced and the problems given, if any. */
async function exportVerification(
  document: ExportDocument,
  chain: ChainVerification,
  changes: Partial<Pick<ExportVerification, 'problems' | 'notHeld'>> = {},
): Promise<ExportVerification> {
  return { ...(await verifyExportDocument(document)), chain, ...changes };
}

async function render(document: ExportDocument, verification: ChainVerification, options: Partial<ReportOptions> = {}) {
  const bytes = await renderPdfReport({
    document,
    verification: await exportVerification(document, verification),
    fonts: FONTS,
    t: en,
    locale: 'en-GB',
    timeZone: TIME_ZONE,
    now: NOW,
    ...options,
  });
  return { bytes, pdf: await readPdf(bytes) };
}

describe('renderPdfReport', () => {
  it('puts the facts of the export on the cover', async () => {
    const { document, verification } = await buildDocument(fixtureSpecs());
    expect(verification.ok).toBe(true);
    const { bytes, pdf } = await render(document, verification);
    expect(new TextDecoder('latin1').decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const cover = pdf.items[0] ?? [];

    expect(cover).toContain('Incident log');
    expect(valueAfter(cover, 'Number of incidents')).toBe('3');
    expect(valueAfter(cover, 'Dates covered')).toBe('1 Mar 2026 to 10 Mar 2026');
    expect(valueAfter(cover, 'Report generated')).toBe('20 Mar 2026, 12:00 GMT');
    // Counts by behaviour, from each incident's latest version, with translated names.
    expect(valueAfter(cover, 'Following')).toBe('2');
    expect(valueAfter(cover, 'Text messages')).toBe('2');
    expect(valueAfter(cover, 'Loitering nearby')).toBe('1');
    expect(valueAfter(cover, 'Threats')).toBe('1');
    expect(cover).not.toContain('Violence');
    // The evidence chain: every link, the head on one line, and that it verified.
    expect(valueAfter(cover, 'Links in the chain')).toBe('6');
    expect(cover).toContain(document.chain.head);
    expect(pdf.pages[0]).toContain('Verified when this report was made');
    expect(pdf.pages[0]).toContain('Open evidence package');
    expect(pdf.pages[0]).toContain('does not give legal advice');
    expect(pdf.pages[0]).not.toContain('Left out of this export');
  });

  it('numbers every page "Page x of y" and stamps the generation time on each', async () => {
    const { document, verification } = await buildDocument(fixtureSpecs());
    const { pdf } = await render(document, verification);
    const total = pdf.pages.length;
    expect(total).toBeGreaterThanOrEqual(2);
    pdf.items.forEach((items, index) => {
      expect(items).toContain(`Page ${index + 1} of ${total}`);
      expect(items).toContain('Generated 20 Mar 2026, 12:00 GMT');
    });
  });

  it('prints Welsh and Polish letters exactly, wraps long words, drops control characters and names characters no font has', async () => {
    const { document, verification } = await buildDocument(fixtureSpecs());
    const { pdf } = await render(document, verification);
    const text = allText(pdf);
    expect(text).toContain(WELSH);
    expect(text).toContain(POLISH);
    expect(text).toContain('Heol y Frenhines');
    expect(text).toContain('llun-ŵ.png');
    // The URL is wider than a line: it is broken across lines, but nothing of it is lost.
    expect(compact(pdf)).toContain(LONG_URL);
    expect(text.split('\n').some((line) => line.includes(LONG_URL))).toBe(false);
    expect(text).not.toContain('\u0007');
    // Never replaced: drawn as the font's empty box, kept in the text layer, and named.
    expect(text).toContain('Znak: 漢');
    expect(text).not.toContain('Znak: ?');
    expect(flowing(text)).toContain('A character in this entry could not be printed: U+6F22.');
    expect(flowing(pdf.pages[0])).toContain('Some characters in 1 incident could not be printed');
  });

  it('says nothing of unprintable characters when every character has a font', async () => {
    const specs = fixtureSpecs().filter((spec) => spec.id !== 'entry-polish');
    const { document, verification } = await buildDocument(specs);
    const { pdf } = await render(document, verification);
    expect(allText(pdf)).not.toContain('could not be printed');
  });

  it('lists each incident with its fields, when it was written down, and its entry id', async () => {
    const { document, verification } = await buildDocument(fixtureSpecs());
    const { pdf } = await render(document, verification);
    const items = pdf.items.flat();
    const text = allText(pdf);
    expect(items).toContain('1. 1 Mar 2026 at 19:05');
    expect(items).toContain('2. Roughly: one evening (between 2 Mar 2026 and 5 Mar 2026)');
    expect(items).toContain('3. Ongoing since 10 Mar 2026');
    expect(text).toContain('Entry id entry-welsh');
    expect(valueAfter(items, 'Where')).toBe('Heol y Frenhines');
    expect(valueAfter(items, 'What it involved')).toBe('Following and Loitering nearby');
    expect(valueAfter(items, 'Witnesses')).toBe(`${WITNESS_NAME}, contact: 07700 900123`);
    expect(valueAfter(items, 'Police reference')).toBe('CR/2026/0001');
    expect(valueAfter(items, 'Officer')).toBe('PC Jones 1234');
    expect(valueAfter(items, 'How it made them feel')).toBe(FEELING);
    // Builder links are a minute apart from 08:00 UTC; the first save of the first entry is 08:01.
    expect(valueAfter(items, 'First written down')).toBe('1 Mar 2025, 08:01 GMT');
    // The incident that was never edited says so; the log follows the document's order.
    expect(text).toContain('Never edited');
    expect(text.indexOf(WELSH)).toBeLessThan(text.indexOf(POLISH));
    expect(text.indexOf(POLISH)).toBeLessThan(text.indexOf('Messages every night, still, now calls too'));
  });

  it('gives a version brought in from a backup the time it was first written, and says when it was added', async () => {
    const { document, verification } = await buildDocument(fixtureSpecs());
    const [first] = document.entries;
    const revision = first?.revisions[0];
    if (revision?.kind !== 'complete') throw new Error('fixture: the first revision is complete');
    revision.content = {
      ...revision.content,
      origin: { recordedAt: '2024-06-01T10:30:00.000Z', contentHash: 'a'.repeat(64), linkHash: 'b'.repeat(64) },
    };
    const { pdf } = await render(document, verification);
    const items = pdf.items.flat();
    expect(valueAfter(items, 'First written down')).toBe('1 Jun 2024, 11:30 BST');
    expect(valueAfter(items, 'Added from a backup')).toBe('1 Mar 2025, 08:01 GMT');
  });

  it('marks edited incidents, lists every version with when it was saved, and shows what each edit changed', async () => {
    const { document, verification } = await buildDocument(fixtureSpecs());
    const { pdf } = await render(document, verification);
    const text = allText(pdf);
    expect(text).toContain('Edited once: see the history of changes below');
    expect(text).toContain('Edited 2 times: see the history of changes below');
    expect(text.match(/History of changes/g)).toHaveLength(2);
    expect(text).toContain('Version 1, first written down 1 Mar 2025, 08:01 GMT');
    expect(text).toContain('Version 2, saved 1 Mar 2025, 08:02 GMT');
    expect(text).toContain('Version 3, saved 1 Mar 2025, 08:06 GMT');
    // Earlier wording stays readable.
    expect(text).toContain('the park → Heol y Frenhines');
    expect(text).toContain('Gwelais ddyn → Gwelais ŵr ar y stryd, ŷd');
    expect(text).toContain('Messages every night → Messages every night, still');
    expect(text).toContain('added Loitering nearby');
    expect(text).toContain('added notes.txt');
    expect(text).toContain('Newid fy llwybr → Newid fy llwybr a’r cloeon');
  });

  it('shows a marker for fields left out, never their content, nor edits to them', async () => {
    const specs = fixtureSpecs();
    const { document, verification } = await buildDocument(specs, { omittedFields: ['witnesses', 'effect'] });
    // Even if a left-out field were still filled in, the report must not print it.
    const welshEntry = document.entries[0];
    const last = welshEntry?.revisions.at(-1);
    const filledIn = specs[0]?.versions[1];
    if (last?.kind !== 'partial' || !filledIn) throw new Error('fixture: expected a partial revision');
    last.incident = { ...last.incident, witnesses: filledIn.witnesses, effect: filledIn.effect };
    const { pdf } = await render(document, verification);
    const text = allText(pdf);
    const items = pdf.items.flat();
    expect(flowing(pdf.pages[0])).toContain('Left out of this export witnesses and how it made them feel and what it changed');
    expect(valueAfter(items, 'Witnesses')).toBe('[Left out of this export]');
    expect(valueAfter(items, 'How it made them feel')).toBe('[Left out of this export]');
    expect(text.match(/\[Left out of this export\]/g)).toHaveLength(9); // 3 incidents × 3 fields
    expect(text).not.toContain(WITNESS_NAME);
    expect(text).not.toContain('07700');
    expect(text).not.toContain(FEELING);
    expect(text).not.toContain('Newid fy llwybr');
    // The edit to a field left out is acknowledged, not shown.
    expect(text).toContain('Details left out of this export were also changed.');
    // Fields not left out are all still there.
    expect(text).toContain(WELSH);
    expect(valueAfter(items, 'Police reference')).toBe('CR/2026/0001');
  });

  it('lists attachments with name, type, size and SHA-256, and embeds pictures when files are included', async () => {
    const { document, verification } = await buildDocument(fixtureSpecs(), { attachmentsIncluded: true });
    const loadImage = vi.fn(async (ref: AttachmentRef) => (ref.id === photo.id ? { bytes: PNG, format: 'png' as const } : null));
    const { pdf } = await render(document, verification, { loadImage });
    const text = allText(pdf);
    expect(text).toContain('llun-ŵ.png');
    expect(text).toContain('Type: image/png');
    expect(text).toContain(`Size: ${PNG.length} bytes`);
    expect(text).toContain(`SHA-256: ${photo.sha256}`);
    expect(text).toContain('notes.txt');
    expect(text).toContain('Type: text/plain');
    expect(text).toContain('Size: 2.2 MB (2,345,678 bytes)');
    expect(text).toContain(`SHA-256: ${'f'.repeat(64)}`);
    // Only pictures are asked for, and each only once.
    expect(loadImage).toHaveBeenCalledTimes(1);
    expect(loadImage).toHaveBeenCalledWith(photo);
    expect(pdf.imagesPerPage.reduce((a, b) => a + b, 0)).toBe(1);
    expect(text).not.toContain('could not be shown');
  });

  it('says beside the SHA-256 when and how each file reached Daybook, by the device clock, where that was recorded', async () => {
    const at = (iso: string, via?: AttachmentRef['receivedVia']) => ({ receivedAt: iso, ...(via ? { receivedVia: via } : {}) });
    const files: AttachmentRef[] = [
      { ...notes, id: 'att-shared', name: 'shared.txt', ...at('2026-03-02T08:15:00.000Z', 'share') },
      { ...notes, id: 'att-form', name: 'form.txt', ...at('2026-03-02T09:30:00.000Z', 'form') },
      { ...notes, id: 'att-old', name: 'old.txt', ...at('2026-03-02T10:45:00.000Z') },
      { ...notes, id: 'att-none', name: 'none.txt' },
    ];
    const { document, verification } = await buildDocument([
      { id: 'entry-files', versions: [incident({ whatHappened: 'Pliki', attachments: files })] },
    ]);
    const { pdf } = await render(document, verification);
    const text = allText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Shared into Daybook: 2 Mar 2026, 08:15 GMT, by the clock of the device it was shared on.');
    expect(text).toContain('Added to Daybook: 2 Mar 2026, 09:30 GMT, by the clock of the device it was added on.');
    expect(text).toContain('Received by Daybook: 2 Mar 2026, 10:45 GMT, by the clock of the device it was received on.');
    // A file with no time recorded says none.
    expect(text.match(/by the clock of the device/g)).toHaveLength(3);
  });

  it('still produces the report, saying so, when a picture cannot be loaded or read', async () => {
    const { document, verification } = await buildDocument(fixtureSpecs(), { attachmentsIncluded: true });
    const failures: ReportOptions['loadImage'][] = [
      async () => {
        throw new Error('decrypt failed');
      },
      async () => null,
      async () => ({ bytes: new Uint8Array([1, 2, 3, 4]), format: 'png' }),
      async () => ({ bytes: PNG, format: 'jpeg' }),
    ];
    for (const loadImage of failures) {
      const { pdf } = await render(document, verification, { loadImage });
      const text = allText(pdf);
      expect(text).toContain('This picture could not be shown in this report.');
      expect(text).toContain(`SHA-256: ${photo.sha256}`);
      expect(pdf.imagesPerPage.every((n) => n === 0)).toBe(true);
    }
  });

  it('does not ask for pictures when the export leaves files out', async () => {
    const { document, verification } = await buildDocument(fixtureSpecs(), { attachmentsIncluded: false });
    const loadImage = vi.fn(async () => ({ bytes: PNG, format: 'png' as const }));
    const { pdf } = await render(document, verification, { loadImage });
    expect(loadImage).not.toHaveBeenCalled();
    expect(pdf.imagesPerPage.every((n) => n === 0)).toBe(true);
    expect(allText(pdf)).toContain(`SHA-256: ${photo.sha256}`);
    expect(valueAfter(pdf.items[0] ?? [], 'Attached files')).toBe('Listed with their SHA-256, but not included in this export.');
  });

  it('says plainly when the chain did not verify', async () => {
    const { document } = await buildDocument(fixtureSpecs());
    const { pdf } = await render(document, { ok: false, brokenAt: 3, reason: 'hash-mismatch', entryId: 'entry-polish' });
    expect(pdf.pages[0]).toContain('NOT verified. The chain does not add up at link 4.');
    expect(pdf.pages[0]).not.toContain('Verified when this report was made');
  });

  it('says not verified when the chain checks out but an entry disagrees with it', async () => {
    const { document, verification } = await buildDocument(fixtureSpecs());
    const problems: ExportVerification['problems'] = [{ kind: 'deleted-entry', entryId: 'entry-polish' }];
    const { pdf } = await render(document, verification, { verification: await exportVerification(document, verification, { problems }) });
    expect(flowing(pdf.pages[0])).toContain('NOT verified. The chain checks out, but 1 thing in this export does not agree with it.');
    expect(pdf.pages[0]).not.toContain('Verified when this report was made');
  });

  it('says not verified when the chain checks out but a version’s text is not held', async () => {
    const { document, verification } = await buildDocument(fixtureSpecs());
    const notHeld = [{ entryId: 'entry-polish', revision: 2, recordedAt: '2026-03-01T10:00:00.000Z' }];
    const { pdf } = await render(document, verification, { verification: await exportVerification(document, verification, { notHeld }) });
    expect(flowing(pdf.pages[0])).toContain('NOT verified. The chain checks out, but the text of 1 version is not in this export');
    expect(pdf.pages[0]).not.toContain('Verified when this report was made');
  });

  it('includes saved checklist results with their date, outcome and answers', async () => {
    const result: SavedChecklistResult = {
      id: 'c1',
      savedAt: '2026-03-15T18:30:00.000Z',
      answers: { behaviours: ['following'], occasions: 'many', duration: null, fixation: [], effects: ['alarm-or-distress'], risks: [] },
      outcome: ['course-of-conduct', 'effects', 'police-decide', 'next-steps'],
    };
    const { document, verification } = await buildDocument(fixtureSpecs(), {}, [result]);
    const { pdf } = await render(document, verification);
    const cover = flowing(pdf.pages.slice(0, 2).join('\n'));
    expect(cover).toContain('Saved checklist results');
    expect(cover).toContain('Saved 15 Mar 2026, 18:30 GMT');
    expect(cover).toContain('• It had happened more than once (a possible course of conduct)');
    expect(cover).toContain('• Police decide whether it is stalking or harassment');
    expect(cover).toContain('• Following you');
    expect(cover).toContain('• Many times');
    expect(cover).toContain('Not answered');
  });

  it('keeps user text out of the metadata', async () => {
    const { document, verification } = await buildDocument(fixtureSpecs());
    const { pdf } = await render(document, verification);
    expect(pdf.info.Title).toBe('Incident log (Daybook)');
    expect(pdf.info.Creator).toBe('Daybook');
    expect(pdf.info.Producer).toEqual(expect.stringContaining('Daybook'));
    expect(pdf.info.Language).toBe('en-GB');
    for (const key of ['Author', 'Subject', 'Keywords']) expect(pdf.info[key]).toBeUndefined();
  });

  it('renders in Welsh with Welsh dates, behaviour names and page numbers', async () => {
    const { document, verification } = await buildDocument(fixtureSpecs());
    const { pdf } = await render(document, verification, { t: cy, locale: 'cy' });
    const cover = pdf.items[0] ?? [];
    expect(cover).toContain('Log digwyddiadau');
    expect(valueAfter(cover, 'Nifer y digwyddiadau')).toBe('3');
    expect(valueAfter(cover, 'Dilyn')).toBe('2');
    expect(valueAfter(cover, 'Negeseuon testun')).toBe('2');
    expect(pdf.pages[0]).toContain("Wedi'i gwirio pan gafodd yr adroddiad hwn ei greu");
    const total = pdf.pages.length;
    pdf.items.forEach((items, index) => expect(items).toContain(`Tudalen ${index + 1} o ${total}`));
    const text = allText(pdf);
    expect(text).toContain("Wedi'i olygu unwaith");
    // Welsh has a form for two: "ddwywaith".
    expect(text).toContain(`Wedi'i olygu ddwywaith`);
    expect(text).toContain(WELSH);
    expect(text).toContain(POLISH);
    // Dates in Welsh: "Mawrth" is March.
    expect(text).toMatch(/Maw/);
  });

  it('renders an empty export', async () => {
    const { document, verification } = await buildDocument([]);
    const { pdf } = await render(document, verification);
    expect(valueAfter(pdf.items[0] ?? [], 'Number of incidents')).toBe('0');
    expect(valueAfter(pdf.items[0] ?? [], 'Dates covered')).toBe('No incidents');
    expect(allText(pdf)).toContain('There are no incidents in this export.');
    expect(pdf.items.at(-1)).toContain(`Page ${pdf.pages.length} of ${pdf.pages.length}`);
  });

  it('renders 1,000 incidents (time and size are printed, not asserted)', async () => {
    const base = fixtureSpecs();
    const specs: EntrySpec[] = Array.from({ length: 1000 }, (_, i) => {
      const versions = base[i % base.length]?.versions ?? [];
      return { id: `entry-${i}`, versions: versions.map((v) => ({ ...v, attachments: [notes] })) };
    });
    const { document, verification } = await buildDocument(specs);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const bytes = await renderPdfReport({
      document,
      verification: await exportVerification(document, verification),
      fonts: FONTS,
      t: en,
      locale: 'en-GB',
      timeZone: TIME_ZONE,
      now: NOW,
    });
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
    console.info(
      `PDF report, 1,000 incidents: ${Math.round(elapsed)} ms (${Math.round((cpu.user + cpu.system) / 1000)} ms CPU), ${pdf.numPages} pages, ${(bytes.length / 1024).toFixed(0)} KB`,
    );
    const pageText = async (n: number) =>
      (await (await pdf.getPage(n)).getTextContent()).items.map((item) => ('str' in item ? item.str : ''));
    expect(await pageText(pdf.numPages)).toContain(`Page ${pdf.numPages} of ${pdf.numPages}`);
    const lastPages = [...(await pageText(pdf.numPages - 1)), ...(await pageText(pdf.numPages))];
    expect(lastPages.some((text) => text.startsWith('1,000. '))).toBe(true);
    await pdf.destroy();
  }, 60_000);
});
