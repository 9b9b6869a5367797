// The PDF report prints what a person typed, in any script, in the production build: Panjabi
// (Gurmukhi), Urdu (with ے and ہ), English and a phone number in one incident, Chinese in
// another. Read back with PDF.js and, where installed, pdftotext (poppler-utils), normalised as
// test/core/export/pdf/scripts.test.ts documents: runs of whitespace become one space; for
// pdftotext, its embedding marks U+202A-U+202E are dropped and text with right-to-left letters
// is compared with all whitespace removed.
//
// The Chinese, Japanese and Korean fonts are not precached (src/sw/sw.ts keeps each after its
// first use): offline before that, the Chinese entry names what it could not print, the cover
// says so, and nothing becomes "?". After one report online, an offline report prints it.
// Last, a report with the app in Arabic: its own headings are Arabic, read back as written.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, launch, newContext } from './support/browser';
import { pdfPageTexts } from './support/pdfText';
import { createVaultThroughUi, goOfflineAndUnlock } from './support/vault';

const MIXED = 'ਉਹ ਕੱਲ੍ਹ ਫਿਰ ਆਇਆ। وہ کل پھر آئے گا اور کہا کہ یہ ہے on WhatsApp again, call 07700 900123';
const CHINESE = '他昨晚跟踪我回家，说他明天还会再来。';

type Strings = Record<string, Record<string, unknown>>;
const locale = (language: string, namespace: string): Strings =>
  JSON.parse(readFileSync(new URL(`../src/i18n/locales/${language}/${namespace}.json`, import.meta.url), 'utf8')) as Strings;
const EN_REPORT = locale('en-GB', 'report');
const AR_REPORT = locale('ar', 'report');
const AR_EXPORT = locale('ar', 'export');

/** A string of a locale file by its dotted key. */
function text(strings: Strings, key: string): string {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], strings);
  if (typeof value !== 'string') throw new Error(`no string at ${key}`);
  return value;
}

/** The words of a translated sentence before its first {{placeholder}}. */
const before = (template: string) => template.split('{{')[0]?.trim() ?? '';

const spaces = (value: string) => value.replace(/\s+/g, ' ').trim();
const RTL = /[\u0590-\u08ff]/u;

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

/** pdftotext's reading of the whole file, with its embedding marks dropped. */
function pdftotext(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'daybook-pdf-scripts-'));
  try {
    writeFileSync(join(dir, 'report.pdf'), bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'report.pdf'), '-'])
      .toString()
      .replace(/[\u202a-\u202e]/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Whether both readers find `typed` in the report as typed. `rtlPage`: on a page poppler reads
 * right to left (a report in Arabic), it reads the punctuation at the end of a left-to-right line
 * first ("。他…来"), whatever the PDF holds (see src/core/export/pdf/popplerText.ts): for
 * pdftotext only, punctuation at the ends of `typed` is then not compared.
 */
async function expectPrinted(bytes: Uint8Array, typed: string, rtlPage = false): Promise<void> {
  expect(spaces((await pdfPageTexts(bytes)).join(' '))).toContain(spaces(typed));
  if (!hasPdftotext) return;
  const read = pdftotext(bytes);
  const expected = rtlPage && !RTL.test(typed) ? typed.replace(/^\p{P}+|\p{P}+$/gu, '') : typed;
  if (RTL.test(typed)) expect(read.replace(/\s/g, '')).toContain(expected.replace(/\s/g, ''));
  else expect(spaces(read)).toContain(spaces(expected));
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

async function addIncident(page: Page, whatHappened: string): Promise<void> {
  await page.getByRole('link', { name: 'New incident', exact: true }).click();
  await page.locator('main h1', { hasText: 'New incident' }).waitFor();
  await page.getByLabel('What happened?', { exact: true }).fill(whatHappened);
  await page.getByRole('checkbox', { name: 'Followed me' }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
  await page.getByRole('link', { name: 'Back to your diary' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your diary', exact: true }).waitFor();
}

interface ExportWords {
  pdf: RegExp;
  understood: string;
  create: string;
  ready: string;
  save: string;
}

const ENGLISH: ExportWords = {
  pdf: /^PDF report/,
  understood: 'I understand this file is not encrypted',
  create: 'Create file',
  ready: 'Your file is ready',
  save: 'Save file',
};

let reports = 0;

/** Makes the PDF report on the export screen (already open) and returns its bytes. */
async function pdfReport(page: Page, words: ExportWords = ENGLISH): Promise<Uint8Array> {
  await page.getByRole('radio', { name: words.pdf }).check();
  const understood = page.getByRole('checkbox', { name: words.understood });
  if (!(await understood.isChecked())) await understood.check();
  await page.getByRole('button', { name: words.create }).click();
  await page.getByRole('heading', { name: words.ready }).waitFor({ timeout: 45_000 });
  const file = await download(page, () => page.getByRole('button', { name: words.save }).click());
  expect(file.name).toMatch(/\.pdf$/);
  // To look at the reports: DAYBOOK_PDF_SCRIPTS_DIR=/some/dir
  const keep = process.env.DAYBOOK_PDF_SCRIPTS_DIR;
  if (keep) writeFileSync(join(keep, `report-${++reports}.pdf`), file.bytes);
  return new Uint8Array(file.bytes);
}

describe('PDF report in every script (production build)', () => {
  it('prints Panjabi, Urdu, English and Chinese as typed; offline before the Chinese font is kept, names what it could not print; in Arabic, its own words', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    // From here the app runs from the service worker; the Chinese font has never been fetched.
    await goOfflineAndUnlock(context, page);
    await addIncident(page, MIXED);
    await addIncident(page, CHINESE);
    await page.getByRole('link', { name: 'Export', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Export', exact: true }).waitFor();

    // 1. Offline, before the Chinese font's first use.
    const offline = await pdfReport(page);
    const offlineText = spaces((await pdfPageTexts(offline)).join(' '));
    await expectPrinted(offline, MIXED);
    expect(offlineText).toContain(before(text(EN_REPORT, 'cover.unprintable_one').replace('{{count}}', '1')));
    expect(offlineText).toContain(before(text(EN_REPORT, 'log.unprintable_other')));
    for (const char of new Set(CHINESE.replace(/[，。]/g, ''))) {
      expect(offlineText).toContain(`U+${char.codePointAt(0)?.toString(16).toUpperCase()}`);
    }
    // Never "?": each character that could not be drawn keeps its own text in the PDF.
    await expectPrinted(offline, CHINESE);
    expect(offlineText).not.toMatch(/\?{2}/);

    // 2. Online: the Chinese font is fetched (and kept); everything prints.
    await context.setOffline(false);
    const online = await pdfReport(page);
    await expectPrinted(online, MIXED);
    await expectPrinted(online, CHINESE);
    const onlineText = spaces((await pdfPageTexts(online)).join(' '));
    expect(onlineText).not.toContain(before(text(EN_REPORT, 'log.unprintable_other')));
    expect(onlineText).not.toContain(before(text(EN_REPORT, 'cover.unprintable_other')));

    // 3. Offline again: the font kept on first use prints the Chinese.
    await context.setOffline(true);
    const kept = await pdfReport(page);
    await expectPrinted(kept, CHINESE);
    expect(spaces((await pdfPageTexts(kept)).join(' '))).not.toContain(before(text(EN_REPORT, 'log.unprintable_other')));

    // 4. The app in Arabic: the report's own headings are Arabic, read back as written.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel(/^العربية/).check();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('ar');
    await page.goBack(); // to the export screen, now in Arabic
    await page.getByRole('heading', { level: 1, name: text(AR_EXPORT, 'title'), exact: true }).waitFor();
    const arabic = await pdfReport(page, {
      pdf: new RegExp(`^${text(AR_EXPORT, 'format.pdf.label')}`),
      understood: text(AR_EXPORT, 'warning.understood'),
      create: text(AR_EXPORT, 'create'),
      ready: text(AR_EXPORT, 'ready.title'),
      save: text(AR_EXPORT, 'ready.save'),
    });
    for (const key of ['cover.title', 'cover.behavioursTitle', 'evidence.title', 'log.title', 'cover.incidents']) {
      await expectPrinted(arabic, text(AR_REPORT, key), true);
    }
    await expectPrinted(arabic, MIXED, true);
    await expectPrinted(arabic, CHINESE, true);
    await context.close();
  });
});
