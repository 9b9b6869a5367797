import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations as violations } from './support/axe';
import { baseURL, download, launch, newContext, recordForeignRequests } from './support/browser';
import { createVaultThroughUi, dumpIndexedDb, finishRestoreThroughUi, goOfflineAndUnlock, unlockThroughUi } from './support/vault';
import { pdfPageTexts } from './support/pdfText';

const PNG = readFileSync(new URL('../public/icons/icon-192.png', import.meta.url));
const PACKAGE_PASSPHRASE = 'harbour violet engine copper';
const BACKUP_PASSPHRASE = 'saddle quiet forest lamp';
const WELSH = 'Roedd o yn yr ŷd ger y ffŵr, â golwg ddig';
const POLISH = 'Zażółć gęślą jaźń';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

async function addIncident(
  page: Page,
  text: string,
  options: { where?: string; witness?: string; photo?: boolean; behaviour?: string } = {},
) {
  await page.getByRole('link', { name: 'New incident', exact: true }).click();
  await page.locator('main h1', { hasText: 'New incident' }).waitFor();
  await page.getByLabel('What happened?', { exact: true }).fill(text);
  await page.getByRole('checkbox', { name: options.behaviour ?? 'Followed me' }).check();
  if (options.where) await page.getByLabel('Where did it happen?').fill(options.where);
  if (options.witness) {
    await page.getByRole('button', { name: 'Add a witness' }).click();
    await page.getByLabel('Name', { exact: true }).fill(options.witness);
  }
  if (options.photo) {
    await page.getByLabel('Add photos or files').setInputFiles({ name: 'doorstep.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('doorstep.png').first().waitFor();
  }
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
  await page.getByRole('link', { name: 'Back to your diary' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your diary', exact: true }).waitFor();
}

async function openExport(page: Page) {
  await page.getByRole('link', { name: 'Export', exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Export', exact: true }).waitFor();
}

async function exportAs(page: Page, format: RegExp) {
  await page.getByRole('radio', { name: format }).check();
  await page.getByRole('checkbox', { name: 'I understand this file is not encrypted' }).check();
  await page.getByRole('button', { name: 'Create file' }).click();
  await page.getByRole('heading', { name: 'Your file is ready' }).waitFor({ timeout: 60_000 });
  return download(page, () => page.getByRole('button', { name: 'Save file' }).click());
}

describe('exports: PDF, CSV, JSON, evidence package, backup and restore', () => {
  it('offline, downloads each format; the PDF reads back with Welsh and Polish text; a package opens verified in another profile', async () => {
    const context = await newContext(browser);
    const foreign = recordForeignRequests(context);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    // Everything below runs offline: the PDF code and its fonts come from the service worker.
    await goOfflineAndUnlock(context, page);
    await addIncident(page, `${WELSH}. ${POLISH}.`, { where: 'Stryd Fawr, Caernarfon', witness: 'Secret Witness Name', photo: true });
    await addIncident(page, 'Silent calls from a withheld number', { behaviour: 'Called me' });
    await addIncident(page, '=HYPERLINK("http://example.invalid","click")', { behaviour: 'Texted or messaged me' });

    await openExport(page);
    await page.getByText('This export will hold 3 incidents and 1 file').waitFor();
    expect(await violations(page)).toEqual([]);

    // Unencrypted formats need the warning acknowledged first.
    await page.getByRole('button', { name: 'Create file' }).click();
    await page.getByText('Tick the box to confirm you understand the file is not encrypted.').waitFor();

    const json = await exportAs(page, /^Data file \(JSON\)/);
    expect(json.name).toMatch(/^daybook-data-\d{4}-\d{2}-\d{2}\.json$/);
    const document = JSON.parse(json.bytes.toString('utf8')) as {
      format: string;
      version: number;
      chain: { size: number; root: string; links: unknown[] };
      entries: unknown[];
    };
    expect(document).toMatchObject({ format: 'daybook-export', version: 2 });
    expect(document.entries).toHaveLength(3);
    expect(document.chain.size).toBe(3);
    expect(document.chain.root).toMatch(/^[0-9a-f]{64}$/);

    const pdf = await exportAs(page, /^PDF report/);
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = await pdfPageTexts(new Uint8Array(pdf.bytes));
    const text = pages.join('\n');
    expect(text).toContain(WELSH);
    expect(text).toContain(POLISH);
    expect(text).toContain('Secret Witness Name');
    expect(text.replace(/\s+/g, '')).toContain(document.chain.root);
    expect(text).toContain(createHash('sha256').update(PNG).digest('hex'));
    pages.forEach((pageText, i) => expect(pageText).toContain(`${i + 1}`));
    expect(pages[0]).toMatch(new RegExp(`\\b1\\b.*\\b${pages.length}\\b`));

    const csv = await exportAs(page, /^Spreadsheet \(CSV\)/);
    const csvText = csv.bytes.toString('utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    expect(csvText).toContain(POLISH);
    expect(csvText).toContain(`"'=HYPERLINK(`);
    expect(csvText).not.toMatch(/(^|,)"=HYPERLINK/m);

    // Leaving witnesses out keeps them out of the report.
    await page.getByRole('checkbox', { name: 'Witnesses and how to reach them' }).check();
    const redacted = await pdfPageTexts(new Uint8Array((await exportAs(page, /^PDF report/)).bytes));
    expect(redacted.join('\n')).not.toContain('Secret Witness Name');
    await page.getByRole('checkbox', { name: 'Witnesses and how to reach them' }).uncheck();

    // An evidence package of one incident, opened in a fresh profile.
    await page.getByRole('radio', { name: 'Only the incidents I tick' }).check();
    await page.getByRole('checkbox', { name: /Silent calls/ }).check();
    await page.getByText('This export will hold 1 incident, with no files attached.').waitFor();
    await page.getByRole('radio', { name: /^Evidence package for an advocate/ }).check();
    await page.getByLabel('New passphrase', { exact: true }).fill(PACKAGE_PASSPHRASE);
    await page.getByLabel('Type the new passphrase again').fill(PACKAGE_PASSPHRASE);
    await page.getByRole('button', { name: 'Create file' }).click();
    await page.getByRole('heading', { name: 'Your file is ready' }).waitFor({ timeout: 60_000 });
    const pack = await download(page, () => page.getByRole('button', { name: 'Save file' }).click());
    expect(pack.bytes.toString('latin1')).not.toContain('Silent calls');
    expect(foreign).toEqual([]);

    const advocate = await newContext(browser);
    const advocateForeign = recordForeignRequests(advocate);
    const reader = await advocate.newPage();
    await reader.goto(baseURL() + '/package');
    await reader.getByRole('heading', { level: 1, name: 'Open an evidence package' }).waitFor();
    expect(await violations(reader)).toEqual([]);
    await reader
      .getByLabel('Choose file', { exact: true })
      .setInputFiles({ name: pack.name, mimeType: 'application/octet-stream', buffer: pack.bytes });
    await reader.getByLabel("The package's passphrase").fill('not the passphrase');
    await reader.getByRole('button', { name: 'Open', exact: true }).click();
    await reader.getByText('That passphrase does not open this file.').waitFor({ timeout: 30_000 });
    await reader.getByLabel("The package's passphrase").fill(PACKAGE_PASSPHRASE);
    await reader.getByRole('button', { name: 'Open', exact: true }).click();
    await reader.getByRole('heading', { name: 'Verified', exact: true }).waitFor({ timeout: 30_000 });
    await reader.getByText(/This file says the diary had 3 records when it was made/).waitFor();
    await reader
      .getByText(/Silent calls from a withheld number/)
      .first()
      .waitFor();
    expect(await reader.getByText(WELSH).count()).toBe(0);
    expect(await violations(reader)).toEqual([]);
    // Opened read-only: nothing of it is stored in the advocate's browser.
    expect((await dumpIndexedDb(reader)).text).not.toContain('Silent calls');
    const report = await download(reader, async () => {
      await reader.getByRole('button', { name: 'Make PDF report' }).click();
      await reader.getByRole('heading', { name: 'Your file is ready' }).waitFor({ timeout: 60_000 });
      await reader.getByRole('button', { name: 'Save file' }).click();
    });
    const reportText = (await pdfPageTexts(new Uint8Array(report.bytes))).join('\n');
    expect(reportText).toContain('Silent calls from a withheld number');
    expect(reportText).not.toContain(POLISH);
    expect(advocateForeign).toEqual([]);
    await advocate.close();
    await context.close();
  });

  it('a redacted package verifies what it shows, names what it leaves out, and shows an earlier fingerprint is contained', async () => {
    const context = await newContext(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL() });
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await addIncident(page, 'He waited by the school gate at home time', {
      where: 'Outside Hillside Primary',
      witness: 'Secret Witness Name',
    });
    await addIncident(page, 'Silent calls from a withheld number', { behaviour: 'Called me' });

    // The diary's fingerprint now, given to someone trusted (copied): 2 records.
    await page.getByText('Diary fingerprint', { exact: true }).click();
    const earlier = (await page.getByTestId('fingerprint').textContent({ timeout: 20_000 })) ?? '';
    expect(earlier).toMatch(/^2 · ([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText(/^Fingerprint copied\./).waitFor();
    await addIncident(page, 'A note through the door', { behaviour: 'Texted or messaged me' });

    // Only the school-gate incident, without where it happened or the witness.
    await openExport(page);
    await page.getByRole('radio', { name: 'Only the incidents I tick' }).check();
    await page.getByRole('checkbox', { name: /school gate/ }).check();
    await page.getByRole('checkbox', { name: 'Where it happened' }).check();
    await page.getByRole('checkbox', { name: 'Witnesses and how to reach them' }).check();
    await page.getByRole('radio', { name: /^Evidence package for an advocate/ }).check();
    // Before anything is written, the screen says what the recipient learns about the rest.
    const learns = page.getByRole('region', { name: 'What the person you send this to will learn' });
    await learns.getByText(/\b3\b/).first().waitFor();
    await page.getByLabel('New passphrase', { exact: true }).fill(PACKAGE_PASSPHRASE);
    await page.getByLabel('Type the new passphrase again').fill(PACKAGE_PASSPHRASE);
    await page.getByRole('button', { name: 'Create file' }).click();
    await page.getByRole('heading', { name: 'Your file is ready' }).waitFor({ timeout: 60_000 });
    const pack = await download(page, () => page.getByRole('button', { name: 'Save file' }).click());

    const advocate = await newContext(browser);
    const reader = await advocate.newPage();
    await reader.goto(baseURL() + '/package');
    await reader
      .getByLabel('Choose file', { exact: true })
      .setInputFiles({ name: pack.name, mimeType: 'application/octet-stream', buffer: pack.bytes });
    await reader.getByLabel("The package's passphrase").fill(PACKAGE_PASSPHRASE);
    await reader.getByRole('button', { name: 'Open', exact: true }).click();
    await reader.getByRole('heading', { name: 'Verified', exact: true }).waitFor({ timeout: 30_000 });
    // What was checked: what happened, when and the behaviours of the one version shown.
    await reader.getByText(/^Checked: what happened, when it happened and .* in 1 version of 1 incident/).waitFor();
    await reader.getByText('He waited by the school gate at home time').first().waitFor();
    // What was not: the details left out are named, and their text is nowhere.
    const notCovered = reader.getByRole('region', { name: 'Not covered by this check' });
    await notCovered.getByText(/Details left out by the sender: .*where it happened.*witnesses/i).waitFor();
    await notCovered.getByText(/^Times: /).waitFor();
    expect(await reader.getByText('Secret Witness Name').count()).toBe(0);
    expect(await reader.getByText('Outside Hillside Primary').count()).toBe(0);
    expect(await reader.getByText('Silent calls from a withheld number').count()).toBe(0);
    expect(await violations(reader)).toEqual([]);

    // The fingerprint given before this file was made is an earlier state of the same diary.
    const check = reader.getByLabel('Fingerprint to check');
    await check.fill(earlier.toLowerCase().replace(/ · /, '-'));
    await reader.getByRole('button', { name: 'Check', exact: true }).click();
    await reader
      .getByRole('status')
      .filter({ hasText: /^Contained/ })
      .waitFor();
    // One changed character: not this diary.
    const altered = earlier.slice(0, -1) + (earlier.endsWith('0') ? '1' : '0');
    await check.fill(altered);
    await reader.getByRole('button', { name: 'Check', exact: true }).click();
    await reader
      .getByRole('status')
      .filter({ hasText: /^(Not contained|This file cannot show it)/ })
      .waitFor();
    await advocate.close();
    await context.close();
  });

  it('backs up, restores into a fresh profile, refuses bad files, restoring twice adds nothing, and merges the second device back', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await addIncident(page, `Backup test: ${POLISH}`, { photo: true });
    await addIncident(page, 'Second incident for the backup', { behaviour: 'Called me' });

    // In-app navigation: loading a page afresh would start locked.
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByRole('link', { name: 'Backup and restore' }).click();
    await page.getByRole('heading', { level: 1, name: 'Backup and restore' }).waitFor();
    await page.getByText('No backup has been made on this device yet.').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByLabel('New passphrase', { exact: true }).fill(BACKUP_PASSPHRASE);
    await page.getByLabel('Type the new passphrase again').fill(BACKUP_PASSPHRASE);
    await page.getByRole('button', { name: 'Make backup' }).click();
    await page.getByRole('heading', { name: 'Your file is ready' }).waitFor({ timeout: 60_000 });
    const backup = await download(page, () => page.getByRole('button', { name: 'Save file' }).click());
    expect(backup.name).toMatch(/\.daybook-backup$/);
    expect(backup.bytes.toString('latin1')).not.toContain('Backup test');
    await page.getByText(/^Last backup: /).waitFor();

    // Restoring the same backup into the same diary adds nothing.
    await page
      .getByLabel('Choose backup file')
      .setInputFiles({ name: backup.name, mimeType: 'application/octet-stream', buffer: backup.bytes });
    await page.getByLabel("The backup's passphrase").fill(BACKUP_PASSPHRASE);
    await page.getByRole('button', { name: 'Check backup' }).click();
    await page.getByText('Everything in this backup is already in this diary. There is nothing to add.').waitFor({ timeout: 30_000 });

    // A fresh profile starts from the backup.
    const fresh = await newContext(browser);
    const foreign = recordForeignRequests(fresh);
    const other = await fresh.newPage();
    await other.goto(baseURL() + '/');
    await other.getByRole('button', { name: 'Start from a backup' }).click();
    const fileField = other.getByLabel('Choose backup file');
    const before = await dumpIndexedDb(other);

    // Damaged, cut short, foreign and wrong-passphrase files are refused, changing nothing.
    const damaged = Buffer.from(backup.bytes);
    const middle = Math.floor(damaged.length / 2);
    damaged.writeUInt8((damaged.readUInt8(middle) ^ 0xff) & 0xff, middle);
    const cases: [string, Buffer, string][] = [
      ['wrong passphrase', backup.bytes, 'That passphrase does not open this file.'],
      ['damaged', damaged, 'This file is damaged or has been altered'],
      ['cut short', backup.bytes.subarray(0, Math.floor(backup.bytes.length * 0.7)), 'This file is incomplete'],
      ['foreign', Buffer.from('%PDF-1.7 not a backup at all'), 'This is not a Daybook file'],
    ];
    for (const [label, bytes, message] of cases) {
      await fileField.setInputFiles({ name: `${label}.daybook-backup`, mimeType: 'application/octet-stream', buffer: bytes });
      await other.getByLabel("The backup's passphrase").fill(label === 'wrong passphrase' ? 'wrong words entirely' : BACKUP_PASSPHRASE);
      await other.getByRole('button', { name: 'Check backup' }).click();
      await other.getByText(message).waitFor({ timeout: 30_000 });
    }
    expect((await dumpIndexedDb(other)).text).toBe(before.text);

    await fileField.setInputFiles({ name: backup.name, mimeType: 'application/octet-stream', buffer: backup.bytes });
    await other.getByLabel("The backup's passphrase").fill(BACKUP_PASSPHRASE);
    await other.getByRole('button', { name: 'Check backup' }).click();
    await other.getByText(/Every part of it was checked and is complete/).waitFor({ timeout: 30_000 });
    expect(await violations(other)).toEqual([]);
    await finishRestoreThroughUi(other);
    await other.getByText(`Backup test: ${POLISH}`).waitFor();
    await other.getByText('Second incident for the backup').waitFor();
    await other.getByText('Record of changes checked: 2 records, nothing altered or missing.').waitFor();
    await other.getByRole('link', { name: /Backup test/ }).click();
    await other.getByRole('button', { name: 'Show', exact: true }).click();
    await other.locator('main img[alt="doorstep.png"]').waitFor();
    expect((await dumpIndexedDb(other)).text).not.toContain('Backup test');

    // The second device writes something new and backs up; the first merges that backup in.
    await other.getByRole('link', { name: 'Back to your diary' }).click();
    await other.getByLabel('What happened?').fill('Written on the second phone');
    await other.getByRole('button', { name: 'Save', exact: true }).click();
    await other.getByText('Saved in your diary.').waitFor();
    await other.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await other.getByRole('link', { name: 'Backup and restore' }).click();
    // Settings has a "New passphrase" field too (change passphrase): wait for the backup screen.
    await other.getByRole('heading', { level: 1, name: 'Backup and restore' }).waitFor();
    await other.getByLabel('New passphrase', { exact: true }).fill(BACKUP_PASSPHRASE);
    await other.getByLabel('Type the new passphrase again').fill(BACKUP_PASSPHRASE);
    await other.getByRole('button', { name: 'Make backup' }).click();
    await other.getByRole('heading', { name: 'Your file is ready' }).waitFor({ timeout: 60_000 });
    const second = await download(other, () => other.getByRole('button', { name: 'Save file' }).click());

    await page.getByRole('button', { name: 'Choose another backup' }).click();
    await page
      .getByLabel('Choose backup file')
      .setInputFiles({ name: second.name, mimeType: 'application/octet-stream', buffer: second.bytes });
    await page.getByLabel("The backup's passphrase").fill(BACKUP_PASSPHRASE);
    await page.getByRole('button', { name: 'Check backup' }).click();
    await page.getByText('1 new incident').waitFor({ timeout: 30_000 });
    await page.getByText('Nothing in this diary is removed or changed.').waitFor();
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByText('Restored. New incidents added: 1. Files added: 0.').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Diary', exact: true }).click();
    await page.getByText('Written on the second phone').waitFor();
    await page.getByText('Record of changes checked: 3 records, nothing altered or missing.').waitFor();
    expect(foreign).toEqual([]);
    await fresh.close();
    await context.close();
  });

  it('export and backup screens pass axe in Welsh and fit 320 px left-to-right and right-to-left', async () => {
    const context = await newContext(browser, { viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await addIncident(page, 'Layout check incident');
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Cymraeg').check();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('cy');
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    for (const [link, heading] of [
      ['Allforio', 'Allforio'],
      ['Copi wrth gefn ac adfer', 'Copi wrth gefn ac adfer'],
    ] as const) {
      await page.getByRole('navigation').getByRole('link', { name: 'Gosodiadau' }).click();
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      // The incident picker and the package passphrase are part of the export screen too.
      if (link === 'Allforio') {
        await page.getByRole('radio').nth(1).check();
        await page.getByRole('radio', { name: /^Pecyn tystiolaeth/ }).check();
      }
      expect(await violations(page), `${heading} (cy)`).toEqual([]);
      expect(await overflow(), `${heading} ltr`).toBe(0);
      await page.evaluate(() => {
        document.documentElement.dir = 'rtl';
      });
      expect(await overflow(), `${heading} rtl`).toBe(0);
      await page.evaluate(() => {
        document.documentElement.dir = 'ltr';
      });
    }
    await context.close();
  });

  it('nudges for a backup after 10 new incidents; "Remind me later" puts it off, also after a reload', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    const reminder = page.getByRole('heading', { name: 'Time for a backup' });
    for (let i = 1; i <= 10; i++) {
      expect(await reminder.count(), `before incident ${i}`).toBe(0);
      await page.getByLabel('What happened?').fill(`Quick log number ${i}`);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved in your diary.').waitFor();
      await page.getByText(`Quick log number ${i}`).first().waitFor();
    }
    await reminder.waitFor();
    await page.getByText('You have 10 incidents in your diary and no backup yet.', { exact: false }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Remind me later' }).click();
    await expect.poll(() => reminder.count()).toBe(0);
    await page.reload();
    await unlockThroughUi(page);
    await page.getByText('Quick log number 10').first().waitFor();
    // A negative check: give the reminder time to appear if the snooze had not been kept.
    await page.waitForTimeout(1500);
    expect(await reminder.count()).toBe(0);
    await context.close();
  });
});
