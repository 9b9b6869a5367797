// Every script a person may type prints exactly: one paragraph per script (regular, then bold)
// is drawn as the report draws text, read back with pdftotext (poppler-utils) and PDF.js, and
// its page compared with a reference picture.
//
// What is normalised before comparing, and why:
// - Whitespace: runs of spaces and line breaks become one space (a wrapped line reads back as
//   two lines), and the ends are trimmed.
// - pdftotext only: it reorders right-to-left lines itself and marks the runs inside them with
//   the embedding controls U+202A-U+202E, moving the spaces at their edges; those marks are
//   dropped, and paragraphs with right-to-left text are compared with all whitespace removed.
//   The order of what remains is checked exactly: the mixed sample keeps "07700 900123", two
//   numbers a space apart, which poppler alone would read as "900123 07700" (it reads any stretch
//   without right-to-left letters left to right); such lines carry ActualText in the order
//   poppler needs (see popplerText in src/core/export/pdf/reportFont.ts), and PDF.js, which
//   ignores ActualText, reads the characters themselves.
// - Presentation forms: none needed. No glyph reads back as an Arabic presentation form or
//   compatibility character: lines that shape into such glyphs carry their text as typed in an
//   invisible text layer (see src/core/export/pdf/reportFont.ts).
//
// Reference pictures: test/fixtures/pdf-scripts/<script>.png, 72 dpi, greyscale, the top of each
// page, compared pixel by pixel within a tolerance (anti-aliasing may differ between poppler versions). After a deliberate change to how text is drawn, look at the new pictures and rewrite them
// with `node scripts/update-pdf-script-fixtures.mjs`.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeGreyPng, encodeGreyPng, type GreyImage } from './png';
import { renderSamples, SAMPLE_NAMES, SCRIPT_SAMPLES, type ScriptSample } from './scriptSamples';

const UPDATE = process.env.UPDATE_PDF_SCRIPT_FIXTURES === '1';
const FIXTURES = 'test/fixtures/pdf-scripts';
const RTL = /[\u0590-\u08ff]/u;
/** Mean difference per pixel (of 255), and the share of pixels that differ by more than a quarter. */
const MEAN_TOLERANCE = 1.5;
const CHANGED_TOLERANCE = 0.005;

function requirePoppler(): void {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'pipe' });
    execFileSync('pdftoppm', ['-v'], { stdio: 'pipe' });
  } catch {
    throw new Error('pdftotext and pdftoppm are missing: install poppler-utils (apt-get install poppler-utils) to run this test.');
  }
}

const spaces = (text: string) => text.replace(/\s+/g, ' ').trim();

let dir: string;
let file: string;
let pdfjsPages: string[];

beforeAll(async () => {
  requirePoppler();
  dir = mkdtempSync(join(tmpdir(), 'daybook-scripts-'));
  file = join(dir, 'scripts.pdf');
  const bytes = await renderSamples();
  writeFileSync(file, bytes);
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  pdfjsPages = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pdfjsPages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function pdftotext(page: number): string {
  return execFileSync('pdftotext', ['-f', `${page}`, '-l', `${page}`, '-enc', 'UTF-8', file, '-']).toString();
}

function picture(page: number): GreyImage {
  const prefix = join(dir, `page-${page}`);
  // The top of the page: the paragraph, regular and bold.
  execFileSync('pdftoppm', [
    '-f',
    `${page}`,
    '-l',
    `${page}`,
    '-r',
    '72',
    '-gray',
    '-x',
    '0',
    '-y',
    '50',
    '-W',
    '595',
    '-H',
    '80',
    '-singlefile',
    file,
    prefix,
  ]);
  return readPgm(new Uint8Array(readFileSync(`${prefix}.pgm`)));
}

/** pdftoppm's greyscale output: a binary PGM ("P5", width, height, 255, then a byte per pixel). */
function readPgm(bytes: Uint8Array): GreyImage {
  const header = new TextDecoder('latin1').decode(bytes.subarray(0, 40)).match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
  if (!header) throw new Error('Not a greyscale PGM');
  const [found, width = '0', height = '0'] = header;
  return { width: Number(width), height: Number(height), pixels: bytes.slice(found.length) };
}

function difference(a: GreyImage, b: GreyImage): { mean: number; changed: number } {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let total = 0;
  let changed = 0;
  a.pixels.forEach((value, i) => {
    const delta = Math.abs(value - (b.pixels[i] ?? 0));
    total += delta;
    if (delta > 64) changed++;
  });
  return { mean: total / a.pixels.length, changed: changed / a.pixels.length };
}

describe.each(SAMPLE_NAMES.map((name, index) => [name, index + 1] as [ScriptSample, number]))('%s', (name, page) => {
  const typed = SCRIPT_SAMPLES[name];

  it('reads back as typed with PDF.js', () => {
    expect(spaces(pdfjsPages[page - 1] ?? '')).toBe(`${typed} ${typed}`);
  });

  it('reads back as typed with pdftotext', () => {
    const text = spaces(pdftotext(page).replace(/[\u202a-\u202e]/g, ''));
    if (RTL.test(typed)) expect(text.replace(/\s/g, '')).toBe(`${typed}${typed}`.replace(/\s/g, ''));
    else expect(text).toBe(`${typed} ${typed}`);
  });

  it('looks as it did (reference picture)', () => {
    const image = picture(page);
    const fixture = join(FIXTURES, `${name}.png`);
    if (UPDATE) writeFileSync(fixture, encodeGreyPng(image));
    const { mean, changed } = difference(image, decodeGreyPng(new Uint8Array(readFileSync(fixture))));
    expect(mean).toBeLessThan(MEAN_TOLERANCE);
    expect(changed).toBeLessThan(CHANGED_TOLERANCE);
  });
});
