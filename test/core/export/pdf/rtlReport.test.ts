// A report in a language written right to left (Arabic, Urdu) is mirrored: its own words are
// right-to-left paragraphs set flush right, labels stand on the right of their values, the page
// number is on the left. Lines are found by the text PDF.js reads (which must be as written);
// where each line ends is measured on the page as drawn (pdftoppm, poppler-utils): the rightmost
// dark pixel in the line's band. (PDF.js's own item widths leave out Arabic vowel marks, so they
// are not used for this.) Set DAYBOOK_RTL_PDF_DIR to keep the PDFs for looking at.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdfReport, type ReportTranslate } from '../../../../src/core/export/pdf';
import { familiesFor, stringsIn } from '../../../../src/core/export/pdf/fontFamilies';
import { CONTENT_WIDTH, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH } from '../../../../src/core/export/pdf/layout';
import { isRtlLocale } from '../../../../src/core/export/pdf/reportFont';
import { verifyExportDocument } from '../../../../src/core/export/verifyExport';
import { readLocale, testI18n } from '../../../support/i18n';
import { sampleExportV2 } from '../exportFixtureV2';
import { fontFiles } from './scriptFonts';

const RIGHT_EDGE = MARGIN_X + CONTENT_WIDTH;
/** Where values end in a right-to-left report: left of the label column (138 pt) and its gap (10 pt). */
const VALUE_RIGHT_EDGE = RIGHT_EDGE - 138 - 10;

interface Item {
  text: string;
  page: number;
  left: number;
  /** Baseline, from the top of the page, and font size, in points. */
  top: number;
  size: number;
}

interface Rendered {
  t: ReportTranslate;
  pages: Item[][];
  /** Each page at 72 dpi (a pixel per point), greyscale, one byte per pixel. */
  pictures: { width: number; height: number; pixels: Uint8Array }[];
}

/** Pages drawn by pdftoppm as binary PGM ("P5 width height 255", a byte per pixel). */
function draw(bytes: Uint8Array, count: number): Rendered['pictures'] {
  const dir = mkdtempSync(join(tmpdir(), 'daybook-rtl-'));
  try {
    writeFileSync(join(dir, 'report.pdf'), bytes);
    execFileSync('pdftoppm', ['-r', '72', '-gray', '-l', `${count}`, join(dir, 'report.pdf'), join(dir, 'page')]);
    return Array.from({ length: count }, (_, i) => {
      const file = readFileSync(join(dir, `page-${i + 1}.pgm`));
      const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(file.subarray(0, 40).toString('latin1'));
      if (!header) throw new Error('Not a greyscale PGM');
      return { width: Number(header[1]), height: Number(header[2]), pixels: new Uint8Array(file.subarray(header[0].length)) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function render(locale: string): Promise<Rendered> {
  const i18n = await testI18n(locale);
  const t: ReportTranslate = (key, options) => (i18n.t as unknown as ReportTranslate)(key, options);
  const { document } = await sampleExportV2();
  const families = familiesFor([...stringsIn(document.entries), ...stringsIn(readLocale(locale))]);
  const bytes = await renderPdfReport({
    document,
    verification: await verifyExportDocument(document),
    fonts: fontFiles(families),
    t,
    locale,
    timeZone: 'Europe/London',
    now: new Date('2025-04-01T12:00:00Z'),
  });
  const keep = process.env.DAYBOOK_RTL_PDF_DIR;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    writeFileSync(join(keep, `${locale}.pdf`), bytes);
  }
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  const pages: Item[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(
      content.items.flatMap((item) =>
        'str' in item && item.str.trim() !== ''
          ? [
              {
                text: item.str,
                page: n - 1,
                left: item.transform[4] as number,
                top: PAGE_HEIGHT - (item.transform[5] as number),
                size: item.transform[3] as number,
              },
            ]
          : [],
      ),
    );
  }
  await pdf.destroy();
  return { t, pages, pictures: draw(bytes, Math.min(pages.length, 3)) };
}

/** The ink of a line: its leftmost and rightmost dark pixel in the band from its ascent to its descent. */
function ink(rendered: Rendered, item: Item, from = 0, to = PAGE_WIDTH): { left: number; right: number } {
  const picture = rendered.pictures[item.page];
  if (!picture) throw new Error('page not drawn');
  let left = Infinity;
  let right = -Infinity;
  for (let y = Math.floor(item.top - item.size * 0.7); y <= Math.ceil(item.top + item.size * 0.1); y++) {
    for (let x = Math.max(0, Math.floor(from)); x < Math.min(picture.width, to); x++) {
      if ((picture.pixels[y * picture.width + x] ?? 255) < 160) {
        left = Math.min(left, x);
        right = Math.max(right, x + 1);
      }
    }
  }
  return { left, right };
}

function find(items: readonly Item[], text: string): Item {
  const item = items.find((candidate) => candidate.text === text);
  if (!item) throw new Error(`"${text}" is not on the page: ${items.map((i) => i.text).join(' | ')}`);
  return item;
}

/** Ink ends within a pixel or two of where the glyphs' advances end (side bearings). */
const expectEdge = (value: number, edge: number, what: string) => {
  expect(value, what).toBeGreaterThanOrEqual(edge - 3);
  expect(value, what).toBeLessThanOrEqual(edge + 1);
};

describe.each(['ar', 'ur'])('a report in %s', (locale) => {
  let rendered: Rendered;
  let t: ReportTranslate;
  beforeAll(async () => {
    rendered = await render(locale);
    t = rendered.t;
  }, 60_000);
  const cover = () => rendered.pages[0] ?? [];

  it('is a right-to-left language', () => {
    expect(isRtlLocale(locale)).toBe(true);
  });

  it('sets its title and headings flush right at the right margin, reading as written', () => {
    for (const key of ['report:cover.title', 'report:cover.behavioursTitle', 'report:evidence.title']) {
      const item = find(cover(), t(key));
      const { left, right } = ink(rendered, item);
      expectEdge(right, RIGHT_EDGE, key);
      expect(left, key).toBeGreaterThan(MARGIN_X + 50);
    }
  });

  it('puts each label on the right and its value to its left, ending at the label column', () => {
    const label = ink(rendered, find(cover(), t('report:cover.incidents')), VALUE_RIGHT_EDGE + 5);
    const value = ink(rendered, find(cover(), '3'), 0, VALUE_RIGHT_EDGE + 5);
    expectEdge(label.right, RIGHT_EDGE, 'label');
    expectEdge(value.right, VALUE_RIGHT_EDGE, 'value');
  });

  it('reads the disclaimer as written, flush right, even where it starts with a Latin word', () => {
    const disclaimer = t('report:cover.disclaimer');
    const lines = cover().filter((item) => item.text.trim().length > 10 && disclaimer.includes(item.text.trim()));
    expect(lines.map((item) => item.text.trim()).join(' ')).toBe(disclaimer);
    const first = lines[0];
    if (!first) throw new Error('no disclaimer');
    expectEdge(ink(rendered, first).right, RIGHT_EDGE, 'disclaimer');
  });

  it('keeps the person’s own English text in order, beside its label', () => {
    const value = rendered.pages.flat().find((item) => item.text === 'Outside my flat, Station Road');
    if (!value) throw new Error('value not found');
    if (value.page < rendered.pictures.length) expectEdge(ink(rendered, value, 0, VALUE_RIGHT_EDGE + 5).right, VALUE_RIGHT_EDGE, 'value');
  });

  it('puts the page number on the left and the header on the right', () => {
    const number = ink(rendered, find(cover(), t('report:footer.page', { page: 1, total: rendered.pages.length })), 0, PAGE_WIDTH / 2);
    expect(number.left).toBeGreaterThanOrEqual(MARGIN_X - 1);
    expect(number.left).toBeLessThanOrEqual(MARGIN_X + 3);
    expectEdge(ink(rendered, find(cover(), t('report:header'))).right, PAGE_WIDTH - MARGIN_X, 'header');
  });
});

describe('a report in English', () => {
  it('sets its title and labels flush left, as before', async () => {
    const english = await render('en-GB');
    for (const key of ['report:cover.title', 'report:cover.incidents']) {
      const { left } = ink(english, find(english.pages[0] ?? [], english.t(key)), 0, MARGIN_X + 138);
      expect(left, key).toBeGreaterThanOrEqual(MARGIN_X - 1);
      expect(left, key).toBeLessThanOrEqual(MARGIN_X + 3);
    }
  }, 60_000);
});
