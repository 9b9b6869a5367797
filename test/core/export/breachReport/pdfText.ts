// Test helper (not a test file): a breach summary drawn as the app draws it (fonts from
// node_modules, real strings), and its text read back by PDF.js and pdftotext (poppler-utils).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { i18n } from 'i18next';
import type { BreachSummary } from '../../../../src/core/export/breachReport/breachSummary';
import { renderBreachSummaryPdf } from '../../../../src/core/export/breachReport/renderBreachSummary';
import { familiesFor, stringsIn } from '../../../../src/core/export/pdf/fontFamilies';
import type { ReportTranslate } from '../../../../src/core/export/pdf/types';
import { readLocale, testI18n } from '../../../support/i18n';
import { fontFiles } from '../pdf/scriptFonts';

const instances = new Map<string, Promise<i18n>>();

export async function translateFor(locale: string): Promise<ReportTranslate> {
  let instance = instances.get(locale);
  if (!instance) {
    instance = testI18n(locale);
    instances.set(locale, instance);
  }
  const i18n = await instance;
  return (key, options) => (i18n.t as unknown as ReportTranslate)(key, options);
}

/** Draws the summary; `allFonts` false gives DejaVu Sans only (quicker; other scripts print as boxes). */
export async function drawSummary(summary: BreachSummary, locale: string, allFonts = true): Promise<Uint8Array> {
  const families = allFonts ? familiesFor([...stringsIn(summary), ...stringsIn(readLocale(locale).breachReport)]) : [];
  return renderBreachSummaryPdf({ summary, fonts: fontFiles(families), t: await translateFor(locale), locale, timeZone: 'Europe/London' });
}

/** Each page's text as PDF.js reads it. */
export async function pdfjsPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
  return pages;
}

/** The whole text as pdftotext reads it. */
export function popplerText(bytes: Uint8Array): string {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'pipe' });
  } catch {
    throw new Error('pdftotext is missing: install poppler-utils (apt-get install poppler-utils) to run this test.');
  }
  const dir = mkdtempSync(join(tmpdir(), 'daybook-breach-'));
  try {
    const file = join(dir, 'summary.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs of whitespace as one space (a wrapped line reads back as two). */
export const spaces = (text: string) => text.replace(/\s+/g, ' ').trim();
/** pdftotext's embedding marks dropped and all whitespace removed, for right-to-left text. */
export const bare = (text: string) => text.replace(/[\u202a-\u202e]/g, '').replace(/\s+/g, '');
